#include "core/error.h"

namespace mailhive {

void requireSingleLine(const std::string& value, const char* what) {
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') {
      throw ArgumentError(std::string(what) + " must not contain CR, LF or NUL characters");
    }
  }
}

const char* errCodeText(int code) {
  switch (code) {
    case kOk: return "success";
    case kNotConnected: return "not connected";
    case kAlreadyConnected: return "already connected";
    case kHostNotResolved: return "host name not resolved";
    case kConnectionRefused: return "connection refused";
    case kTimeout: return "timeout";
    case kClosedByServer: return "connection closed by server";
    case kClosedByClient: return "connection closed by client";
    case kNetworkError: return "network error";
    case kBusy: return "busy";
    case kStartTlsNotOffered: return "STARTTLS not offered by server";
    case kTlsHandshakeFailed: return "TLS handshake failed";
    case kTlsSendFailed: return "TLS send failed";
    case kTlsReceiveFailed: return "TLS receive failed";
    case kAborted: return "cancelled by abort()";
    case kNoAuthOffered: return "server offers no authentication";
    case kAuthMethodNotOffered: return "requested authentication method not offered";
    case kAuthFailed: return "authentication failed";
    case kBadCredentials: return "wrong user name or password";
    case kProtocolError: return "unexpected reply from server";
    case kNoSenderOrRecipient: return "sender and at least one recipient required";
    case kSenderRejected: return "sender rejected";
    case kRecipientRejected: return "recipient rejected";
    case kDataRejected: return "message data rejected";
    case kBadAddress: return "invalid address syntax";
    case kMessageTooLarge: return "message too large for server";
    case kFileError: return "file not found or unreadable";
    case kParseError: return "message could not be parsed";
    default: return "error";
  }
}

}  // namespace mailhive
