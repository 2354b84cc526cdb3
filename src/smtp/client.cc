#include "smtp/client.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "proto/sasl.h"
#include "smtp/data.h"

namespace mailhive::smtp {

namespace {
constexpr size_t kMaxReplyLine = 8192;
constexpr size_t kFlushAt = 64 * 1024;

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string localHostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == 0) return "localhost";
  for (char* p = buf; *p; ++p)
    if (*p == '\r' || *p == '\n' || *p == ' ') return "localhost";
  return buf;
}

bool isAscii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}
}  // namespace

void validate(const Settings& s) {
  requireSingleLine(s.serverName, "serverName");
  requireSingleLine(s.userName, "userName");
  requireSingleLine(s.password, "password");
  requireSingleLine(s.domain, "domain");
  requireSingleLine(s.ssl.expectedHostName, "ssl.expectedHostName");
  requireSingleLine(s.ssl.pinSha256, "ssl.pinSha256");
  if (s.authMethod < kAuthNone || s.authMethod > kAuthXoauth2) throw ArgumentError("authMethod: unknown constant", true);
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
  TimePoint deadline = s.deadline > 0 ? Clock::now() + std::chrono::seconds(s.deadline) : TimePoint::max();
  stream_.setLimits(s.timeout, deadline);
  timeout_ = s.timeout;
  if (cancel_.cancelled) throw MailError(kAborted, "cancelled by abort()");
}

bool Client::hasCap(const std::string& name) const { return !capValue(name).empty() || std::any_of(caps_.begin(), caps_.end(), [&](const std::string& c) { return upper(c) == name; }); }

std::string Client::capValue(const std::string& name) const {
  for (const auto& c : caps_) {
    std::string u = upper(c);
    if (u.size() > name.size() && u.compare(0, name.size(), name) == 0 && (u[name.size()] == ' ' || u[name.size()] == '=')) {
      return c.substr(name.size() + 1);
    }
  }
  return "";
}

void Client::sendLine(const std::string& line, const std::string& logged) {
  stream_.write(line);
  stream_.write("\r\n");
  lastRequest_ = logged.empty() ? line : logged;
  transcript_.client(lastRequest_);
}

Task<Reply> Client::readReply() {
  ReplyParser parser;
  for (;;) {
    std::string line = co_await stream_.readLine(kMaxReplyLine);
    transcript_.server(line);
    bool complete;
    try {
      complete = parser.feed(line);
    } catch (const MailError&) {
      stream_.close();
      throw;
    }
    if (complete) break;
  }
  Reply r = parser.take();
  lastReply_ = r.raw;
  co_return r;
}

Task<Reply> Client::command(const std::string& line, const std::string& logged) {
  sendLine(line, logged);
  co_await stream_.flush();
  co_return co_await readReply();
}

Task<void> Client::ehlo(const Settings& s, bool allowHelo) {
  std::string name = s.domain.empty() ? localHostName() : s.domain;
  Reply r = co_await command("EHLO " + name);
  if (r.code == 250) {
    caps_ = capabilitiesOf(r);
    co_return;
  }
  if (r.code == 421) {
    stream_.close();
    throw MailError(kClosedByServer, "server closed the session", r.raw);
  }
  if (!allowHelo) {
    // No HELO fallback when TLS or AUTH was asked for: HELO cannot offer either.
    stream_.close();
    bool wantedStartTls = s.ssl.enabled && s.ssl.useStartTls && !stream_.tlsActive();
    if (wantedStartTls) {
      MailError e(kStartTlsNotOffered, "EHLO refused: STARTTLS is not available", r.raw);
      e.sslError = kSslStartTlsRefused;
      throw e;
    }
    throw MailError(kProtocolError, "EHLO refused by server", r.raw);
  }
  caps_.clear();
  Reply h = co_await command("HELO " + name);
  if (h.code != 250) throw MailError(kProtocolError, "HELO refused by server", h.raw);
}

Task<void> Client::connectImpl(const Settings& s) {
  caps_.clear();
  dirty_ = false;
  tls_ = TlsResult{};
  TlsSettings ssl = s.ssl;
  int port = s.portNumber > 0 ? s.portNumber : 25;
  if (ssl.autosetPortAndSsl) {
    if (port == 465) {
      ssl.enabled = true;
      ssl.useStartTls = false;
    } else if (port == 587) {
      ssl.enabled = true;
      ssl.useStartTls = true;
    } else if (port == 25 && ssl.enabled && !ssl.useStartTls) {
      port = 465;
    }
  }
  port_ = port;
  transcript_.note("connecting to " + s.serverName + ":" + std::to_string(port) +
                   (ssl.enabled ? (ssl.useStartTls ? " (STARTTLS required)" : " (TLS)") : " (no TLS)"));
  co_await stream_.connect(s.serverName, port);
  bool implicitTls = ssl.enabled && !ssl.useStartTls;
  if (implicitTls) co_await stream_.startTls(ssl, s.serverName, tls_, false);

  Reply greeting = co_await readReply();
  if (greeting.code != 220) {
    stream_.close();
    if (greeting.code == 421 || greeting.code == 554) throw MailError(kConnectionRefused, "server refused the session", greeting.raw);
    throw MailError(kProtocolError, "unexpected greeting", greeting.raw);
  }
  bool wantsAuth = !s.userName.empty() && s.authMethod != kAuthNone;
  co_await ehlo(s, !ssl.enabled && !wantsAuth);

  if (ssl.enabled && ssl.useStartTls) {
    if (!hasCap("STARTTLS")) {
      // Required means required: nothing more is sent on this connection.
      stream_.close();
      tls_.sslError = kSslStartTlsRefused;
      MailError e(kStartTlsNotOffered, "the server does not offer STARTTLS", lastReply_);
      e.sslError = kSslStartTlsRefused;
      throw e;
    }
    Reply r = co_await command("STARTTLS");
    if (r.code != 220) {
      stream_.close();
      tls_.sslError = kSslStartTlsRefused;
      MailError e(kStartTlsNotOffered, "the server refused STARTTLS", r.raw);
      e.sslError = kSslStartTlsRefused;
      throw e;
    }
    co_await stream_.startTls(ssl, s.serverName, tls_, true);
    // Everything learned before TLS is forgotten.
    caps_.clear();
    co_await ehlo(s, false);
  }
  if (wantsAuth) co_await authenticate(s);
}

Task<void> Client::authenticate(const Settings& s) {
  std::string offered = upper(capValue("AUTH"));
  std::vector<std::string> mechs;
  size_t pos = 0;
  while (pos < offered.size()) {
    size_t sp = offered.find(' ', pos);
    std::string m = offered.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
    if (!m.empty()) mechs.push_back(m);
    if (sp == std::string::npos) break;
    pos = sp + 1;
  }
  if (mechs.empty()) throw MailError(kNoAuthOffered, "the server offers no authentication", lastReply_);
  auto offers = [&](const char* m) { return std::find(mechs.begin(), mechs.end(), m) != mechs.end(); };
  int method = s.authMethod;
  if (method == kAuthAuto) {
    if (offers("CRAM-MD5")) method = kAuthCramMd5;
    else if (offers("PLAIN")) method = kAuthPlain;
    else if (offers("LOGIN")) method = kAuthLogin;
    else throw MailError(kAuthMethodNotOffered, "no supported authentication method offered", lastReply_);
  } else {
    static const char* names[] = {"", "", "LOGIN", "PLAIN", "CRAM-MD5", "XOAUTH2"};
    if (!offers(names[method])) {
      throw MailError(kAuthMethodNotOffered, std::string("the server does not offer AUTH ") + names[method], lastReply_);
    }
  }
  Reply r;
  switch (method) {
    case kAuthPlain:
      r = co_await command("AUTH PLAIN " + sasl::plain(s.userName, s.password), "AUTH PLAIN ****");
      break;
    case kAuthLogin:
      r = co_await command("AUTH LOGIN");
      if (r.code == 334) r = co_await command(sasl::login(s.userName), "****");
      if (r.code == 334) r = co_await command(sasl::login(s.password), "****");
      break;
    case kAuthCramMd5:
      r = co_await command("AUTH CRAM-MD5");
      if (r.code == 334) {
        std::string challenge = r.lines.empty() ? "" : r.lines[0];
        r = co_await command(sasl::cramMd5(s.userName, s.password, challenge), "****");
      }
      break;
    case kAuthXoauth2:
      r = co_await command("AUTH XOAUTH2 " + sasl::xoauth2(s.userName, s.password), "AUTH XOAUTH2 ****");
      // A 334 carries the error details; an empty line ends the exchange.
      if (r.code == 334) r = co_await command("", "");
      break;
  }
  if (r.code == 235) co_return;
  if (r.code == 535) throw MailError(kBadCredentials, "wrong user name or password", r.raw);
  throw MailError(kAuthFailed, "authentication failed", r.raw);
}

Task<void> Client::connect(Settings s) {
  begin(s);
  if (stream_.isOpen()) throw MailError(kAlreadyConnected, "already connected");
  co_await openSession(s);
}

Task<void> Client::openSession(const Settings& s) {
  // A half-open session (greeted but not authenticated, say) is never reused: close it on failure.
  try {
    co_await connectImpl(s);
  } catch (...) {
    stream_.close();
    throw;
  }
}

// One message on its way: its addresses (checked before anything is sent), then, once the server's
// capabilities are known, its writer and MAIL parameters.
struct Client::Envelope {
  const mime::Message* message = nullptr;
  std::string from;
  std::vector<std::string> rcpts;
  std::unique_ptr<mime::MessageWriter> writer;
  uint64_t size = 0;
  std::string params;
  bool pipeData = false;  // DATA is part of the pipelined group
  bool written = false;   // the group went out already (behind the previous message's dot)
  bool rset = false;      // ... starting with RSET
};

Client::Envelope Client::addresses(const mime::Message& m) const {
  // Everything that can be checked locally is checked before a byte is sent.
  Envelope e;
  e.message = &m;
  auto from = mime::parseAddressList(m.fromAddr, "fromAddr");
  std::vector<mime::Address> rcpts;
  for (auto* field : {&m.toAddr, &m.ccAddr, &m.bccAddr}) {
    auto list = mime::parseAddressList(*field, field == &m.toAddr ? "toAddr" : field == &m.ccAddr ? "ccAddr" : "bccAddr");
    rcpts.insert(rcpts.end(), list.begin(), list.end());
  }
  mime::parseAddressList(m.replyToAddr, "replyToAddr");
  if (from.size() != 1 || rcpts.empty()) {
    throw MailError(kNoSenderOrRecipient, from.size() > 1 ? "exactly one sender address is required"
                                                          : "sender and at least one recipient required");
  }
  e.from = from[0].addr;
  for (auto& a : rcpts) e.rcpts.push_back(a.addr);
  return e;
}

void Client::prepare(const Settings& s, Envelope& e) {
  e.writer = std::make_unique<mime::MessageWriter>(*e.message);
  e.size = e.writer->size();
  e.params.clear();
  std::string limit = capValue("SIZE");
  if (!limit.empty() || hasCap("SIZE")) {
    uint64_t max = strtoull(limit.c_str(), nullptr, 10);
    if (max > 0 && e.size > max) {
      throw MailError(kMessageTooLarge, "message of " + std::to_string(e.size) + " bytes exceeds the server's limit of " + limit);
    }
    e.params += " SIZE=" + std::to_string(e.size);
  }
  if (e.writer->needs8BitMime() && hasCap("8BITMIME")) e.params += " BODY=8BITMIME";
  bool utf8 = e.writer->needsSmtpUtf8() || !isAscii(e.from) ||
              std::any_of(e.rcpts.begin(), e.rcpts.end(), [](const std::string& a) { return !isAscii(a); });
  if (utf8) {
    if (!hasCap("SMTPUTF8")) throw MailError(kBadAddress, "an address needs SMTPUTF8, which the server does not offer");
    e.params += " SMTPUTF8";
  }
  // DATA joins the group only when its outcome cannot hurt: with one recipient (a refused RCPT makes
  // the server refuse DATA too), or when refused recipients are allowed anyway.
  e.pipeData = hasCap("PIPELINING") && (e.rcpts.size() == 1 || s.allowRefusedRecipients);
}

// RFC 2920: RSET (when a transaction may still be open), MAIL, every RCPT and maybe DATA go out in one
// write; the replies are read in order by transaction().
void Client::writeEnvelope(Envelope& e, bool rset) {
  e.rset = rset;
  if (e.rset) sendLine("RSET");
  sendLine("MAIL FROM:<" + e.from + ">" + e.params);
  for (auto& r : e.rcpts) sendLine("RCPT TO:<" + r + ">");
  if (e.pipeData) sendLine("DATA");
  e.written = true;
  dirty_ = true;
}

Task<void> Client::send(Settings s, mime::Message m) {
  begin(s);
  refused_.clear();
  Envelope e = addresses(m);
  if (!stream_.isOpen()) co_await openSession(s);
  co_await transaction(s, e, nullptr);
}

Task<void> Client::sendMany(Settings s, std::vector<mime::Message> messages, EachFn each) {
  std::vector<Envelope> envs(messages.size());
  std::exception_ptr fatal;  // an abort: every later message gets it too
  for (size_t i = 0; i < messages.size(); ++i) {
    std::exception_ptr err;
    if (fatal) {
      err = fatal;
    } else {
      try {
        begin(s);  // the timeout and deadline count per message, as for send()
        refused_.clear();
        lastMessageId_.clear();
        Envelope& e = envs[i];
        // Checked already when it was the next one (unless that failed: then it fails again here).
        if (!e.message) e = addresses(messages[i]);
        if (!stream_.isOpen()) {
          // The connection was lost after the previous message (its envelope went nowhere).
          e.written = false;
          co_await openSession(s);
        }
        // The next message can ride behind this one's final dot once its addresses are known good.
        Envelope* next = nullptr;
        if (i + 1 < messages.size()) {
          try {
            envs[i + 1] = addresses(messages[i + 1]);
            next = &envs[i + 1];
          } catch (const MailError&) {
            // It fails on its own turn, with its own error.
          }
        }
        co_await transaction(s, e, next);
      } catch (const MailError& me) {
        err = std::current_exception();
        if (me.errCode == kAborted) fatal = err;
      } catch (...) {
        err = std::current_exception();
      }
      if (i + 1 < messages.size() && envs[i + 1].written && !stream_.isOpen()) envs[i + 1].written = false;
    }
    envs[i].writer.reset();
    each(i, err);
  }
}

Task<void> Client::transaction(const Settings& s, Envelope& e, Envelope* next) {
  if (!e.written) prepare(s, e);
  lastMessageId_ = e.writer->messageId();
  bool pipelining = hasCap("PIPELINING");
  std::vector<std::pair<std::string, Reply>> replies;  // (what, reply) for MAIL/RCPT
  Reply data;
  if (pipelining) {
    if (!e.written) {
      writeEnvelope(e, dirty_);
      co_await stream_.flush();
    }
    if (e.rset) {
      Reply rr = co_await readReply();
      if (rr.code != 250) throw MailError(kProtocolError, "RSET refused", rr.raw);
    }
    replies.emplace_back("MAIL", co_await readReply());
    for (auto& r : e.rcpts) replies.emplace_back(r, co_await readReply());
    if (e.pipeData) data = co_await readReply();
  } else {
    if (dirty_) {
      Reply rr = co_await command("RSET");
      if (rr.code != 250) throw MailError(kProtocolError, "RSET refused", rr.raw);
    }
    dirty_ = true;
    Reply mail = co_await command("MAIL FROM:<" + e.from + ">" + e.params);
    replies.emplace_back("MAIL", mail);
    if (mail.code == 250) {
      for (auto& r : e.rcpts) {
        Reply rr = co_await command("RCPT TO:<" + r + ">");
        replies.emplace_back(r, rr);
      }
    }
  }
  // A server that accepted DATA although the transaction must fail: drop the connection, so that
  // nothing is delivered (the message is only complete after the final dot).
  auto abandonData = [&]() {
    if (e.pipeData && data.code == 354) stream_.close();
  };
  const Reply& mail = replies[0].second;
  if (mail.code != 250) {
    abandonData();
    lastReply_ = mail.raw;
    if (mail.code == 552) throw MailError(kMessageTooLarge, "message too large for the server", mail.raw);
    throw MailError(kSenderRejected, "sender rejected: " + e.from, mail.raw);
  }
  std::string firstRefusal;
  size_t accepted = 0;
  for (size_t i = 1; i < replies.size(); ++i) {
    if (replies[i].second.code == 250 || replies[i].second.code == 251) {
      ++accepted;
    } else {
      refused_.push_back(replies[i].first);
      if (firstRefusal.empty()) firstRefusal = replies[i].second.raw;
    }
  }
  if (accepted == 0 || (!refused_.empty() && !s.allowRefusedRecipients)) {
    abandonData();
    lastReply_ = firstRefusal;
    throw MailError(kRecipientRejected, "recipient rejected: " + refused_[0], firstRefusal);
  }

  if (!e.pipeData) data = co_await command("DATA");
  if (data.code != 354) throw MailError(kDataRejected, "DATA refused", data.raw);
  transcript_.note("message data (" + std::to_string(e.size) + " bytes)");
  DataEncoder enc;
  std::string chunk;
  std::string encoded;
  ProgressMeter meter;
  meter.reset(&progress_, e.size);
  uint64_t produced = 0;
  try {
    while (e.writer->next(chunk)) {
      produced += chunk.size();
      enc.feed(chunk, encoded);
      chunk.clear();
      if (encoded.size() >= kFlushAt) {
        stream_.write(encoded);
        encoded.clear();
        co_await stream_.flush();
        meter.update(produced);
      }
    }
  } catch (...) {
    // Part of the data is out (an attachment became unreadable, say): the only way to make sure
    // the server never delivers half a message is to drop the connection without the final dot.
    stream_.close();
    throw;
  }
  enc.feed(chunk, encoded);
  enc.finish(encoded);
  stream_.write(encoded);
  lastRequest_ = ".";
  // The next message's envelope rides in the same write as this final dot (RFC 2920 allows MAIL
  // after the end of data without waiting). Its local checks failing only means it is not written.
  if (next && pipelining && !next->written) {
    try {
      prepare(s, *next);
      writeEnvelope(*next, false);  // the final dot ends this transaction
      lastRequest_ = ".";
    } catch (const MailError&) {
      next->writer.reset();
    }
  }
  bool nextWritten = next && next->written;
  co_await stream_.flush();
  meter.update(e.size, true);
  Reply done = co_await readReply();
  // Whatever the reply, the server has ended this transaction (RFC 5321 4.1.1.4); one is open again
  // only if the next envelope is already on its way.
  dirty_ = nextWritten;
  if (done.code == 250) co_return;
  if (done.code == 421) stream_.close();
  if (done.code == 552) throw MailError(kMessageTooLarge, "message too large for the server", done.raw);
  throw MailError(kDataRejected, "message data rejected", done.raw);
}

Task<void> Client::disconnect() {
  if (!stream_.isOpen()) co_return;
  stream_.setLimits(timeout_, TimePoint::max());
  try {
    co_await command("QUIT");
  } catch (const MailError&) {
    // The session is over either way.
  }
  stream_.close();
  caps_.clear();
}

}  // namespace mailhive::smtp
