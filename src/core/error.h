// mailhive engine: the one error type. Every failure of a mailer call becomes a MailError; the
// bindings map it to the object's errCode/errDesc/serverResponse and to thrown errors in one place each.
#pragma once
#include <stdexcept>
#include <string>

namespace mailhive {

// errCode values of API.md (shared by all mailers).
enum ErrCode : int {
  kOk = 0,
  kNotConnected = 1,
  kAlreadyConnected = 2,
  kHostNotResolved = 3,
  kConnectionRefused = 4,
  kTimeout = 5,
  kClosedByServer = 6,
  kClosedByClient = 7,
  kNetworkError = 8,
  kBusy = 9,
  kStartTlsNotOffered = 11,
  kTlsHandshakeFailed = 12,
  kTlsSendFailed = 13,
  kTlsReceiveFailed = 14,
  kLicense = 101,
  kAborted = 102,
  kNoAuthOffered = 111,
  kAuthMethodNotOffered = 112,
  kAuthFailed = 113,
  kBadCredentials = 114,
  kProtocolError = 116,
  kNoSenderOrRecipient = 121,
  kSenderRejected = 122,
  kRecipientRejected = 123,
  kDataRejected = 124,
  kBadAddress = 125,
  kMessageTooLarge = 126,
  kNoSuchMessage = 201,
  kCommandRefused = 202,
  kCommandBad = 203,
  kNoMailbox = 204,
  kFileError = 301,
  kParseError = 302,
};

// sslError values of API.md.
enum SslErr : int {
  kSslNone = 0,
  kSslHandshake = 1,
  kSslUntrusted = 2,
  kSslExpired = 3,
  kSslNotYetValid = 4,
  kSslHostMismatch = 5,
  kSslRevoked = 6,
  kSslInsecure = 7,
  kSslNoCommonVersion = 8,
  kSslStartTlsRefused = 9,
  kSslClientCertLoad = 10,
  kSslTrustStoreLoad = 11,
  kSslClientCertRejected = 12,
  kSslPlaintextInjection = 13,
};

// A failed mailer operation. Thrown inside the engine, caught at the edge of every call.
struct MailError : std::runtime_error {
  int errCode;
  int sslError = 0;
  int sslSpecificError = 0;
  std::string serverResponse;  // the server's last reply, all lines

  MailError(int code, const std::string& desc) : std::runtime_error(desc), errCode(code) {}
  MailError(int code, const std::string& desc, std::string reply)
      : std::runtime_error(desc), errCode(code), serverResponse(std::move(reply)) {}
  static MailError tls(int code, int ssl, int specific, const std::string& desc) {
    MailError e(code, desc);
    e.sslError = ssl;
    e.sslSpecificError = specific;
    return e;
  }
};

// A bad argument (CR/LF/NUL in a single-line value, unknown constant, negative index): thrown at
// once, whatever throwExceptions says. `range` selects RangeError/ValueError over TypeError.
struct ArgumentError : std::invalid_argument {
  bool range;
  explicit ArgumentError(const std::string& what, bool isRange = false)
      : std::invalid_argument(what), range(isRange) {}
};

// Throws ArgumentError when `value` holds CR, LF or NUL. `what` names the field for the message.
void requireSingleLine(const std::string& value, const char* what);

const char* errCodeText(int code);

}  // namespace mailhive
