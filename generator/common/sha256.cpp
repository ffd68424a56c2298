// SHA-256 through OpenSSL's libcrypto (EVP), which picks the processor's SHA
// extensions or vector code by itself.
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/files.hpp"

namespace trame {

std::string sha256_hex(std::string_view bytes) {
  // The algorithm is fetched once; EVP_Digest is one-shot (init, update, final).
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!md || EVP_Digest(bytes.data(), bytes.size(), digest, &size, md, nullptr) != 1 || size != 32)
    throw std::runtime_error("SHA-256 indisponible (libcrypto d’OpenSSL)");
  static const char* hex = "0123456789abcdef";
  std::string out(64, '0');
  for (unsigned i = 0; i < 32; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace trame
