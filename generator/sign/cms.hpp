// The cryptography of a PAdES signature, with OpenSSL 3: the signer's PKCS#12 file,
// the CMS SignedData over the document's byte ranges, and checking an earlier one.
#pragma once
#include <ctime>
#include <memory>
#include <string>
#include <string_view>

namespace trame::sign {

// The signer's certificate, private key and the other certificates of its chain.
class Credentials {
 public:
  // Reads a PKCS#12 file and checks it can sign at `when`: the password opens it, it
  // holds a key and the certificate of that key, valid at `when`. Throws trame::Error
  // (ErrorKind::Certificate) with a French message naming `file`.
  static Credentials load(const std::string& file, const std::string& bytes, const std::string& password,
                          std::time_t when);
  // The certificate's subject common name (or its whole subject) in UTF-8.
  std::string signer_name() const;
  struct State;
  std::shared_ptr<State> state;
};

// A detached CMS SignedData (DER), SHA-256, over `data`: signed attributes content-type,
// message-digest and ESS signing-certificate-v2, no signing-time (PAdES puts the time in
// /M). With a non-empty `tsa_url`, an RFC 3161 timestamp token over the signature value
// is added as the unsigned attribute id-aa-signatureTimeStampToken (tsa.cpp).
std::string cms_sign(const Credentials& credentials, std::string_view data, const std::string& tsa_url);

// Whether `der` is a CMS SignedData whose signature and message digest hold for `data`
// (the signer's certificate is not checked against any trust anchor).
bool cms_verify(std::string_view der, std::string_view data);

// The timestamp token (DER ContentInfo) a TSA at `url` returns for the SHA-256 of
// `signature` (tsa.cpp). Throws trame::Error (ErrorKind::Timestamp).
std::string request_timestamp(const std::string& url, std::string_view signature);

}  // namespace trame::sign
