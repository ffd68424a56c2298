// RFC 3161 timestamps for PAdES baseline B-T: a TimeStampReq over the SHA-256 of the
// signature value, sent by HTTP POST (cpp-httplib, as `trame serve`), and the reply
// checked against the request (status, imprint, nonce) before its token is used.
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include <httplib.h>

#include "common/diagnostic.hpp"
#include "sign/cms.hpp"

namespace trame::sign {

namespace {

Error timestamp_error(const std::string& url, const std::string& message) {
  ERR_clear_error();
  return Error(ErrorKind::Timestamp, Diagnostic{Severity::Error, "trame.sign.E601", url, 0, 0, "",
                                                "horodatage impossible : " + message});
}

struct Ts {
  TS_REQ* req = TS_REQ_new();
  TS_RESP* resp = nullptr;
  TS_VERIFY_CTX* ctx = nullptr;
  ~Ts() {
    TS_REQ_free(req);
    TS_RESP_free(resp);
    TS_VERIFY_CTX_free(ctx);
  }
};

// cpp-httplib's errors, in French.
std::string reason(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection: return "connexion impossible";
    case httplib::Error::ConnectionTimeout: return "délai de connexion dépassé";
    case httplib::Error::Read: return "réponse interrompue ou trop lente";
    case httplib::Error::Write: return "envoi interrompu";
    case httplib::Error::SSLConnection: return "connexion TLS impossible";
    case httplib::Error::SSLLoadingCerts: return "certificats de confiance du système illisibles";
    case httplib::Error::SSLServerVerification: return "certificat du serveur refusé";
    default: return "erreur de communication (" + httplib::to_string(e) + ")";
  }
}

}  // namespace

std::string request_timestamp(const std::string& url, std::string_view signature) {
  // The address: http(s)://host[:port][/path]
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos || (url.compare(0, scheme, "http") != 0 && url.compare(0, scheme, "https") != 0))
    throw timestamp_error(url, "l’adresse de l’autorité d’horodatage doit commencer par http:// ou https://");
  const size_t slash = url.find('/', scheme + 3);
  const std::string origin = url.substr(0, slash);
  const std::string path = slash == std::string::npos ? "/" : url.substr(slash);

  unsigned char digest[32];
  unsigned int dlen = 0;
  if (EVP_Digest(signature.data(), signature.size(), digest, &dlen, EVP_sha256(), nullptr) != 1)
    throw timestamp_error(url, "SHA-256 indisponible");
  Ts ts;
  TS_MSG_IMPRINT* imprint = TS_MSG_IMPRINT_new();
  X509_ALGOR* algo = X509_ALGOR_new();
  X509_ALGOR_set0(algo, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  TS_MSG_IMPRINT_set_algo(imprint, algo);
  TS_MSG_IMPRINT_set_msg(imprint, digest, static_cast<int>(dlen));
  TS_REQ_set_msg_imprint(ts.req, imprint);  // copies
  TS_MSG_IMPRINT_free(imprint);
  X509_ALGOR_free(algo);
  unsigned char nonce_bytes[8];
  RAND_bytes(nonce_bytes, sizeof nonce_bytes);
  nonce_bytes[0] &= 0x7F;
  ASN1_INTEGER* nonce = ASN1_INTEGER_new();
  BIGNUM* bn = BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr);
  BN_to_ASN1_INTEGER(bn, nonce);
  BN_free(bn);
  TS_REQ_set_version(ts.req, 1);
  TS_REQ_set_nonce(ts.req, nonce);
  ASN1_INTEGER_free(nonce);
  TS_REQ_set_cert_req(ts.req, 1);  // the TSA's certificate in the token: readers check it
  unsigned char* der = nullptr;
  int n = i2d_TS_REQ(ts.req, &der);
  if (n <= 0) throw timestamp_error(url, "requête impossible à encoder");
  std::string body(reinterpret_cast<char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);

  httplib::Client client(origin);
  if (!client.is_valid()) throw timestamp_error(url, "adresse invalide");
  client.set_connection_timeout(10);
  client.set_read_timeout(30);
  client.set_write_timeout(30);
  auto res = client.Post(path, body, "application/timestamp-query");
  if (!res) throw timestamp_error(url, "l’autorité ne répond pas (" + reason(res.error()) + ")");
  if (res->status != 200) throw timestamp_error(url, "l’autorité répond par le statut HTTP " + std::to_string(res->status));
  if (res->body.size() > (1u << 20)) throw timestamp_error(url, "réponse trop grande");
  const unsigned char* p = reinterpret_cast<const unsigned char*>(res->body.data());
  ts.resp = d2i_TS_RESP(nullptr, &p, static_cast<long>(res->body.size()));
  if (!ts.resp) throw timestamp_error(url, "la réponse n’est pas une réponse d’horodatage (RFC 3161)");
  // Status granted, same imprint and nonce; the TSA's signature is the reader's to trust.
  // (TS_VFY_SIGNER, on by default, would compare the TSA's name with a signer found by
  // verifying the TSA's signature, which is not done here.)
  ts.ctx = TS_REQ_to_TS_VERIFY_CTX(ts.req, nullptr);
  if (ts.ctx) TS_VERIFY_CTX_set_flags(ts.ctx, TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
  if (!ts.ctx || !TS_RESP_verify_response(ts.ctx, ts.resp))
    throw timestamp_error(url, "la réponse ne correspond pas à la demande, ou l’autorité a refusé");
  PKCS7* token = TS_RESP_get_token(ts.resp);
  der = nullptr;
  n = token ? i2d_PKCS7(token, &der) : 0;
  if (n <= 0) throw timestamp_error(url, "la réponse ne contient pas de jeton");
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return out;
}

}  // namespace trame::sign
