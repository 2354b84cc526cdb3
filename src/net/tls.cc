#include "net/tls.h"

#include <gnutls/pkcs12.h>
#include <sys/stat.h>

#include <cstring>
#include <map>
#include <mutex>

#include "core/error.h"

namespace mailhive {

void ensureGnutlsInit() {
  static std::once_flag once;
  std::call_once(once, [] { gnutls_global_init(); });
}

std::string toHex(const unsigned char* data, size_t len) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (size_t i = 0; i < len; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

static std::string datumString(gnutls_datum_t& d) {
  std::string s(reinterpret_cast<const char*>(d.data), d.size);
  gnutls_free(d.data);
  d.data = nullptr;
  return s;
}

static std::string dnField(gnutls_x509_crt_t crt, bool issuer, const char* oid) {
  char buf[1024];
  size_t size = sizeof buf;
  int r = issuer ? gnutls_x509_crt_get_issuer_dn_by_oid(crt, oid, 0, 0, buf, &size)
                 : gnutls_x509_crt_get_dn_by_oid(crt, oid, 0, 0, buf, &size);
  return r == 0 ? std::string(buf, size) : std::string();
}

static std::string fingerprint(gnutls_x509_crt_t crt, gnutls_digest_algorithm_t alg) {
  unsigned char buf[64];
  size_t size = sizeof buf;
  if (gnutls_x509_crt_get_fingerprint(crt, alg, buf, &size) != 0) return "";
  return toHex(buf, size);
}

CertInfo CertInfo::fromCert(gnutls_x509_crt_t crt) {
  CertInfo c;
  gnutls_datum_t d{};
  if (gnutls_x509_crt_get_dn3(crt, &d, 0) == 0) c.subject = datumString(d);
  if (gnutls_x509_crt_get_issuer_dn3(crt, &d, 0) == 0) c.issuer = datumString(d);
  c.issuedTo = dnField(crt, false, GNUTLS_OID_X520_COMMON_NAME);
  c.issuedBy = dnField(crt, true, GNUTLS_OID_X520_COMMON_NAME);
  c.validFrom = gnutls_x509_crt_get_activation_time(crt);
  c.validTo = gnutls_x509_crt_get_expiration_time(crt);
  unsigned char serial[64];
  size_t size = sizeof serial;
  if (gnutls_x509_crt_get_serial(crt, serial, &size) == 0) c.serialNumber = toHex(serial, size);
  c.fingerprintSha1 = fingerprint(crt, GNUTLS_DIG_SHA1);
  c.fingerprintSha256 = fingerprint(crt, GNUTLS_DIG_SHA256);
  for (unsigned seq = 0;; ++seq) {
    char buf[1024];
    size_t len = sizeof buf;
    int type = gnutls_x509_crt_get_subject_alt_name(crt, seq, buf, &len, nullptr);
    if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) break;
    if (type == GNUTLS_SAN_DNSNAME) c.altNames.emplace_back(buf, len);
    if (type == GNUTLS_SAN_RFC822NAME && c.emailAddress.empty()) c.emailAddress.assign(buf, len);
    if (type < 0 && type != GNUTLS_E_SHORT_MEMORY_BUFFER) break;
  }
  if (c.emailAddress.empty()) c.emailAddress = dnField(crt, false, GNUTLS_OID_PKCS9_EMAIL);
  c.version = gnutls_x509_crt_get_version(crt);
  unsigned bits = 0;
  int pk = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
  const char* pkName = pk >= 0 ? gnutls_pk_algorithm_get_name(static_cast<gnutls_pk_algorithm_t>(pk)) : nullptr;
  c.publicKeyAlgorithm = pkName ? pkName : "unknown";
  c.publicKeyBits = static_cast<int>(bits);
  if (gnutls_x509_crt_check_issuer(crt, crt)) {
    unsigned status = 0;
    c.isSelfSigned = gnutls_x509_crt_verify(crt, &crt, 1, GNUTLS_VERIFY_DISABLE_TIME_CHECKS, &status) == 0 &&
                     (status & GNUTLS_CERT_SIGNATURE_FAILURE) == 0;
  }
  if (gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &d) == 0) c.pem = datumString(d);
  return c;
}

std::optional<CertInfo> CertInfo::fromDer(const gnutls_datum_t& der) {
  gnutls_x509_crt_t crt;
  if (gnutls_x509_crt_init(&crt) != 0) return std::nullopt;
  std::optional<CertInfo> out;
  if (gnutls_x509_crt_import(crt, &der, GNUTLS_X509_FMT_DER) == 0) out = fromCert(crt);
  gnutls_x509_crt_deinit(crt);
  return out;
}

// %PROFILE_MEDIUM: certificates with keys below 2048-bit RSA (or SHA-1 signatures) fail verification
// as an insecure algorithm (sslError 7), not just the handshake parameters.
const char* tlsPriorityFor(int protocol) {
  switch (protocol) {
    case kProtoAuto: return "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:%PROFILE_MEDIUM";
    case kProtoTls10: return "NORMAL:-VERS-ALL:+VERS-TLS1.0:%PROFILE_MEDIUM";
    case kProtoTls11: return "NORMAL:-VERS-ALL:+VERS-TLS1.1:%PROFILE_MEDIUM";
    case kProtoTls12: return "NORMAL:-VERS-ALL:+VERS-TLS1.2:%PROFILE_MEDIUM";
    case kProtoTls13: return "NORMAL:-VERS-ALL:+VERS-TLS1.3:%PROFILE_MEDIUM";
    default: throw ArgumentError("ssl.protocol: unknown protocol constant", true);
  }
}

int sslErrorForStatus(unsigned status) {
  if (status == 0) return kSslNone;
  if (status & GNUTLS_CERT_REVOKED) return kSslRevoked;
  if (status & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA | GNUTLS_CERT_SIGNATURE_FAILURE |
                GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE))
    return kSslUntrusted;
  if (status & GNUTLS_CERT_EXPIRED) return kSslExpired;
  if (status & GNUTLS_CERT_NOT_ACTIVATED) return kSslNotYetValid;
  if (status & GNUTLS_CERT_INSECURE_ALGORITHM) return kSslInsecure;
  if (status & GNUTLS_CERT_UNEXPECTED_OWNER) return kSslHostMismatch;
  return kSslUntrusted;
}

std::vector<std::string> verifyErrorWords(unsigned status) {
  std::vector<std::string> w;
  if (status & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA | GNUTLS_CERT_SIGNATURE_FAILURE |
                GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE))
    w.push_back("untrusted");
  if (status & GNUTLS_CERT_EXPIRED) w.push_back("expired");
  if (status & GNUTLS_CERT_NOT_ACTIVATED) w.push_back("not-yet-valid");
  if (status & GNUTLS_CERT_UNEXPECTED_OWNER) w.push_back("hostname-mismatch");
  if (status & GNUTLS_CERT_REVOKED) w.push_back("revoked");
  if (status & GNUTLS_CERT_INSECURE_ALGORITHM) w.push_back("insecure-algorithm");
  if (status != 0 && w.empty()) w.push_back("invalid");
  return w;
}

static bool isDirectory(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

static std::string fileStamp(const std::string& p) {
  struct stat st;
  if (p.empty() || ::stat(p.c_str(), &st) != 0) return "-";
  return std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "." +
         std::to_string(st.st_size);
}

static int loadTrust(gnutls_certificate_credentials_t cred, const TlsSettings& s) {
  bool system = s.storeType == 0 || (s.storeOptions & 1);
  if (system) {
    int r = gnutls_certificate_set_x509_system_trust(cred);
    if (r < 0) return r;
  }
  if (s.storeType == 1) {
    if (isDirectory(s.storePath)) {
      int r = gnutls_certificate_set_x509_trust_dir(cred, s.storePath.c_str(), GNUTLS_X509_FMT_PEM);
      return r <= 0 ? (r < 0 ? r : GNUTLS_E_NO_CERTIFICATE_FOUND) : 0;
    }
    int r = gnutls_certificate_set_x509_trust_file(cred, s.storePath.c_str(), GNUTLS_X509_FMT_PEM);
    if (r <= 0) r = gnutls_certificate_set_x509_trust_file(cred, s.storePath.c_str(), GNUTLS_X509_FMT_DER);
    return r <= 0 ? (r < 0 ? r : GNUTLS_E_NO_CERTIFICATE_FOUND) : 0;
  }
  return 0;
}

static bool looksLikePkcs12(const std::string& path) {
  auto dot = path.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = path.substr(dot + 1);
  for (auto& ch : ext) ch = static_cast<char>(tolower(ch));
  return ext == "p12" || ext == "pfx";
}

static int loadClient(gnutls_certificate_credentials_t cred, const TlsSettings& s) {
  if (s.clientCertPath.empty()) return 0;
  const char* pass = s.clientCertPassword.empty() ? nullptr : s.clientCertPassword.c_str();
  if (looksLikePkcs12(s.clientCertPath)) {
    return gnutls_certificate_set_x509_simple_pkcs12_file(cred, s.clientCertPath.c_str(), GNUTLS_X509_FMT_DER,
                                                          pass ? pass : "");
  }
  const std::string& key = s.clientKeyPath.empty() ? s.clientCertPath : s.clientKeyPath;
  return gnutls_certificate_set_x509_key_file2(cred, s.clientCertPath.c_str(), key.c_str(), GNUTLS_X509_FMT_PEM,
                                               pass, 0);
}

TlsCredentials::~TlsCredentials() {
  if (cred_) gnutls_certificate_free_credentials(cred_);
}

std::shared_ptr<TlsCredentials> TlsCredentials::forSettings(const TlsSettings& s) {
  ensureGnutlsInit();
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<TlsCredentials>> cache;
  // Key: every input, plus file stamps so that a replaced file is read again. The password is part
  // of the key only as its presence+length, never stored elsewhere.
  std::string key = std::to_string(s.storeType) + "|" + s.storePath + "|" + std::to_string(s.storeOptions & 1) +
                    "|" + (s.storeType == 1 ? fileStamp(s.storePath) : "") + "|" + s.clientCertPath + "|" +
                    fileStamp(s.clientCertPath) + "|" + s.clientKeyPath + "|" + fileStamp(s.clientKeyPath) + "|" +
                    s.clientCertPassword;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;

  std::shared_ptr<TlsCredentials> c(new TlsCredentials());
  gnutls_certificate_allocate_credentials(&c->cred_);
  int r = loadTrust(c->cred_, s);
  if (r < 0) {
    throw MailError::tls(kTlsHandshakeFailed, kSslTrustStoreLoad, r,
                         std::string("trust store could not be loaded: ") + gnutls_strerror(r));
  }
  r = loadClient(c->cred_, s);
  if (r < 0) {
    throw MailError::tls(kTlsHandshakeFailed, kSslClientCertLoad, r,
                         std::string("client certificate could not be loaded: ") + gnutls_strerror(r));
  }
  if (!s.clientCertPath.empty()) {
    gnutls_datum_t der{};
    if (gnutls_certificate_get_crt_raw(c->cred_, 0, 0, &der) == 0) c->clientCert_ = CertInfo::fromDer(der);
  }
  cache[key] = c;
  return c;
}

std::optional<CertInfo> TlsCredentials::loadClientCertInfo(const TlsSettings& s) {
  return forSettings(s)->clientCert();
}

}  // namespace mailhive
