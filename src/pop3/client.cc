#include "pop3/client.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "proto/sasl.h"

namespace mailhive::pop3 {

namespace {
constexpr size_t kMaxStatusLine = 8192;
constexpr uint64_t kMaxCapaBytes = 64 * 1024;
// RFC 5034: an AUTH command with its initial response must fit in 255 octets (CRLF included).
constexpr size_t kMaxAuthLine = 253;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

// RFC 3206: [IN-USE] and [SYS/...] say the credentials were fine but the login still failed.
bool loginFailedForOtherReason(const Status& st) {
  std::string t = lower(st.text);
  return t.rfind("[in-use]", 0) == 0 || t.rfind("[sys/", 0) == 0;
}

// Servers word "no such message" differently (RFC 1939 examples, Dovecot, Courier, qpopper).
bool saysNoSuchMessage(const Status& st) {
  std::string t = lower(st.text);
  for (const char* phrase : {"no such message", "no message", "not exist", "deleted", "out of range", "invalid message"}) {
    if (t.find(phrase) != std::string::npos) return true;
  }
  return false;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\r\n", pos);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return lines;
}

// co_await of a Task that runs it inline and suspends only when it really suspends. A plain
// `co_await task` resumes the awaiting coroutine from inside the finished one: without a tail call
// (-O0, sanitizers) a loop over thousands of lines that never suspend (the blocking reactor) grows
// the stack by two frames a line until it overflows. Here a task that finishes in place returns
// first. Safe on the EventLoop too: a suspended task is resumed only by the loop thread, after this
// coroutine has suspended and set itself as the continuation. Trivially destructible (GCC 12).
template <typename T>
struct InlineAwaiter {
  Task<T>* task;
  bool await_ready() {
    task->start();
    return task->done();
  }
  void await_suspend(std::coroutine_handle<> h) { task->setContinuation(h); }
  T await_resume() { return task->result(); }
};

void requireIndex(int index) {
  if (index < 0) throw ArgumentError("message index must not be negative", true);
}
}  // namespace

void validate(const Settings& s) {
  requireSingleLine(s.serverName, "serverName");
  requireSingleLine(s.userName, "userName");
  requireSingleLine(s.password, "password");
  requireSingleLine(s.ssl.expectedHostName, "ssl.expectedHostName");
  requireSingleLine(s.ssl.pinSha256, "ssl.pinSha256");
  if (s.authMethod < kAuthAuto || s.authMethod > kAuthSaslPlain) throw ArgumentError("authMethod: unknown constant", true);
  if (s.portNumber < 0 || s.portNumber > 65535) throw ArgumentError("portNumber must be 0..65535", true);
  if (s.timeout < 0) throw ArgumentError("timeout must not be negative", true);
  if (s.deadline < 0) throw ArgumentError("deadline must not be negative", true);
  tlsPriorityFor(s.ssl.protocol);  // throws for an unknown protocol constant
}

Client::Client(Reactor& reactor) : reactor_(reactor), stream_(reactor, &cancel_) {}
Client::~Client() = default;

void Client::abort() { reactor_.cancel(&cancel_); }
void Client::resetAbort() { cancel_.cancelled = false; }

void Client::begin(const Settings& s) {
  validate(s);
  transcript_.configure(s.enableLogging, s.logFilePath);
  timeout_ = s.timeout;
  deadlineSeconds_ = s.deadline;
  TimePoint deadline = s.deadline > 0 ? Clock::now() + std::chrono::seconds(s.deadline) : TimePoint::max();
  stream_.setLimits(s.timeout, deadline);
  if (cancel_.cancelled) throw MailError(kAborted, "cancelled by abort()");
}

void Client::beginCall() {
  TimePoint deadline = deadlineSeconds_ > 0 ? Clock::now() + std::chrono::seconds(deadlineSeconds_) : TimePoint::max();
  stream_.setLimits(timeout_, deadline);
  if (cancel_.cancelled) throw MailError(kAborted, "cancelled by abort()");
  if (!stream_.isOpen()) throw MailError(kNotConnected, "not connected");
}

void Client::sendLine(const std::string& line, const std::string& logged) {
  stream_.write(line);
  stream_.write("\r\n");
  lastRequest_ = logged.empty() ? line : logged;
  transcript_.client(lastRequest_);
}

Task<Status> Client::readStatus(bool allowContinuation) {
  std::string line = co_await stream_.readLine(kMaxStatusLine);
  transcript_.server(line);
  lastReply_ = line;
  Status st;
  try {
    st = parseStatus(line, allowContinuation);
  } catch (const MailError&) {
    // After a reply we cannot read, we cannot know where the next one starts.
    stream_.close();
    throw;
  }
  co_return st;
}

Task<Status> Client::command(const std::string& line, const std::string& logged, bool allowContinuation) {
  sendLine(line, logged);
  co_await stream_.flush();
  co_return co_await readStatus(allowContinuation);
}

Task<std::string> Client::readMultiLine(bool logLines, uint64_t maxBytes, uint64_t expected) {
  MultiLineCollector collector(maxBytes);
  ProgressMeter meter;
  meter.reset(logLines ? nullptr : &progress_, expected);
  for (;;) {
    Task<std::string> next = stream_.readLine(kMaxDataLine);
    std::string line = co_await InlineAwaiter<std::string>{&next};
    if (logLines) transcript_.server(line);
    bool done;
    try {
      done = collector.feed(std::move(line));
    } catch (const MailError&) {
      stream_.close();
      throw;
    }
    if (done) break;
    meter.update(collector.text().size());
  }
  meter.update(collector.text().size(), true);
  if (logLines) {
    // Multi-line replies of CAPA/LIST/UIDL are short enough to keep whole as the server's reply.
    lastReply_ += "\r\n";
    lastReply_ += collector.text();
    lastReply_ += ".";
  } else {
    transcript_.note("(" + std::to_string(collector.text().size()) + " bytes, " +
                     std::to_string(collector.lineCount()) + " lines)");
  }
  co_return std::move(collector.text());
}

Task<Status> Client::expectOk(const std::string& line, int index) {
  Status st = co_await command(line);
  if (st.ok) co_return st;
  std::string verb = line.substr(0, line.find(' '));
  if (index > 0 && saysNoSuchMessage(st)) {
    throw MailError(kNoSuchMessage, "no such message: " + std::to_string(index), st.raw);
  }
  throw MailError(kCommandRefused, verb + " refused by server", st.raw);
}

Task<void> Client::readCapabilities() {
  caps_.clear();
  capaAnswered_ = false;
  Status st = co_await command("CAPA");
  // RFC 2449 is optional: a server without CAPA simply has no listed capabilities.
  if (!st.ok) co_return;
  std::string text = co_await readMultiLine(true, kMaxCapaBytes);
  caps_ = splitLines(text);
  capaAnswered_ = true;
}

Task<void> Client::connect(Settings s) {
  begin(s);
  if (stream_.isOpen()) throw MailError(kAlreadyConnected, "already connected");
  if (s.userName.empty()) throw MailError(kBadCredentials, "userName is not set: POP3 needs a login");
  co_await openSession(s);
}

Task<void> Client::openSession(const Settings& s) {
  // A half-open session (greeted but not logged in, say) is never kept: close it on failure.
  try {
    co_await connectImpl(s);
  } catch (...) {
    stream_.close();
    throw;
  }
}

void Client::forgetListings() {
  stat_.reset();
  sizes_.reset();
  uids_.reset();
}

Task<void> Client::connectImpl(const Settings& s) {
  caps_.clear();
  capaAnswered_ = false;
  tls_ = TlsResult{};
  apopTimestamp_.clear();
  loginCount_ = -1;
  deleted_.clear();
  forgetListings();

  TlsSettings ssl = s.ssl;
  int port = s.portNumber > 0 ? s.portNumber : 110;
  if (ssl.autosetPortAndSsl) {
    if (port == 995) {
      ssl.enabled = true;
      ssl.useStartTls = false;
    } else if (port == 110 && ssl.enabled && !ssl.useStartTls) {
      port = 995;
    }
  }
  port_ = port;
  transcript_.note("connecting to " + s.serverName + ":" + std::to_string(port) +
                   (ssl.enabled ? (ssl.useStartTls ? " (STLS required)" : " (TLS)") : " (no TLS)"));
  co_await stream_.connect(s.serverName, port);
  if (ssl.enabled && !ssl.useStartTls) co_await stream_.startTls(ssl, s.serverName, tls_, false);

  Status greeting = co_await readStatus();
  if (!greeting.ok) throw MailError(kConnectionRefused, "server refused the session", greeting.raw);
  apopTimestamp_ = apopTimestamp(greeting.text);
  co_await readCapabilities();

  if (ssl.enabled && ssl.useStartTls) {
    if (!hasCapability(caps_, "STLS")) {
      // Required means required: nothing more is sent on this connection, not even QUIT.
      stream_.close();
      tls_.sslError = kSslStartTlsRefused;
      MailError e(kStartTlsNotOffered, "the server does not offer STLS", lastReply_);
      e.sslError = kSslStartTlsRefused;
      throw e;
    }
    Status r = co_await command("STLS");
    if (!r.ok) {
      stream_.close();
      tls_.sslError = kSslStartTlsRefused;
      MailError e(kStartTlsNotOffered, "the server refused STLS", r.raw);
      e.sslError = kSslStartTlsRefused;
      throw e;
    }
    co_await stream_.startTls(ssl, s.serverName, tls_, true);
    // Everything learned before TLS is forgotten (RFC 2595 section 4).
    co_await readCapabilities();
  }
  co_await authenticate(s);
}

Task<void> Client::authenticate(const Settings& s) {
  bool saslPlain = offersSasl(caps_, "PLAIN");
  bool apop = !apopTimestamp_.empty();
  // Without an answer to CAPA, USER/PASS (the RFC 1939 baseline) is assumed.
  bool user = !capaAnswered_ || hasCapability(caps_, "USER");
  int method = s.authMethod;
  if (method == kAuthAuto) {
    // Under TLS the password is safe in SASL PLAIN; in plain text APOP at least hides it.
    if (saslPlain && stream_.tlsActive()) method = kAuthSaslPlain;
    else if (apop) method = kAuthApop;
    else if (saslPlain) method = kAuthSaslPlain;
    else if (user) method = kAuthUser;
    else throw MailError(kNoAuthOffered, "the server offers no authentication", lastReply_);
  } else if (method == kAuthApop && !apop) {
    throw MailError(kAuthMethodNotOffered, "the server does not offer APOP (no timestamp in its greeting)");
  } else if (method == kAuthSaslPlain && capaAnswered_ && !saslPlain) {
    throw MailError(kAuthMethodNotOffered, "the server does not offer SASL PLAIN", lastReply_);
  } else if (method == kAuthUser && !user) {
    throw MailError(kAuthMethodNotOffered, "the server does not offer USER/PASS", lastReply_);
  }

  Status r;
  switch (method) {
    case kAuthUser:
      r = co_await command("USER " + s.userName);
      if (r.ok) r = co_await command("PASS " + s.password, "PASS ****");
      break;
    case kAuthApop:
      r = co_await command("APOP " + s.userName + " " + apopDigest(apopTimestamp_, s.password),
                           "APOP " + s.userName + " ****");
      break;
    case kAuthSaslPlain: {
      std::string payload = sasl::plain(s.userName, s.password);
      if (payload.size() + 11 <= kMaxAuthLine) {
        r = co_await command("AUTH PLAIN " + payload, "AUTH PLAIN ****", true);
      } else {
        r = co_await command("AUTH PLAIN", "", true);
        if (r.continuation) r = co_await command(payload, "****", true);
      }
      if (r.continuation) {
        // PLAIN is one message; a server that wants more is cancelled (RFC 5034 "*").
        r = co_await command("*", "", true);
        throw MailError(kAuthFailed, "authentication failed: unexpected SASL challenge", r.raw);
      }
      break;
    }
  }
  if (r.ok) co_return;
  if (loginFailedForOtherReason(r)) throw MailError(kAuthFailed, "login refused by server", r.raw);
  throw MailError(kBadCredentials, "wrong user name or password", r.raw);
}

Task<void> Client::ensureStat() {
  if (stat_) co_return;
  Status st = co_await expectOk("STAT", 0);
  Stat parsed;
  try {
    parsed = parseStat(st.text);
  } catch (const MailError&) {
    stream_.close();
    throw;
  }
  stat_ = parsed;
  if (loginCount_ < 0 && deleted_.empty()) loginCount_ = parsed.count;
}

Task<void> Client::ensureList() {
  if (sizes_) co_return;
  co_await expectOk("LIST", 0);
  std::string text = co_await readMultiLine(true, kMaxResponseBytes);
  std::map<int, uint64_t> sizes;
  try {
    for (const auto& line : splitLines(text)) {
      ListEntry e = parseListLine(line);
      sizes[e.index] = e.size;
    }
  } catch (const MailError&) {
    stream_.close();
    throw;
  }
  sizes_ = std::move(sizes);
}

Task<void> Client::ensureUidl() {
  if (uids_) co_return;
  co_await expectOk("UIDL", 0);
  std::string text = co_await readMultiLine(true, kMaxResponseBytes);
  std::map<int, std::string> uids;
  try {
    for (const auto& line : splitLines(text)) {
      UidEntry e = parseUidlLine(line);
      uids[e.index] = std::move(e.uid);
    }
  } catch (const MailError&) {
    stream_.close();
    throw;
  }
  uids_ = std::move(uids);
}

Task<void> Client::checkIndex(int index) {
  if (loginCount_ < 0) co_await ensureStat();
  if (index < 1 || index > loginCount_ || deleted_.count(index) != 0) {
    throw MailError(kNoSuchMessage, "no such message: " + std::to_string(index) +
                                        (deleted_.count(index) != 0 ? " (deleted in this session)"
                                                                    : " (the maildrop has " + std::to_string(loginCount_) + ")"));
  }
}

Task<int> Client::messageCount() {
  beginCall();
  co_await ensureStat();
  co_return stat_->count;
}

Task<uint64_t> Client::totalSize() {
  beginCall();
  co_await ensureStat();
  co_return stat_->size;
}

Task<uint64_t> Client::getMessageSize(int index) {
  requireIndex(index);
  beginCall();
  co_await checkIndex(index);
  co_await ensureList();
  auto it = sizes_->find(index);
  if (it == sizes_->end()) throw MailError(kNoSuchMessage, "no such message: " + std::to_string(index));
  co_return it->second;
}

Task<std::string> Client::getMessageUID(int index) {
  requireIndex(index);
  beginCall();
  co_await checkIndex(index);
  co_await ensureUidl();
  auto it = uids_->find(index);
  if (it == uids_->end()) throw MailError(kNoSuchMessage, "no such message: " + std::to_string(index));
  co_return it->second;
}

Task<std::vector<std::string>> Client::search() {
  beginCall();
  co_await ensureUidl();
  std::vector<std::string> out;
  out.reserve(uids_->size());
  for (const auto& [index, uid] : *uids_) out.push_back(uid);
  co_return out;
}

Task<std::string> Client::retrieveSingleMessage(int index) {
  requireIndex(index);
  beginCall();
  co_await checkIndex(index);
  // The size (LIST, cached) is only asked for when someone watches the progress.
  uint64_t expected = 0;
  if (progress_) expected = co_await getMessageSize(index);
  co_await expectOk("RETR " + std::to_string(index), index);
  co_return co_await readMultiLine(false, kMaxResponseBytes, expected);
}

Task<std::string> Client::retrieveSingleMessageHeaders(int index, int bodyLines) {
  requireIndex(index);
  if (bodyLines < 0) throw ArgumentError("bodyLines must not be negative", true);
  beginCall();
  co_await checkIndex(index);
  co_await expectOk("TOP " + std::to_string(index) + " " + std::to_string(bodyLines), index);
  co_return co_await readMultiLine(false, kMaxResponseBytes);
}

Task<void> Client::deleteMessage(int index) {
  requireIndex(index);
  beginCall();
  co_await checkIndex(index);
  co_await expectOk("DELE " + std::to_string(index), index);
  deleted_.insert(index);
  forgetListings();
}

Task<void> Client::undeleteAll() {
  beginCall();
  co_await expectOk("RSET", 0);
  deleted_.clear();
  forgetListings();
}

Task<void> Client::disconnect() {
  if (!stream_.isOpen()) co_return;
  stream_.setLimits(timeout_, TimePoint::max());
  bool refused = false;
  try {
    Status st = co_await command("QUIT");
    refused = !st.ok;
  } catch (const MailError&) {
    // The session is over either way.
  }
  stream_.close();
  caps_.clear();
  forgetListings();
  deleted_.clear();
  loginCount_ = -1;
  // RFC 1939: -ERR to QUIT means the deletions could not all be made.
  if (refused) throw MailError(kCommandRefused, "QUIT refused: messages marked for deletion may remain", lastReply_);
}

}  // namespace mailhive::pop3
