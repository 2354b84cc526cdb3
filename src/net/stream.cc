#include "net/stream.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "core/error.h"

namespace mailhive {

Stream::~Stream() { close(); }

void Stream::close() {
  if (session_) {
    gnutls_deinit(session_);
    session_ = nullptr;
  }
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  in_.clear();
  inPos_ = 0;
  out_.clear();
  rawPos_ = rawLen_ = 0;
}

TimePoint Stream::waitDeadline() const {
  auto t = Clock::now() + std::chrono::seconds(timeout_);
  return t < deadline_ ? t : deadline_;
}

Task<void> Stream::waitFor(short events, TimePoint until) {
  if (until == TimePoint{}) until = waitDeadline();
  WaitResult r = co_await WaitAwaiter{reactor_, fd_, events, until, cancel_};
  if (r == WaitResult::Ready) co_return;
  close();
  if (r == WaitResult::Cancelled) throw MailError(kAborted, "cancelled by abort()");
  if (Clock::now() >= deadline_) throw MailError(kTimeout, "deadline passed: the call took too long");
  throw MailError(kTimeout, "timeout: the server did not answer within " + std::to_string(timeout_) + " s");
}

namespace {
struct Resolved {
  int status = 0;
  std::vector<sockaddr_storage> addrs;
  std::vector<socklen_t> lens;
};
}  // namespace

Task<void> Stream::connect(std::string host, int port) {
  close();
  if (host.empty()) throw MailError(kHostNotResolved, "no server name set");
  Resolved res;
  std::function<void()> resolve = [&res, &host, port]() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    addrinfo* list = nullptr;
    std::string service = std::to_string(port);
    res.status = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &list);
    if (res.status == EAI_BADFLAGS || (res.status != 0 && list == nullptr && res.status != EAI_NONAME)) {
      hints.ai_flags = 0;
      res.status = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &list);
    }
    for (addrinfo* a = list; a; a = a->ai_next) {
      sockaddr_storage ss{};
      memcpy(&ss, a->ai_addr, a->ai_addrlen);
      res.addrs.push_back(ss);
      res.lens.push_back(a->ai_addrlen);
    }
    if (list) freeaddrinfo(list);
  };
  // Numeric addresses need no resolver thread.
  in6_addr tmp6;
  in_addr tmp4;
  if (inet_pton(AF_INET, host.c_str(), &tmp4) == 1 || inet_pton(AF_INET6, host.c_str(), &tmp6) == 1) {
    resolve();
  } else {
    co_await OffloadAwaiter{reactor_, &resolve};
  }
  if (cancel_ && cancel_->cancelled) throw MailError(kAborted, "cancelled by abort()");
  if (res.status != 0 || res.addrs.empty()) {
    throw MailError(kHostNotResolved, "host name not resolved: " + host + " (" +
                                          (res.status ? gai_strerror(res.status) : "no address") + ")");
  }
  int lastErr = 0;
  bool timedOut = false;
  for (size_t i = 0; i < res.addrs.size(); ++i) {
    int fd = ::socket(res.addrs[i].ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      lastErr = errno;
      continue;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int r = ::connect(fd, reinterpret_cast<sockaddr*>(&res.addrs[i]), res.lens[i]);
    if (r != 0 && errno != EINPROGRESS) {
      lastErr = errno;
      ::close(fd);
      continue;
    }
    fd_ = fd;
    if (r != 0) {
      WaitResult w = co_await WaitAwaiter{reactor_, fd, POLLOUT, waitDeadline(), cancel_};
      if (w == WaitResult::Cancelled) {
        close();
        throw MailError(kAborted, "cancelled by abort()");
      }
      if (w == WaitResult::Timeout) {
        close();
        timedOut = true;
        if (Clock::now() >= deadline_) break;
        continue;
      }
      int soerr = 0;
      socklen_t sl = sizeof soerr;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
      if (soerr != 0) {
        lastErr = soerr;
        close();
        continue;
      }
    }
    co_return;
  }
  if (lastErr == ECONNREFUSED) {
    throw MailError(kConnectionRefused, "connection refused by " + host + ":" + std::to_string(port));
  }
  if (timedOut) throw MailError(kTimeout, "timeout connecting to " + host + ":" + std::to_string(port));
  throw MailError(kNetworkError, "cannot connect to " + host + ":" + std::to_string(port) + ": " + strerror(lastErr));
}

ssize_t Stream::pull(gnutls_transport_ptr_t ptr, void* buf, size_t len) {
  auto* self = static_cast<Stream*>(ptr);
  // GnuTLS asks for a record header, then its body: serve both from one large recv().
  if (self->rawPos_ == self->rawLen_) {
    if (!self->raw_) self->raw_.reset(new char[kRawBuffer]);
    self->rawPos_ = self->rawLen_ = 0;
    ssize_t got = ::recv(self->fd_, self->raw_.get(), kRawBuffer, 0);
    if (got < 0) {
      gnutls_transport_set_errno(self->session_, errno == EWOULDBLOCK ? EAGAIN : errno);
      return -1;
    }
    if (got == 0) return 0;
    self->rawLen_ = static_cast<size_t>(got);
  }
  size_t avail = self->rawLen_ - self->rawPos_;
  ssize_t n = static_cast<ssize_t>(len < avail ? len : avail);
  memcpy(buf, self->raw_.get() + self->rawPos_, static_cast<size_t>(n));
  self->rawPos_ += static_cast<size_t>(n);
  if (n > 0 && self->checkFirstByte_) {
    self->checkFirstByte_ = false;
    unsigned char first = static_cast<unsigned char>(static_cast<char*>(buf)[0]);
    // A TLS server's first bytes are a handshake (22) or alert (21) record; anything else is
    // plaintext that someone placed between the STARTTLS reply and the handshake.
    if (first != 22 && first != 21) {
      self->injected_ = true;
      gnutls_transport_set_errno(self->session_, ECONNRESET);
      return -1;
    }
  }
  return n;
}

int Stream::pullTimeout(gnutls_transport_ptr_t ptr, unsigned int ms) {
  // GnuTLS asks "is there data?" before some reads: the read-ahead buffer counts, not only the socket.
  auto* self = static_cast<Stream*>(ptr);
  if (self->rawPos_ < self->rawLen_) return 1;
  pollfd p{self->fd_, POLLIN, 0};
  int n = ::poll(&p, 1, ms == GNUTLS_INDEFINITE_TIMEOUT ? -1 : static_cast<int>(ms));
  return n < 0 ? -1 : n;
}

ssize_t Stream::push(gnutls_transport_ptr_t ptr, const void* buf, size_t len) {
  auto* self = static_cast<Stream*>(ptr);
  ssize_t n = ::send(self->fd_, buf, len, MSG_NOSIGNAL);
  if (n < 0) gnutls_transport_set_errno(self->session_, errno == EWOULDBLOCK ? EAGAIN : errno);
  return n;
}

static std::string lowerHexOnly(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (isxdigit(static_cast<unsigned char>(c))) out += static_cast<char>(tolower(static_cast<unsigned char>(c)));
    else if (c == ',') out += ',';
  }
  return out;
}

int Stream::verifyPeer(gnutls_session_t session) {
  auto* self = static_cast<Stream*>(gnutls_session_get_ptr(session));
  unsigned count = 0;
  const gnutls_datum_t* certs = gnutls_certificate_get_peers(session, &count);
  if (!certs || count == 0) {
    self->result_->sslError = kSslUntrusted;
    return -1;
  }
  auto leaf = CertInfo::fromDer(certs[0]);
  unsigned status = 0;
  gnutls_typed_vdata_st data{};
  data.type = GNUTLS_DT_DNS_HOSTNAME;
  data.data = reinterpret_cast<unsigned char*>(const_cast<char*>(self->verifyHost_.c_str()));
  data.size = 0;
  int r = gnutls_certificate_verify_peers(session, &data, 1, &status);
  if (r < 0) status |= GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND;
  if (leaf) leaf->verifyErrors = verifyErrorWords(status);
  bool pinOk = true;
  if (!self->pins_.empty()) {
    pinOk = false;
    std::string pins = lowerHexOnly(self->pins_);
    size_t start = 0;
    while (start <= pins.size()) {
      size_t comma = pins.find(',', start);
      std::string one = pins.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (leaf && !one.empty() && one == leaf->fingerprintSha256) pinOk = true;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!pinOk && leaf) leaf->verifyErrors.push_back("pin-mismatch");
  }
  self->result_->serverCert = leaf;
  self->result_->chain.clear();
  if (leaf) self->result_->chain.push_back(*leaf);
  for (unsigned i = 1; i < count && i < 16; ++i) {
    if (auto c = CertInfo::fromDer(certs[i])) self->result_->chain.push_back(std::move(*c));
  }
  if (self->verify_ && status != 0) {
    self->result_->sslError = sslErrorForStatus(status);
    self->result_->sslSpecificError = static_cast<int>(status);
    return -1;
  }
  if (!pinOk) {
    self->result_->sslError = kSslUntrusted;
    self->result_->sslSpecificError = static_cast<int>(status);
    return -1;
  }
  return 0;
}

static bool isIpLiteral(const std::string& h) {
  in6_addr a6;
  in_addr a4;
  return inet_pton(AF_INET, h.c_str(), &a4) == 1 || inet_pton(AF_INET6, h.c_str(), &a6) == 1;
}

static int sslErrorForAlert(gnutls_alert_description_t a) {
  switch (a) {
    case GNUTLS_A_PROTOCOL_VERSION:
    case GNUTLS_A_INSUFFICIENT_SECURITY:
    case GNUTLS_A_HANDSHAKE_FAILURE:
      return kSslNoCommonVersion;
    case GNUTLS_A_CERTIFICATE_REQUIRED:
    case GNUTLS_A_BAD_CERTIFICATE:
    case GNUTLS_A_UNSUPPORTED_CERTIFICATE:
    case GNUTLS_A_CERTIFICATE_UNKNOWN:
    case GNUTLS_A_UNKNOWN_CA:
    case GNUTLS_A_CERTIFICATE_REVOKED:
    case GNUTLS_A_CERTIFICATE_EXPIRED:
    case GNUTLS_A_ACCESS_DENIED:
      return kSslClientCertRejected;
    default:
      return kSslHandshake;
  }
}

Task<void> Stream::startTls(const TlsSettings& settings, std::string serverName, TlsResult& result,
                            bool afterStartTls) {
  result = TlsResult{};
  cred_ = TlsCredentials::forSettings(settings);  // throws sslError 10/11
  if (afterStartTls && unreadBytes() > 0) {
    // Bytes that came with or after the STARTTLS reply: a response injection attempt.
    close();
    result.sslError = kSslPlaintextInjection;
    throw MailError::tls(kTlsHandshakeFailed, kSslPlaintextInjection, 0,
                         "the server sent data before the TLS handshake (possible injection); connection dropped");
  }
  gnutls_init(&session_, GNUTLS_CLIENT | GNUTLS_NONBLOCK);
  const char* errPos = nullptr;
  int r = gnutls_priority_set_direct(session_, tlsPriorityFor(settings.protocol), &errPos);
  if (r < 0) {
    close();
    throw MailError::tls(kTlsHandshakeFailed, kSslNoCommonVersion, r, "TLS protocol not available");
  }
  gnutls_credentials_set(session_, GNUTLS_CRD_CERTIFICATE, cred_->get());
  verifyHost_ = settings.expectedHostName.empty() ? serverName : settings.expectedHostName;
  if (!isIpLiteral(verifyHost_)) {
    gnutls_server_name_set(session_, GNUTLS_NAME_DNS, verifyHost_.data(), verifyHost_.size());
  }
  verify_ = settings.verifyServerCert;
  pins_ = settings.pinSha256;
  result_ = &result;
  checkFirstByte_ = afterStartTls;
  injected_ = false;
  gnutls_session_set_ptr(session_, this);
  gnutls_session_set_verify_function(session_, &Stream::verifyPeer);
  gnutls_transport_set_ptr(session_, this);
  gnutls_transport_set_pull_function(session_, &Stream::pull);
  gnutls_transport_set_push_function(session_, &Stream::push);
  gnutls_transport_set_pull_timeout_function(session_, &Stream::pullTimeout);
  gnutls_handshake_set_timeout(session_, 0);
  for (;;) {
    r = gnutls_handshake(session_);
    if (r == GNUTLS_E_SUCCESS) break;
    if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
      bool writing = gnutls_record_get_direction(session_) != 0;
      if (writing || rawPos_ == rawLen_) co_await waitFor(writing ? POLLOUT : POLLIN);
      continue;
    }
    if (!gnutls_error_is_fatal(r)) continue;
    int ssl = result.sslError;
    std::string desc;
    if (injected_) {
      ssl = kSslPlaintextInjection;
      desc = "the server sent plaintext where the TLS handshake was expected (possible injection); connection dropped";
    } else if (ssl != 0) {
      desc = "server certificate rejected (" + std::string(ssl == kSslExpired ? "expired"
                                                            : ssl == kSslNotYetValid ? "not yet valid"
                                                            : ssl == kSslHostMismatch ? "host name mismatch"
                                                            : ssl == kSslRevoked ? "revoked"
                                                            : ssl == kSslInsecure ? "insecure algorithm"
                                                                                  : "not trusted") + ")";
    } else {
      if (r == GNUTLS_E_FATAL_ALERT_RECEIVED) ssl = sslErrorForAlert(gnutls_alert_get(session_));
      else if (r == GNUTLS_E_UNSUPPORTED_VERSION_PACKET || r == GNUTLS_E_NO_CIPHER_SUITES ||
               r == GNUTLS_E_INSUFFICIENT_CREDENTIALS || r == GNUTLS_E_NO_PRIORITIES_WERE_SET)
        ssl = kSslNoCommonVersion;
      else ssl = kSslHandshake;
      desc = std::string("TLS handshake failed: ") + gnutls_strerror(r);
      result.sslSpecificError = r;
    }
    result.sslError = ssl;
    int specific = result.sslSpecificError;
    close();
    if (r == GNUTLS_E_PREMATURE_TERMINATION && ssl == kSslHandshake && !injected_) {
      throw MailError::tls(kTlsHandshakeFailed, ssl, specific, "TLS handshake failed: the server closed the connection");
    }
    throw MailError::tls(kTlsHandshakeFailed, ssl, specific, desc);
  }
  checkFirstByte_ = false;
  const char* ver = gnutls_protocol_get_name(gnutls_protocol_get_version(session_));
  result.negotiatedProtocol = ver ? ver : "";
  // IANA-style suite name ("TLS_AES_256_GCM_SHA384").
  const char* suite = gnutls_ciphersuite_get(session_);
  result.cipherSuite = suite ? suite : "";
  result_ = nullptr;
}

void Stream::failRead(int gnutlsErr, ssize_t rawResult, int err) {
  bool tls = session_ != nullptr;
  int alertSsl = 0;
  if (tls && gnutlsErr == GNUTLS_E_FATAL_ALERT_RECEIVED) alertSsl = sslErrorForAlert(gnutls_alert_get(session_));
  close();
  if (tls) {
    if (gnutlsErr == 0 || gnutlsErr == GNUTLS_E_PREMATURE_TERMINATION) {
      throw MailError(kClosedByServer, "connection closed by server");
    }
    if (alertSsl == kSslClientCertRejected) {
      throw MailError::tls(kTlsReceiveFailed, alertSsl, gnutlsErr, "the server rejected the client certificate");
    }
    throw MailError::tls(kTlsReceiveFailed, kSslNone, gnutlsErr, std::string("TLS receive failed: ") + gnutls_strerror(gnutlsErr));
  }
  if (rawResult == 0 || err == ECONNRESET) throw MailError(kClosedByServer, "connection closed by server");
  throw MailError(kNetworkError, std::string("receive failed: ") + strerror(err));
}

Task<void> Stream::fill(TimePoint until) {
  if (fd_ < 0) throw MailError(kNotConnected, "not connected");
  if (inPos_ > 0 && inPos_ == in_.size()) {
    in_.clear();
    inPos_ = 0;
  } else if (inPos_ > 65536) {
    in_.erase(0, inPos_);
    inPos_ = 0;
  }
  char buf[16384];
  for (;;) {
    if (session_) {
      ssize_t n = gnutls_record_recv(session_, buf, sizeof buf);
      if (n > 0) {
        in_.append(buf, static_cast<size_t>(n));
        co_return;
      }
      if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) {
        // After a post-handshake message (a session ticket) GnuTLS returns AGAIN even when the
        // next record is already in the read-ahead buffer: only wait when that buffer is empty.
        if (rawPos_ == rawLen_) co_await waitFor(POLLIN, until);
        continue;
      }
      if (n == GNUTLS_E_REHANDSHAKE) continue;
      failRead(static_cast<int>(n), n, 0);
    } else {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n > 0) {
        in_.append(buf, static_cast<size_t>(n));
        co_return;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        co_await waitFor(POLLIN, until);
        continue;
      }
      failRead(0, n, n < 0 ? errno : 0);
    }
  }
}

Task<std::string> Stream::readLine(size_t maxLen) {
  // One timeout for the whole line: a server that drips a byte at a time cannot stretch it.
  const TimePoint until = waitDeadline();
  size_t scanFrom = inPos_;
  for (;;) {
    size_t nl = in_.find('\n', scanFrom);
    if (nl != std::string::npos) {
      size_t end = nl;
      if (end > inPos_ && in_[end - 1] == '\r') --end;
      if (end - inPos_ > maxLen) {
        close();
        throw MailError(kProtocolError, "the server sent a line longer than " + std::to_string(maxLen) + " bytes");
      }
      std::string line = in_.substr(inPos_, end - inPos_);
      inPos_ = nl + 1;
      co_return line;
    }
    if (in_.size() - inPos_ > maxLen) {
      close();
      throw MailError(kProtocolError, "the server sent a line longer than " + std::to_string(maxLen) + " bytes");
    }
    scanFrom = in_.size();
    size_t offset = inPos_;
    co_await fill(until);
    // fill() may have compacted the buffer.
    scanFrom = scanFrom - offset + inPos_;
  }
}

Task<std::string> Stream::readExact(size_t n) {
  std::string out;
  out.reserve(n < (1u << 20) ? n : (1u << 20));
  while (out.size() < n) {
    if (inPos_ == in_.size()) co_await fill();
    size_t take = std::min(n - out.size(), in_.size() - inPos_);
    out.append(in_, inPos_, take);
    inPos_ += take;
  }
  co_return out;
}

Task<bool> Stream::waitReadable(TimePoint until) {
  if (fd_ < 0) throw MailError(kNotConnected, "not connected");
  if (unreadBytes() > 0 || rawPos_ < rawLen_ || (session_ && gnutls_record_check_pending(session_) > 0)) co_return true;
  if (until > deadline_) until = deadline_;
  WaitResult r = co_await WaitAwaiter{reactor_, fd_, POLLIN, until, cancel_};
  if (r == WaitResult::Cancelled) {
    close();
    throw MailError(kAborted, "cancelled by abort()");
  }
  co_return r == WaitResult::Ready;
}

Task<void> Stream::flush() {
  if (fd_ < 0) throw MailError(kNotConnected, "not connected");
  size_t pos = 0;
  while (pos < out_.size()) {
    size_t chunk = out_.size() - pos;
    if (session_) {
      if (chunk > 16384) chunk = 16384;
      ssize_t n = gnutls_record_send(session_, out_.data() + pos, chunk);
      if (n > 0) {
        pos += static_cast<size_t>(n);
        continue;
      }
      if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) {
        co_await waitFor(POLLOUT);
        continue;
      }
      int e = static_cast<int>(n);
      close();
      throw MailError::tls(kTlsSendFailed, kSslNone, e, std::string("TLS send failed: ") + gnutls_strerror(e));
    }
    ssize_t n = ::send(fd_, out_.data() + pos, chunk, MSG_NOSIGNAL);
    if (n > 0) {
      pos += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      co_await waitFor(POLLOUT);
      continue;
    }
    int e = errno;
    close();
    if (e == EPIPE || e == ECONNRESET) throw MailError(kClosedByServer, "connection closed by server");
    throw MailError(kNetworkError, std::string("send failed: ") + strerror(e));
  }
  out_.clear();
}

}  // namespace mailhive
