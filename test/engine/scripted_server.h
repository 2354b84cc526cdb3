// A scripted SMTP-ish server for the engine tests (header-only: the test Makefile compiles only *_test.cc).
//
// It listens on 127.0.0.1 (ephemeral port), accepts one connection (or N, one after the other) on its
// own thread and runs a script, a C++ lambda that talks to the client with sendRaw/readLine/expect/
// startTls/sleepMs/close. Everything the client sent (plain text before TLS, decrypted text after it)
// is recorded and readable with received() after join(). Every wait is a poll() bounded by the I/O
// timeout (5 s) and woken every 50 ms to honour the destructor, so a failing test never hangs.
#pragma once
#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

namespace mailhive::scripted {

// Thrown by expect()/readData() to end a script whose client did not say what was expected.
struct ScriptStop {};

class ScriptedServer {
 public:
  using Clock = std::chrono::steady_clock;
  using Script = std::function<void(ScriptedServer&)>;

  explicit ScriptedServer(Script script, int connections = 1,
                          std::chrono::milliseconds ioTimeout = std::chrono::milliseconds(5000))
      : script_(std::move(script)), connections_(connections), ioTimeout_(ioTimeout) {
    listenFd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (listenFd_ < 0) throw std::runtime_error("scripted server: socket() failed");
    int one = 1;
    ::setsockopt(listenFd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    if (::bind(listenFd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listenFd_, 16) != 0 ||
        ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      ::close(listenFd_);
      throw std::runtime_error("scripted server: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { run(); });
  }

  ~ScriptedServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (listenFd_ >= 0) ::close(listenFd_);
  }

  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  int port() const { return port_; }
  // Waits until the script(s) ran to the end (each wait inside is bounded by the I/O timeout).
  void join() {
    if (thread_.joinable()) thread_.join();
  }
  // Everything the client sent on every connection so far (complete after join()).
  std::string received() const {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }
  int accepted() const { return accepted_; }

  // ---- inside a script ----
  // 0-based index of the connection being served.
  int connection() const { return index_; }

  // One write of `bytes` (through TLS after startTls). False when the client is gone.
  bool sendRaw(std::string_view bytes) {
    if (fd_ < 0) return false;
    auto deadline = Clock::now() + ioTimeout_;
    size_t pos = 0;
    while (pos < bytes.size()) {
      ssize_t n;
      if (session_) {
        size_t chunk = std::min<size_t>(bytes.size() - pos, 16384);
        n = gnutls_record_send(session_, bytes.data() + pos, chunk);
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) {
          if (!waitFd(fd_, POLLOUT, deadline)) return false;
          continue;
        }
      } else {
        n = ::send(fd_, bytes.data() + pos, bytes.size() - pos, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
          if (!waitFd(fd_, POLLOUT, deadline)) return false;
          continue;
        }
      }
      if (n <= 0) return false;
      pos += static_cast<size_t>(n);
    }
    return true;
  }

  // The next line without CR/LF; "" on EOF or after the I/O timeout (eof() tells which).
  std::string readLine() {
    for (;;) {
      size_t nl = inbuf_.find('\n');
      if (nl != std::string::npos) {
        std::string line = inbuf_.substr(0, nl);
        inbuf_.erase(0, nl + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
      }
      if (!fill()) return "";
    }
  }
  bool eof() const { return eof_; }
  // The last read waited the whole I/O timeout for nothing.
  bool timedOut() const { return timedOut_; }

  // Reads a line and requires it to start with `prefix` (a failure of the test otherwise; the script ends).
  std::string expect(std::string_view prefix) {
    std::string line = readLine();
    if (line.compare(0, prefix.size(), prefix) != 0 || (line.empty() && !prefix.empty())) {
      if (!stop_) {
        ADD_FAILURE() << "scripted server (connection " << index_ << "): expected a line starting with \""
                      << std::string(prefix) << "\", got " << (line.empty() && eof_ ? "EOF" : "\"" + line + "\"");
      }
      throw ScriptStop{};
    }
    return line;
  }

  // DATA contents up to the "." line, as the server understands them: lines un-stuffed, CRLF-joined.
  std::string readData() {
    std::string msg;
    for (;;) {
      std::string line = readLine();
      if (line.empty() && (eof_ || timedOut_)) {
        if (!stop_) ADD_FAILURE() << "scripted server: the data ended without a \".\" line";
        throw ScriptStop{};
      }
      if (line == ".") return msg;
      if (!line.empty() && line[0] == '.') line.erase(0, 1);
      msg += line;
      msg += "\r\n";
    }
  }

  // Reads (and records) whatever the client sends until it closes or the I/O timeout passes.
  void drain() {
    inbuf_.clear();
    while (fill()) inbuf_.clear();
  }

  // True when the client sends nothing within `ms` (polls the socket; for "one command at a time").
  bool silentFor(int ms) {
    if (!inbuf_.empty()) return false;
    if (session_ && gnutls_record_check_pending(session_) > 0) return false;
    return !waitFd(fd_, POLLIN, Clock::now() + std::chrono::milliseconds(ms));
  }

  // Server side of a TLS handshake on this connection; afterwards sendRaw/readLine go through TLS.
  // requireClientCert: ask for a client certificate (signed by caFile's CA) and record what came.
  bool startTls(const std::string& certFile, const std::string& keyFile, bool requireClientCert = false,
                const std::string& caFile = "") {
    if (fd_ < 0) return false;
    gnutls_certificate_allocate_credentials(&cred_);
    int r = gnutls_certificate_set_x509_key_file(cred_, certFile.c_str(), keyFile.c_str(), GNUTLS_X509_FMT_PEM);
    if (r < 0) {
      ADD_FAILURE() << "scripted server: cannot load " << certFile << ": " << gnutls_strerror(r);
      throw ScriptStop{};
    }
    if (!caFile.empty()) gnutls_certificate_set_x509_trust_file(cred_, caFile.c_str(), GNUTLS_X509_FMT_PEM);
    gnutls_init(&session_, GNUTLS_SERVER | GNUTLS_NONBLOCK);
    gnutls_set_default_priority(session_);
    gnutls_credentials_set(session_, GNUTLS_CRD_CERTIFICATE, cred_);
    if (requireClientCert) gnutls_certificate_server_set_request(session_, GNUTLS_CERT_REQUEST);
    // Bytes already read as plain text (none with a well-behaved client) are handed to GnuTLS first.
    preTls_ = std::move(inbuf_);
    inbuf_.clear();
    gnutls_transport_set_ptr(session_, this);
    gnutls_transport_set_pull_function(session_, &ScriptedServer::pull);
    gnutls_transport_set_push_function(session_, &ScriptedServer::push);
    auto deadline = Clock::now() + ioTimeout_;
    for (;;) {
      r = gnutls_handshake(session_);
      if (r == GNUTLS_E_SUCCESS) break;
      if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
        if (!waitFd(fd_, gnutls_record_get_direction(session_) ? POLLOUT : POLLIN, deadline)) {
          tlsError_ = "handshake timeout";
          endTls();
          return false;
        }
        continue;
      }
      if (!gnutls_error_is_fatal(r)) continue;
      tlsError_ = gnutls_strerror(r);
      endTls();
      return false;
    }
    const char* ver = gnutls_protocol_get_name(gnutls_protocol_get_version(session_));
    tlsVersion_ = ver ? ver : "";
    unsigned count = 0;
    const gnutls_datum_t* peers = gnutls_certificate_get_peers(session_, &count);
    if (peers && count > 0) {
      gnutls_x509_crt_t crt;
      gnutls_x509_crt_init(&crt);
      if (gnutls_x509_crt_import(crt, &peers[0], GNUTLS_X509_FMT_DER) == 0) {
        char dn[1024];
        size_t size = sizeof dn;
        if (gnutls_x509_crt_get_dn(crt, dn, &size) == 0) peerCertSubject_.assign(dn, size);
      }
      gnutls_x509_crt_deinit(crt);
      if (peerCertSubject_.empty()) peerCertSubject_ = "(unparsable)";
    }
    return true;
  }
  bool tlsActive() const { return session_ != nullptr; }
  // After startTls: what the handshake produced / why it failed.
  std::string tlsVersion() const { return tlsVersion_; }
  std::string tlsError() const { return tlsError_; }
  std::string peerCertSubject() const { return peerCertSubject_; }

  // Waits `ms` (woken early only by the destructor).
  void sleepMs(int ms) {
    auto end = Clock::now() + std::chrono::milliseconds(ms);
    while (!stop_ && Clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(std::min(ms, 10)));
  }

  // Drops the connection now (no TLS close_notify).
  void close() {
    endTls();
    if (fd_ >= 0) {
      ::shutdown(fd_, SHUT_RDWR);
      ::close(fd_);
      fd_ = -1;
    }
  }

 private:
  void run() {
    for (int i = 0; i < connections_ && !stop_; ++i) {
      if (!waitFd(listenFd_, POLLIN, Clock::now() + std::chrono::seconds(15))) break;
      int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        --i;
        continue;
      }
      ++accepted_;
      fd_ = fd;
      index_ = i;
      inbuf_.clear();
      eof_ = timedOut_ = false;
      tlsVersion_.clear();
      tlsError_.clear();
      peerCertSubject_.clear();
      try {
        script_(*this);
      } catch (const ScriptStop&) {
      } catch (const std::exception& e) {
        ADD_FAILURE() << "scripted server: the script threw: " << e.what();
      }
      if (session_) gnutls_bye(session_, GNUTLS_SHUT_WR);  // best effort (non-blocking)
      close();
    }
  }

  void endTls() {
    if (session_) {
      gnutls_deinit(session_);
      session_ = nullptr;
    }
    if (cred_) {
      gnutls_certificate_free_credentials(cred_);
      cred_ = nullptr;
    }
  }

  // poll() for `events` until `deadline`, in 50 ms slices so that the destructor is honoured.
  bool waitFd(int fd, short events, Clock::time_point deadline) {
    for (;;) {
      if (stop_ || fd < 0) return false;
      auto now = Clock::now();
      if (now >= deadline) return false;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1;
      pollfd p{fd, events, 0};
      int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 50)));
      if (n > 0) return true;
      if (n < 0 && errno != EINTR) return false;
    }
  }

  void record(const char* data, size_t n) {
    std::lock_guard<std::mutex> lock(mu_);
    received_.append(data, n);
  }

  // Reads more bytes into inbuf_ (recorded). False on EOF, error or timeout.
  bool fill() {
    if (fd_ < 0) return false;
    auto deadline = Clock::now() + ioTimeout_;
    char buf[16384];
    for (;;) {
      ssize_t n;
      if (session_) {
        n = gnutls_record_recv(session_, buf, sizeof buf);
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED) {
          if (!waitFd(fd_, POLLIN, deadline)) {
            timedOut_ = !stop_;
            return false;
          }
          continue;
        }
      } else {
        n = ::recv(fd_, buf, sizeof buf, 0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
          if (!waitFd(fd_, POLLIN, deadline)) {
            timedOut_ = !stop_;
            return false;
          }
          continue;
        }
      }
      if (n <= 0) {
        eof_ = true;
        return false;
      }
      record(buf, static_cast<size_t>(n));
      inbuf_.append(buf, static_cast<size_t>(n));
      return true;
    }
  }

  static ssize_t pull(gnutls_transport_ptr_t p, void* buf, size_t len) {
    auto* self = static_cast<ScriptedServer*>(p);
    if (!self->preTls_.empty()) {
      size_t n = std::min(len, self->preTls_.size());
      memcpy(buf, self->preTls_.data(), n);
      self->preTls_.erase(0, n);
      return static_cast<ssize_t>(n);
    }
    ssize_t n = ::recv(self->fd_, buf, len, 0);
    if (n < 0) gnutls_transport_set_errno(self->session_, errno == EWOULDBLOCK ? EAGAIN : errno);
    return n;
  }
  static ssize_t push(gnutls_transport_ptr_t p, const void* buf, size_t len) {
    auto* self = static_cast<ScriptedServer*>(p);
    ssize_t n = ::send(self->fd_, buf, len, MSG_NOSIGNAL);
    if (n < 0) gnutls_transport_set_errno(self->session_, errno == EWOULDBLOCK ? EAGAIN : errno);
    return n;
  }

  Script script_;
  int connections_;
  std::chrono::milliseconds ioTimeout_;
  int listenFd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  mutable std::mutex mu_;
  std::string received_;
  // Connection state: touched only by the server thread (and by the test after join()).
  int fd_ = -1;
  int index_ = 0;
  std::string inbuf_;
  std::string preTls_;
  bool eof_ = false;
  bool timedOut_ = false;
  gnutls_session_t session_ = nullptr;
  gnutls_certificate_credentials_t cred_ = nullptr;
  std::string tlsVersion_, tlsError_, peerCertSubject_;
  std::thread thread_;  // last: started once every other member is ready
};

// Base64 (RFC 4648) for scripts that check SASL payloads independently of the engine's codec.
inline std::string base64Encode(std::string_view in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8 | (unsigned char)in[i + 2];
    out += t[v >> 18];
    out += t[(v >> 12) & 63];
    out += t[(v >> 6) & 63];
    out += t[v & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16;
    out += t[v >> 18];
    out += t[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v = (unsigned char)in[i] << 16 | (unsigned char)in[i + 1] << 8;
    out += t[v >> 18];
    out += t[(v >> 12) & 63];
    out += t[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

inline std::string base64Decode(std::string_view in) {
  std::string out;
  unsigned v = 0;
  int bits = 0;
  for (char c : in) {
    int d;
    if (c >= 'A' && c <= 'Z') d = c - 'A';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
    else if (c >= '0' && c <= '9') d = c - '0' + 52;
    else if (c == '+') d = 62;
    else if (c == '/') d = 63;
    else continue;
    v = (v << 6) | static_cast<unsigned>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace mailhive::scripted
