// CMS signatures for PAdES with OpenSSL 3: see cms.hpp.
#include "sign/cms.hpp"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "common/diagnostic.hpp"

namespace trame::sign {

namespace {

template <class T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
template <class T, void (*F)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, F>>;

void free_certs(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }

Error certificate_error(const std::string& id, const std::string& file, const std::string& message) {
  ERR_clear_error();
  return Error(ErrorKind::Certificate, Diagnostic{Severity::Error, id, file, 0, 0, "", message});
}

[[noreturn]] void openssl_failure(const char* what) {
  unsigned long e = ERR_get_error();
  char buf[256] = "";
  if (e) ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.sign.E501", "", 0, 0, "",
                                              std::string("échec d’OpenSSL (") + what + ") : " + buf});
}

std::string der_length(size_t n) {
  std::string out;
  if (n < 0x80) return std::string(1, static_cast<char>(n));
  while (n) out.insert(out.begin(), static_cast<char>(n & 0xFF)), n >>= 8;
  return static_cast<char>(0x80 | out.size()) + out;
}

// The DER of the signed attributes as signed (a SET OF, its elements sorted, §5.4 of
// RFC 5652), which is also how OpenSSL encodes them in the SignerInfo.
std::string signed_attributes_der(CMS_SignerInfo* si) {
  std::vector<std::string> items;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    unsigned char* buf = nullptr;
    int n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &buf);
    if (n <= 0) openssl_failure("attributs signés");
    items.emplace_back(reinterpret_cast<char*>(buf), static_cast<size_t>(n));
    OPENSSL_free(buf);
  }
  std::sort(items.begin(), items.end());
  std::string body;
  for (const auto& s : items) body += s;
  return "\x31" + der_length(body.size()) + body;
}

// "JJ/MM/AAAA" of a certificate's date.
std::string date_of(const ASN1_TIME* t) {
  struct tm tm {};
  if (!ASN1_TIME_to_tm(t, &tm)) return "?";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
  return buf;
}

}  // namespace

struct Credentials::State {
  Owned<EVP_PKEY, EVP_PKEY_free> key;
  Owned<X509, X509_free> cert;
  Owned<STACK_OF(X509), free_certs> chain;
};

Credentials Credentials::load(const std::string& file, const std::string& bytes, const std::string& password,
                              std::time_t when) {
  // Files made by older tools (RC2, 3DES) need the legacy provider, if installed.
  static const bool providers = [] {
    OSSL_PROVIDER_try_load(nullptr, "legacy", 1);
    return true;
  }();
  (void)providers;
  ERR_clear_error();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
  Owned<PKCS12, PKCS12_free> p12(d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size())));
  if (!p12)
    throw certificate_error("trame.sign.E201", file,
                            "ce n’est pas un fichier PKCS#12 (.p12 ou .pfx contenant un certificat et sa clé)");
  if (PKCS12_mac_present(p12.get()) && !PKCS12_verify_mac(p12.get(), password.c_str(), -1))
    throw certificate_error("trame.sign.E202", file, "mot de passe incorrect pour ce fichier de certificat");
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  if (!PKCS12_parse(p12.get(), password.c_str(), &key, &cert, &ca))
    throw certificate_error("trame.sign.E202", file,
                            "le fichier de certificat ne s’ouvre pas avec ce mot de passe (ou son chiffrement n’est pas pris en charge)");
  auto st = std::make_shared<State>();
  st->key.reset(key);
  st->cert.reset(cert);
  st->chain.reset(ca ? ca : sk_X509_new_null());
  if (!st->key) throw certificate_error("trame.sign.E203", file, "le fichier ne contient pas de clé privée");
  if (!st->cert) {
    if (sk_X509_num(st->chain.get()) > 0)
      throw certificate_error("trame.sign.E204", file, "la clé privée ne correspond à aucun certificat du fichier");
    throw certificate_error("trame.sign.E203", file, "le fichier ne contient pas de certificat");
  }
  if (X509_check_private_key(st->cert.get(), st->key.get()) != 1)
    throw certificate_error("trame.sign.E204", file, "la clé privée ne correspond pas au certificat");
  std::time_t t = when;
  if (X509_cmp_time(X509_get0_notBefore(st->cert.get()), &t) > 0)
    throw certificate_error("trame.sign.E206", file,
                            "le certificat n’est pas encore valide : il l’est à partir du " +
                                date_of(X509_get0_notBefore(st->cert.get())));
  if (X509_cmp_time(X509_get0_notAfter(st->cert.get()), &t) < 0)
    throw certificate_error("trame.sign.E205", file,
                            "le certificat a expiré le " + date_of(X509_get0_notAfter(st->cert.get())));
  Credentials c;
  c.state = std::move(st);
  return c;
}

std::string Credentials::signer_name() const {
  X509_NAME* name = X509_get_subject_name(state->cert.get());
  int i = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (i >= 0) {
    unsigned char* utf8 = nullptr;
    int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
    if (n >= 0) {
      std::string s(reinterpret_cast<char*>(utf8), static_cast<size_t>(n));
      OPENSSL_free(utf8);
      return s;
    }
  }
  char buf[512];
  X509_NAME_oneline(name, buf, sizeof buf);
  return buf;
}

std::string cms_sign(const Credentials& credentials, std::string_view data, const std::string& tsa_url) {
  const Credentials::State& c = *credentials.state;
  const unsigned flags = CMS_PARTIAL | CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP;
  Owned<CMS_ContentInfo, CMS_ContentInfo_free> cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  if (!cms) openssl_failure("CMS_sign");
  for (int i = 0; i < sk_X509_num(c.chain.get()); ++i)
    if (!CMS_add1_cert(cms.get(), sk_X509_value(c.chain.get(), i))) openssl_failure("CMS_add1_cert");
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), c.cert.get(), c.key.get(), EVP_sha256(), flags);
  if (!si) openssl_failure("CMS_add1_signer");
  // ESS signing-certificate-v2 (RFC 5035): the SHA-256 of the signer's certificate.
  {
    Owned<ESS_SIGNING_CERT_V2, ESS_SIGNING_CERT_V2_free> sc(
        OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), c.cert.get(), nullptr, 0));
    if (!sc) openssl_failure("signing-certificate-v2");
    unsigned char* der = nullptr;
    int n = i2d_ESS_SIGNING_CERT_V2(sc.get(), &der);
    if (n <= 0 || !CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE, der, n))
      openssl_failure("signing-certificate-v2");
    OPENSSL_free(der);
  }
  Owned<BIO, BIO_free_all> in(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  if (!CMS_final(cms.get(), in.get(), nullptr, CMS_DETACHED | CMS_BINARY)) openssl_failure("CMS_final");
  // OpenSSL 3.0 always adds signing-time, which PAdES forbids (the time is /M): remove it
  // and sign the remaining attributes again.
  for (int i; (i = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1)) >= 0;)
    X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, i));
  const std::string attrs = signed_attributes_der(si);
  Owned<EVP_MD_CTX, EVP_MD_CTX_free> md(EVP_MD_CTX_new());
  size_t sig_len = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, c.key.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &sig_len, reinterpret_cast<const unsigned char*>(attrs.data()), attrs.size()) != 1)
    openssl_failure("signature");
  std::string sig(sig_len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &sig_len,
                     reinterpret_cast<const unsigned char*>(attrs.data()), attrs.size()) != 1)
    openssl_failure("signature");
  sig.resize(sig_len);
  if (!ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig.data(), static_cast<int>(sig.size())))
    openssl_failure("signature");
  if (!tsa_url.empty()) {
    const std::string token = request_timestamp(tsa_url, sig);
    if (!CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token.data(),
                                       static_cast<int>(token.size())))
      openssl_failure("jeton d’horodatage");
  }
  unsigned char* der = nullptr;
  int n = i2d_CMS_ContentInfo(cms.get(), &der);
  if (n <= 0) openssl_failure("i2d_CMS_ContentInfo");
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return out;
}

bool cms_verify(std::string_view der, std::string_view data) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  Owned<CMS_ContentInfo, CMS_ContentInfo_free> cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms) return ERR_clear_error(), false;
  Owned<BIO, BIO_free_all> in(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  Owned<X509_STORE, X509_STORE_free> store(X509_STORE_new());
  const bool ok = CMS_verify(cms.get(), nullptr, store.get(), in.get(), nullptr, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace trame::sign
