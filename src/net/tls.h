// mailhive engine: TLS settings, results, certificate details and the process-wide cache of trust
// stores and client credentials (loaded once, reused by every connection that asks for the same files).
#pragma once
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mailhive {

enum TlsProtocol : int { kProtoAuto = 0, kProtoTls10 = 1, kProtoTls11 = 2, kProtoTls12 = 3, kProtoTls13 = 4 };

// What the user set on mailer.ssl (copied per call; plain data).
struct TlsSettings {
  bool enabled = false;
  bool useStartTls = false;
  bool autosetPortAndSsl = true;
  int protocol = kProtoAuto;
  bool verifyServerCert = true;
  std::string expectedHostName;
  std::string pinSha256;
  // selectServerCertStore: type 0 = system ("ROOT"), 1 = file or directory; options bit 1 = add to system roots.
  int storeType = 0;
  std::string storePath = "ROOT";
  int storeOptions = 0;
  // selectClientCert: PKCS#12 (with password) or PEM (key in the same file or keyPath). Empty = none.
  std::string clientCertPath;
  std::string clientCertPassword;
  std::string clientKeyPath;
};

// A parsed X.509 certificate (the Certificate object of API.md).
struct CertInfo {
  std::string subject, issuer, issuedTo, issuedBy;
  int64_t validFrom = 0, validTo = 0;  // seconds since the epoch
  std::string serialNumber, fingerprintSha1, fingerprintSha256;
  std::vector<std::string> altNames;
  std::string emailAddress;
  int version = 0;
  std::string publicKeyAlgorithm;
  int publicKeyBits = 0;
  bool isSelfSigned = false;
  std::string pem;
  std::vector<std::string> verifyErrors;

  static CertInfo fromCert(gnutls_x509_crt_t crt);
  static std::optional<CertInfo> fromDer(const gnutls_datum_t& der);
};

// What the last handshake produced (mailer.ssl read-only members).
struct TlsResult {
  int sslError = 0;
  int sslSpecificError = 0;
  std::optional<CertInfo> serverCert;
  std::vector<CertInfo> chain;  // every certificate the server sent, leaf first
  std::string negotiatedProtocol;
  std::string cipherSuite;
};

// Trust store + client credentials, shared by every session that asks for the same ones.
class TlsCredentials {
 public:
  ~TlsCredentials();
  gnutls_certificate_credentials_t get() const { return cred_; }
  const std::optional<CertInfo>& clientCert() const { return clientCert_; }

  // Loads (or finds in the cache) credentials for these settings. Throws MailError(errCode 12) with
  // sslError 11 (trust store) or 10 (client certificate) when the files cannot be loaded.
  static std::shared_ptr<TlsCredentials> forSettings(const TlsSettings& s);
  // Just the client certificate's details (for ssl.clientCert after selectClientCert).
  static std::optional<CertInfo> loadClientCertInfo(const TlsSettings& s);

 private:
  TlsCredentials() = default;
  gnutls_certificate_credentials_t cred_ = nullptr;
  std::optional<CertInfo> clientCert_;
};

// GnuTLS priority string for a protocol constant (throws ArgumentError for an unknown one).
const char* tlsPriorityFor(int protocol);

// Maps GnuTLS verification status bits to the sslError number and the verifyErrors words.
int sslErrorForStatus(unsigned status);
std::vector<std::string> verifyErrorWords(unsigned status);

// Lower-case hex of bytes.
std::string toHex(const unsigned char* data, size_t len);

void ensureGnutlsInit();

}  // namespace mailhive
