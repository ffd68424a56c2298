// Test helper: a PKCS#12 file holding a private key and a certificate of ANOTHER key
// (the openssl command refuses to make one). Usage: mismatched_p12 KEY.pem CERT.pem PASSWORD OUT.p12
#include <openssl/pem.h>
#include <openssl/pkcs12.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 5) return 2;
  FILE* f = std::fopen(argv[1], "r");
  EVP_PKEY* key = f ? PEM_read_PrivateKey(f, nullptr, nullptr, nullptr) : nullptr;
  if (f) std::fclose(f);
  f = std::fopen(argv[2], "r");
  X509* cert = f ? PEM_read_X509(f, nullptr, nullptr, nullptr) : nullptr;
  if (f) std::fclose(f);
  if (!key || !cert) return 1;
  STACK_OF(PKCS12_SAFEBAG)* bags = nullptr;
  STACK_OF(PKCS7)* safes = nullptr;
  const int pbe = NID_aes_256_cbc;
  if (!PKCS12_add_cert(&bags, cert) || !PKCS12_add_key(&bags, key, 0, PKCS12_DEFAULT_ITER, pbe, argv[3]) ||
      !PKCS12_add_safe(&safes, bags, pbe, PKCS12_DEFAULT_ITER, argv[3]))
    return 1;
  PKCS12* p12 = PKCS12_add_safes(safes, 0);
  if (!p12 || !PKCS12_set_mac(p12, argv[3], -1, nullptr, 0, PKCS12_DEFAULT_ITER, EVP_sha256())) return 1;
  f = std::fopen(argv[4], "wb");
  if (!f || !i2d_PKCS12_fp(f, p12)) return 1;
  std::fclose(f);
  return 0;
}
