// mailhive engine: one connection to a mail server. TCP (IPv4/IPv6, every address tried), optional
// TLS on GnuTLS in non-blocking mode over our own push/pull, a bounded line reader and an output
// buffer sent in large writes (one TLS record per 16 KiB, never one write per line).
// Every wait is bounded by min(now + timeout, call deadline); failures throw MailError.
#pragma once
#include <gnutls/gnutls.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/task.h"
#include "net/reactor.h"
#include "net/tls.h"

namespace mailhive {

class Stream {
 public:
  Stream(Reactor& reactor, CancelToken* cancel) : reactor_(reactor), cancel_(cancel) {}
  ~Stream();
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  // timeout: seconds for each single wait; deadline: end of the whole call (TimePoint::max() = none).
  void setLimits(int timeoutSeconds, TimePoint deadline) {
    timeout_ = timeoutSeconds > 0 ? timeoutSeconds : 30;
    deadline_ = deadline;
  }

  // Resolves `host` and connects to the first address that answers. errCode 3/4/5/8.
  Task<void> connect(std::string host, int port);
  // TLS handshake on the open connection. `afterStartTls`: bytes that are not a TLS record before
  // the server's first handshake message are plaintext injection (sslError 13).
  Task<void> startTls(const TlsSettings& settings, std::string serverName, TlsResult& result, bool afterStartTls);
  // The next line without its CRLF (a bare LF also ends a line). Longer than maxLen: errCode 116.
  Task<std::string> readLine(size_t maxLen);
  // Exactly `n` bytes (an IMAP literal's contents), buffered ones first. The caller bounds `n`;
  // memory grows with the bytes that actually arrive, never reserved up front beyond 1 MiB.
  Task<std::string> readExact(size_t n);

  // Waits until the server has sent something (true) or `until` passes (false). Unlike the reads,
  // time-up is not an error and leaves the connection open (IMAP IDLE).
  Task<bool> waitReadable(TimePoint until);

  void write(std::string_view bytes) { out_.append(bytes.data(), bytes.size()); }
  size_t pendingOutput() const { return out_.size(); }
  Task<void> flush();

  // Bytes received and not yet consumed by readLine().
  size_t unreadBytes() const { return in_.size() - inPos_; }
  bool isOpen() const { return fd_ >= 0; }
  bool tlsActive() const { return session_ != nullptr; }
  // Drops the connection at once (no goodbye); safe to call twice.
  void close();

 private:
  TimePoint waitDeadline() const;
  // `until` = TimePoint{} means "timeout from now".
  Task<void> waitFor(short events, TimePoint until = TimePoint{});
  Task<void> fill(TimePoint until = TimePoint{});
  [[noreturn]] void failRead(int gnutlsErr, ssize_t rawResult, int err);
  static ssize_t pull(gnutls_transport_ptr_t ptr, void* buf, size_t len);
  static int pullTimeout(gnutls_transport_ptr_t ptr, unsigned int ms);
  static ssize_t push(gnutls_transport_ptr_t ptr, const void* buf, size_t len);
  static int verifyPeer(gnutls_session_t session);

  Reactor& reactor_;
  CancelToken* cancel_;
  int fd_ = -1;
  int timeout_ = 30;
  TimePoint deadline_ = TimePoint::max();
  gnutls_session_t session_ = nullptr;
  std::shared_ptr<TlsCredentials> cred_;
  std::string in_;
  size_t inPos_ = 0;
  std::string out_;
  // Ciphertext read ahead for GnuTLS (one recv() serves several records).
  static constexpr size_t kRawBuffer = 16 * 1024 + 64;
  std::unique_ptr<char[]> raw_;
  size_t rawPos_ = 0, rawLen_ = 0;
  // Handshake context read by the verify callback.
  bool checkFirstByte_ = false;
  bool injected_ = false;
  bool verify_ = true;
  std::string verifyHost_;
  std::string pins_;
  TlsResult* result_ = nullptr;
};

}  // namespace mailhive
