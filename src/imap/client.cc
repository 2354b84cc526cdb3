#include "imap/client.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <deque>

#include "core/error.h"
#include "imap/utf7.h"
#include "proto/sasl.h"

namespace mailhive::imap {

namespace {
constexpr size_t kMaxLine = 1 << 20;  // bytes of one line outside literals
// IDLE is ended and restarted this often to look at what arrived (the Stream offers no
// "readable yet?" wait that survives a time-out); NOOP polling, without IDLE, every few seconds.
// RFC 2177: a client should re-issue IDLE at least every 29 minutes.
constexpr auto kIdleSlice = std::chrono::minutes(25);
constexpr auto kPollSlice = std::chrono::seconds(4);
// retrieveMany: FETCH commands in flight at most; the window is refilled when half of it is free.
constexpr size_t kFetchWindow = 32;

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string firstWord(const std::string& s) { return s.substr(0, s.find(' ')); }

std::vector<std::string> capsFromCode(const std::string& code) {
  std::vector<std::string> caps;
  size_t pos = code.find(' ');
  while (pos != std::string::npos && pos < code.size()) {
    size_t start = pos + 1;
    pos = code.find(' ', start);
    std::string c = code.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
    if (!c.empty()) caps.push_back(c);
  }
  return caps;
}

// Sequence sets are passed through to the server: only digits, ':', ',' and '*'.
void requireSequenceSet(const std::string& set) {
  if (set.empty()) throw ArgumentError("message set must not be empty");
  for (char c : set) {
    if (!(isdigit(static_cast<unsigned char>(c)) || c == ':' || c == ',' || c == '*')) {
      throw ArgumentError("message set may hold only digits, ':', ',' and '*': " + set);
    }
  }
}

// Flag lists such as "\Seen $Label"; the outer parentheses are optional.
std::string flagList(std::string flags) {
  requireSingleLine(flags, "flags");
  size_t b = flags.find_first_not_of(' ');
  size_t e = flags.find_last_not_of(' ');
  flags = b == std::string::npos ? "" : flags.substr(b, e - b + 1);
  if (flags.size() >= 2 && flags.front() == '(' && flags.back() == ')') flags = flags.substr(1, flags.size() - 2);
  for (char c : flags) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '(' || c == ')' || c == '"' || c == '{' || u < 0x20 || u >= 0x7F) {
      throw ArgumentError("flags may hold only flag names such as \\Seen: " + flags);
    }
  }
  return flags;
}

void requireMailboxName(const std::string& name) {
  requireSingleLine(name, "mailbox name");
  if (name.empty()) throw ArgumentError("mailbox name must not be empty");
}

uint32_t clamp32(uint64_t v) { return v > 0xFFFFFFFFull ? 0xFFFFFFFFu : static_cast<uint32_t>(v); }

[[noreturn]] void malformed(const std::string& what) { throw MailError(kProtocolError, "malformed " + what + " in the server's reply"); }

bool needsQuoting(const std::string& name) {
  for (char c : name) {
    if (strchr("()<>@,;:\\\".[]", c)) return true;
  }
  return false;
}

// An ENVELOPE address list -> "Name <a@b>, c@d"; group markers are skipped.
std::string addressList(const Node& n) {
  if (n.isNil()) return "";
  if (!n.isList()) malformed("address list");
  std::string out;
  for (const Node& a : n.items) {
    if (!a.isList() || a.items.size() < 4) malformed("address");
    if (a.items[3].isNil()) continue;  // group start/end (RFC 3501 7.4.2)
    std::string mailbox = a.items[2].str();
    std::string host = a.items[3].str();
    std::string addr = host.empty() ? mailbox : mailbox + "@" + host;
    std::string name = decodeEncodedWords(a.items[0].str());
    if (!out.empty()) out += ", ";
    if (name.empty()) {
      out += addr;
      continue;
    }
    if (needsQuoting(name)) {
      std::string q = "\"";
      for (char c : name) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
      }
      name = q + "\"";
    }
    out += name + " <" + addr + ">";
  }
  return out;
}

// One "* n FETCH (name value ...)" response, or null.
const Node* fetchList(const Response& r, uint64_t* number) {
  if (r.kind != Response::Kind::Untagged || r.items.size() < 3) return nullptr;
  if (r.items[0].type != Node::Type::Number || !r.items[1].isAtom("FETCH") || !r.items[2].isList()) return nullptr;
  *number = r.items[0].number;
  return &r.items[2];
}

const Node* fetchItem(const Node& list, std::string_view name) {
  for (size_t i = 0; i + 1 < list.items.size(); i += 2) {
    if (list.items[i].isAtom(name)) return &list.items[i + 1];
  }
  return nullptr;
}

// The command that fetches a section of one message (without its tag).
std::string fetchLine(uint32_t id, bool asUid, const char* section) {
  return std::string(asUid ? "UID " : "") + "FETCH " + std::to_string(id) + " (UID BODY.PEEK[" + section + "])";
}

// The item `name` of a FETCH response for message `id` (its number, or with asUid its UID item), or null.
const Node* sectionIn(const Response& r, uint32_t id, bool asUid, std::string_view name) {
  uint64_t number = 0;
  const Node* list = fetchList(r, &number);
  if (!list) return nullptr;
  const Node* uid = fetchItem(*list, "UID");
  if (asUid ? (!uid || uid->number != id) : number != id) return nullptr;
  return fetchItem(*list, name);
}
}  // namespace

void validate(const Settings& s) {
  requireSingleLine(s.serverName, "serverName");
  requireSingleLine(s.userName, "userName");
  requireSingleLine(s.password, "password");
  requireSingleLine(s.ssl.expectedHostName, "ssl.expectedHostName");
  requireSingleLine(s.ssl.pinSha256, "ssl.pinSha256");
  if (s.authMethod != kAuthAuto && s.authMethod != kAuthLogin && s.authMethod != kAuthPlain &&
      s.authMethod != kAuthXoauth2) {
    throw ArgumentError("authMethod: unknown constant", true);
  }
  if (s.portNumber < 0 || s.portNumber > 65535) throw ArgumentError("portNumber must be 0..65535", true);
  if (s.timeout < 0) throw ArgumentError("timeout must not be negative", true);
  if (s.deadline < 0) throw ArgumentError("deadline must not be negative", true);
  tlsPriorityFor(s.ssl.protocol);  // throws for an unknown protocol constant
}

Client::Client(Reactor& reactor) : reactor_(reactor), stream_(reactor, &cancel_) {}

Client::~Client() {
  stream_.close();
  for (int& fd : pauseFd_) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
}

void Client::abort() { reactor_.cancel(&cancel_); }
void Client::resetAbort() { cancel_.cancelled = false; }

void Client::requireUsable(bool needConnection) const {
  if (cancel_.cancelled) throw MailError(kAborted, "cancelled by abort()");
  if (needConnection && !stream_.isOpen()) throw MailError(kNotConnected, "not connected");
}

void Client::armLimits() {
  TimePoint deadline = deadline_ > 0 ? Clock::now() + std::chrono::seconds(deadline_) : TimePoint::max();
  stream_.setLimits(timeout_, deadline);
}

void Client::begin(bool needConnection) {
  requireUsable(needConnection);
  armLimits();
  bye_.clear();
}

void Client::resetMailbox() {
  mailboxOpen_ = selected_ = readOnly_ = false;
  selectedName_.clear();
  exists_ = recent_ = uidValidity_ = uidNext_ = 0;
}

bool Client::hasCap(const std::string& name) const {
  std::string u = upper(name);
  return std::any_of(caps_.begin(), caps_.end(), [&](const std::string& c) { return upper(c) == u; });
}

std::string Client::nextTag() {
  char buf[16];
  snprintf(buf, sizeof buf, "A%04u", ++tagCounter_ % 100000u);
  return buf;
}

void Client::sendLine(const std::string& line, const std::string& logged) {
  stream_.write(line);
  stream_.write("\r\n");
  lastRequest_ = logged;
  transcript_.client(logged);
}

Client::Piece Client::astring(const std::string& s, bool secret) {
  bool atom = !s.empty();
  bool quotable = true;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) {
      quotable = atom = false;
      break;
    }
    if (strchr("(){ %*\"\\]", c)) atom = false;
  }
  if (atom) return Piece{s, false, secret};
  if (!quotable) return Piece{s, true, secret};
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  q += '"';
  return Piece{q, false, secret};
}

Task<Response> Client::readResponse() {
  ResponseParser parser;
  ResponseParser::Need need = ResponseParser::Need::Line;
  while (need != ResponseParser::Need::Complete) {
    try {
      if (need == ResponseParser::Need::Line) {
        std::string line = co_await stream_.readLine(kMaxLine);
        transcript_.server(line);
        need = parser.feedLine(line);
      } else {
        uint64_t n = parser.literalSize();
        std::string bytes;
        if (progress_ && n > ProgressMeter::kStep) {
          // Large literal (a message): read it in pieces so that progress can be reported.
          ProgressMeter meter;
          meter.reset(&progress_, n);
          bytes.reserve(static_cast<size_t>(n));
          while (bytes.size() < n) {
            size_t piece = static_cast<size_t>(std::min<uint64_t>(n - bytes.size(), ProgressMeter::kStep));
            bytes += co_await stream_.readExact(piece);
            meter.update(bytes.size(), bytes.size() == n);
          }
        } else {
          bytes = co_await stream_.readExact(static_cast<size_t>(n));
        }
        transcript_.note("(" + std::to_string(n) + " bytes of literal data)");
        need = parser.feedLiteral(std::move(bytes));
      }
    } catch (MailError& e) {
      // A malformed reply leaves the conversation out of step: the connection cannot be reused.
      stream_.close();
      if (e.serverResponse.empty() && !bye_.empty()) e.serverResponse = bye_;
      throw;
    }
  }
  co_return parser.take();
}

void Client::handleUntagged(const Response& r) {
  if (r.status == "BYE") {
    bye_ = r.raw;
    lastReply_ = r.raw;
    return;
  }
  if (r.isStatus()) {
    std::string word = upper(firstWord(r.code));
    if (word == "CAPABILITY") {
      caps_ = capsFromCode(r.code);
    } else if (mailboxOpen_ && (word == "UIDVALIDITY" || word == "UIDNEXT")) {
      uint32_t v = clamp32(strtoull(r.code.c_str() + word.size(), nullptr, 10));
      (word == "UIDVALIDITY" ? uidValidity_ : uidNext_) = v;
    }
    return;
  }
  if (r.items.empty()) return;
  if (r.items[0].isAtom("CAPABILITY")) {
    caps_.clear();
    for (size_t i = 1; i < r.items.size(); ++i) caps_.push_back(r.items[i].str());
    return;
  }
  // Mailbox data counts only for a mailbox being opened or open: anything sent before (before
  // TLS, before login) never reaches what the user sees.
  if (!mailboxOpen_ || r.items.size() < 2 || r.items[0].type != Node::Type::Number) return;
  uint32_t n = clamp32(r.items[0].number);
  if (r.items[1].isAtom("EXISTS")) {
    exists_ = n;
    changed_ = true;
  } else if (r.items[1].isAtom("RECENT")) {
    recent_ = n;
    changed_ = true;
  } else if (r.items[1].isAtom("EXPUNGE")) {
    if (exists_ > 0) --exists_;
    changed_ = true;
  } else if (r.items[1].isAtom("FETCH")) {
    changed_ = true;
  }
}

// Only the data that commands read back is kept (LIST/LSUB, SEARCH, FETCH); everything else has been
// handled by handleUntagged, so a server that floods a command with other lines cannot grow memory.
static bool worthKeeping(const Response& r) {
  if (r.kind != Response::Kind::Untagged || r.isStatus() || r.items.empty()) return false;
  if (r.items[0].isAtom("LIST") || r.items[0].isAtom("LSUB") || r.items[0].isAtom("SEARCH")) return true;
  return r.items.size() >= 2 && r.items[0].type == Node::Type::Number && r.items[1].isAtom("FETCH");
}

void Client::outOfStep(const std::string& what, const Response& r) {
  stream_.close();
  throw MailError(kProtocolError, what, r.raw);
}

Task<Response> Client::awaitContinuation(const std::string& tag, Reply& reply) {
  for (;;) {
    Response r = co_await readResponse();
    if (r.kind == Response::Kind::Continuation) co_return r;
    if (r.kind == Response::Kind::Tagged) {
      if (r.tag != tag) outOfStep("reply with an unknown tag " + r.tag, r);
      lastReply_ = r.raw;
      co_return r;
    }
    handleUntagged(r);
    if (worthKeeping(r)) reply.data.push_back(std::move(r));
  }
}

Task<Client::Reply> Client::finish(const std::string& tag, Reply reply) {
  for (;;) {
    Response r = co_await readResponse();
    if (r.kind == Response::Kind::Continuation) outOfStep("unexpected continuation request", r);
    if (r.kind == Response::Kind::Tagged) {
      if (r.tag != tag) outOfStep("reply with an unknown tag " + r.tag, r);
      lastReply_ = r.raw;
      reply.tagged = std::move(r);
      co_return reply;
    }
    handleUntagged(r);
    if (worthKeeping(r)) reply.data.push_back(std::move(r));
  }
}

Task<Client::Reply> Client::command(std::vector<Piece> pieces) {
  std::string tag = nextTag();
  bool literalPlus = hasCap("LITERAL+");
  // What the transcript and clientRequest show: secrets masked, literal contents summarised.
  std::string logged = tag + " ";
  for (const Piece& p : pieces) {
    if (p.literal) {
      logged += "{" + std::to_string(p.text.size()) + (literalPlus ? "+}" : "}");
      logged += p.secret ? " ****" : " <" + std::to_string(p.text.size()) + " bytes>";
    } else {
      logged += p.secret ? "****" : p.text;
    }
  }
  lastRequest_ = logged;
  transcript_.client(logged);
  Reply reply;
  std::string wire = tag + " ";
  for (const Piece& p : pieces) {
    if (!p.literal) {
      wire += p.text;
      continue;
    }
    std::string size = std::to_string(p.text.size());
    if (literalPlus) {
      wire += "{" + size + "+}\r\n";
      stream_.write(wire);
      wire.clear();
      stream_.write(p.text);
      continue;
    }
    // Synchronising literal: the server must say "+" before the bytes follow.
    wire += "{" + size + "}\r\n";
    stream_.write(wire);
    wire.clear();
    co_await stream_.flush();
    Response go = co_await awaitContinuation(tag, reply);
    if (go.kind == Response::Kind::Tagged) {
      reply.tagged = std::move(go);
      co_return reply;
    }
    stream_.write(p.text);
  }
  wire += "\r\n";
  stream_.write(wire);
  co_await stream_.flush();
  co_return co_await finish(tag, std::move(reply));
}

void Client::check(const Reply& r, const std::string& what, int noCode) {
  const Response& t = r.tagged;
  if (t.status == "OK") return;
  std::string word = upper(firstWord(t.code));
  int code = kProtocolError;
  if (t.status == "NO") code = (word == "NONEXISTENT" || word == "TRYCREATE") ? kNoMailbox : noCode;
  else if (t.status == "BAD") code = kCommandBad;
  throw MailError(code, what + " failed: " + (t.text.empty() ? t.status : t.text), t.raw);
}

void Client::requireSelected() const {
  if (!selected_) throw MailError(kNoMailbox, "no mailbox selected");
}

Task<void> Client::refreshCapabilities() {
  Reply r = co_await simple("CAPABILITY");
  check(r, "CAPABILITY", kProtocolError);
}

// ---------------------------------------------------------------------------------------------
// Session

Task<void> Client::connect(Settings s) {
  validate(s);
  transcript_.configure(s.enableLogging, s.logFilePath);
  timeout_ = s.timeout > 0 ? s.timeout : 30;
  deadline_ = s.deadline;
  begin(false);
  if (stream_.isOpen()) throw MailError(kAlreadyConnected, "already connected");
  try {
    co_await connectImpl(s);
  } catch (...) {
    // A half-open session (greeted but not logged in, say) is never reused.
    stream_.close();
    caps_.clear();
    resetMailbox();
    throw;
  }
}

Task<void> Client::connectImpl(const Settings& s) {
  caps_.clear();
  resetMailbox();
  haveDelimiter_ = false;
  tls_ = TlsResult{};
  TlsSettings ssl = s.ssl;
  int port = s.portNumber > 0 ? s.portNumber : 143;
  if (ssl.autosetPortAndSsl) {
    if (port == 993) {
      ssl.enabled = true;
      ssl.useStartTls = false;
    } else if (port == 143 && ssl.enabled && !ssl.useStartTls) {
      port = 993;
    }
  }
  port_ = port;
  transcript_.note("connecting to " + s.serverName + ":" + std::to_string(port) +
                   (ssl.enabled ? (ssl.useStartTls ? " (STARTTLS required)" : " (TLS)") : " (no TLS)"));
  co_await stream_.connect(s.serverName, port);
  bool needStartTls = ssl.enabled && ssl.useStartTls;
  if (ssl.enabled && !ssl.useStartTls) co_await stream_.startTls(ssl, s.serverName, tls_, false);

  Response greeting = co_await readResponse();
  lastReply_ = greeting.raw;
  if (greeting.kind != Response::Kind::Untagged || greeting.status.empty()) {
    throw MailError(kProtocolError, "unexpected greeting", greeting.raw);
  }
  if (greeting.status == "BYE") throw MailError(kConnectionRefused, "server refused the session", greeting.raw);
  bool preauth = greeting.status == "PREAUTH";
  if (greeting.status != "OK" && !preauth) throw MailError(kProtocolError, "unexpected greeting", greeting.raw);
  if (preauth && needStartTls) {
    // STARTTLS is impossible once authenticated: the server skipped authentication over plain text.
    tls_.sslError = kSslStartTlsRefused;
    MailError e(kStartTlsNotOffered, "the server authenticated the session (PREAUTH) before STARTTLS, which is required",
                greeting.raw);
    e.sslError = kSslStartTlsRefused;
    throw e;
  }
  if (upper(firstWord(greeting.code)) == "CAPABILITY") caps_ = capsFromCode(greeting.code);
  if (caps_.empty()) co_await refreshCapabilities();

  if (needStartTls) {
    if (!hasCap("STARTTLS")) {
      // Required means required: nothing more is sent on this connection.
      tls_.sslError = kSslStartTlsRefused;
      MailError e(kStartTlsNotOffered, "the server does not offer STARTTLS", lastReply_);
      e.sslError = kSslStartTlsRefused;
      throw e;
    }
    Reply r = co_await simple("STARTTLS");
    if (r.tagged.status != "OK") {
      tls_.sslError = kSslStartTlsRefused;
      MailError e(kStartTlsNotOffered, "the server refused STARTTLS", r.tagged.raw);
      e.sslError = kSslStartTlsRefused;
      throw e;
    }
    co_await stream_.startTls(ssl, s.serverName, tls_, true);
    // Everything learned before TLS is forgotten.
    caps_.clear();
    co_await refreshCapabilities();
  }
  if (!preauth && !s.userName.empty()) co_await authenticate(s);
}

Task<void> Client::authenticate(const Settings& s) {
  bool plainOffered = hasCap("AUTH=PLAIN");
  bool loginDisabled = hasCap("LOGINDISABLED");
  int method = s.authMethod;
  if (method == kAuthAuto) {
    if (plainOffered) method = kAuthPlain;
    else if (!loginDisabled) method = kAuthLogin;
    else throw MailError(kNoAuthOffered, "the server offers no usable authentication (LOGINDISABLED)", lastReply_);
  } else if ((method == kAuthLogin && loginDisabled) || (method == kAuthPlain && !plainOffered) ||
             (method == kAuthXoauth2 && !hasCap("AUTH=XOAUTH2"))) {
    static const char* names[] = {"", "", "LOGIN", "AUTH=PLAIN", "", "AUTH=XOAUTH2"};
    throw MailError(kAuthMethodNotOffered, std::string("the server does not offer ") + names[method], lastReply_);
  }
  Reply r;
  if (method == kAuthLogin) {
    std::vector<Piece> pieces{Piece{"LOGIN "}, astring(s.userName), Piece{" "}, astring(s.password, true)};
    r = co_await command(std::move(pieces));
  } else {
    const char* mech = method == kAuthPlain ? "PLAIN" : "XOAUTH2";
    std::string payload = method == kAuthPlain ? sasl::plain(s.userName, s.password) : sasl::xoauth2(s.userName, s.password);
    std::string tag = nextTag();
    std::string line = tag + " AUTHENTICATE " + mech;
    bool initial = hasCap("SASL-IR");
    if (initial) sendLine(line + " " + payload, line + " ****");
    else sendLine(line, line);
    co_await stream_.flush();
    Response c = co_await awaitContinuation(tag, r);
    if (c.kind == Response::Kind::Continuation && !initial) {
      sendLine(payload, "****");
      co_await stream_.flush();
      c = co_await awaitContinuation(tag, r);
    }
    if (c.kind == Response::Kind::Continuation) {
      // A challenge after the credentials carries the error details (XOAUTH2): an empty answer ends it.
      sendLine("", "");
      co_await stream_.flush();
      r = co_await finish(tag, std::move(r));
    } else {
      r.tagged = std::move(c);
    }
  }
  if (r.tagged.status == "OK") {
    if (upper(firstWord(r.tagged.code)) == "CAPABILITY") caps_ = capsFromCode(r.tagged.code);
    else co_await refreshCapabilities();
    co_return;
  }
  std::string word = upper(firstWord(r.tagged.code));
  // Only a plain refusal means bad credentials; [LIMIT], [UNAVAILABLE], [EXPIRED] ... are other failures.
  if (r.tagged.status == "NO" && (word.empty() || word == "AUTHENTICATIONFAILED" || word == "AUTHORIZATIONFAILED" ||
                                  word == "ALERT")) {
    throw MailError(kBadCredentials, "wrong user name or password", r.tagged.raw);
  }
  throw MailError(kAuthFailed, "authentication failed", r.tagged.raw);
}

Task<void> Client::disconnect() {
  if (!stream_.isOpen()) co_return;
  stream_.setLimits(timeout_, TimePoint::max());
  try {
    co_await simple("LOGOUT");
  } catch (const MailError&) {
    // The session is over either way.
  }
  stream_.close();
  caps_.clear();
  resetMailbox();
}

// ---------------------------------------------------------------------------------------------
// Mailboxes

Task<std::vector<Mailbox>> Client::retrieveMailboxes(std::string root, bool subscribedOnly) {
  requireSingleLine(root, "root");
  std::string encodedRoot = encodeMailboxName(root);
  begin(true);
  std::string pattern = "*";
  if (!encodedRoot.empty()) {
    if (!haveDelimiter_) {
      Reply d = co_await simple("LIST \"\" \"\"");
      check(d, "LIST");
      for (const Response& r : d.data) {
        if (r.items.size() >= 3 && r.items[0].isAtom("LIST")) delimiter_ = r.items[2].str();
      }
      haveDelimiter_ = true;
    }
    pattern = encodedRoot + delimiter_ + "*";
  }
  const char* verb = subscribedOnly ? "LSUB" : "LIST";
  std::vector<Piece> pieces{Piece{std::string(verb) + " \"\" "}, astring(pattern)};
  Reply r = co_await command(std::move(pieces));
  check(r, verb);
  std::vector<Mailbox> out;
  for (const Response& d : r.data) {
    if (d.items.size() < 4 || !d.items[0].isAtom(verb)) continue;
    if (!d.items[1].isList()) malformed(verb);
    Mailbox m;
    for (const Node& f : d.items[1].items) m.flags.push_back(f.str());
    m.delimiter = d.items[2].str();
    m.name = decodeMailboxName(d.items[3].str());
    out.push_back(std::move(m));
  }
  co_return out;
}

Task<void> Client::openMailbox(const std::string& name, bool readOnly) {
  std::string encoded = encodeMailboxName(name);
  // A failed SELECT leaves no mailbox selected (RFC 3501 6.3.1); counters start from zero.
  resetMailbox();
  mailboxOpen_ = true;
  std::vector<Piece> pieces{Piece{readOnly ? "EXAMINE " : "SELECT "}, astring(encoded)};
  Reply r;
  try {
    r = co_await command(std::move(pieces));
  } catch (...) {
    resetMailbox();
    throw;
  }
  if (r.tagged.status != "OK") {
    resetMailbox();
    check(r, readOnly ? "EXAMINE" : "SELECT", kNoMailbox);
  }
  selected_ = true;
  selectedName_ = name;
  readOnly_ = readOnly || upper(firstWord(r.tagged.code)) == "READ-ONLY";
}

void Client::requireWritable() const {
  // Servers answer STORE/EXPUNGE on a read-only mailbox with OK and change nothing: refuse here.
  if (readOnly_) throw MailError(kCommandRefused, "the mailbox is read-only (opened with examineMailbox)");
}

Task<void> Client::selectMailbox(std::string name) {
  requireMailboxName(name);
  begin(true);
  co_await openMailbox(name, false);
}

Task<void> Client::examineMailbox(std::string name) {
  requireMailboxName(name);
  begin(true);
  co_await openMailbox(name, true);
}

Task<void> Client::createMailbox(std::string name) {
  requireMailboxName(name);
  std::string encoded = encodeMailboxName(name);
  begin(true);
  std::vector<Piece> pieces{Piece{"CREATE "}, astring(encoded)};
  Reply r = co_await command(std::move(pieces));
  check(r, "CREATE");
}

Task<void> Client::deleteMailbox(std::string name) {
  requireMailboxName(name);
  std::string encoded = encodeMailboxName(name);
  begin(true);
  std::vector<Piece> pieces{Piece{"DELETE "}, astring(encoded)};
  Reply r = co_await command(std::move(pieces));
  check(r, "DELETE");
  if (selected_ && selectedName_ == name) resetMailbox();
}

Task<void> Client::renameMailbox(std::string oldName, std::string newName) {
  requireMailboxName(oldName);
  requireMailboxName(newName);
  std::string from = encodeMailboxName(oldName);
  std::string to = encodeMailboxName(newName);
  begin(true);
  std::vector<Piece> pieces{Piece{"RENAME "}, astring(from), Piece{" "}, astring(to)};
  Reply r = co_await command(std::move(pieces));
  check(r, "RENAME");
  if (selected_ && selectedName_ == oldName) selectedName_ = newName;
}

// ---------------------------------------------------------------------------------------------
// Messages

Task<std::vector<Envelope>> Client::retrieveEnvelopes(std::string set, bool asUid) {
  requireSequenceSet(set);
  begin(true);
  requireSelected();
  std::string line = std::string(asUid ? "UID " : "") + "FETCH " + set + " (UID RFC822.SIZE FLAGS INTERNALDATE ENVELOPE)";
  Reply r = co_await simple(std::move(line));
  check(r, "FETCH");
  std::vector<Envelope> out;
  for (const Response& d : r.data) {
    uint64_t number = 0;
    const Node* list = fetchList(d, &number);
    if (!list) continue;
    const Node* env = fetchItem(*list, "ENVELOPE");
    if (!env) continue;  // an unsolicited flag update
    if (!env->isList() || env->items.size() < 10) malformed("ENVELOPE");
    Envelope e;
    e.messageNumber = static_cast<int>(clamp32(number));
    if (const Node* uid = fetchItem(*list, "UID")) e.uid = clamp32(uid->number);
    if (const Node* size = fetchItem(*list, "RFC822.SIZE")) e.size = size->number;
    if (const Node* flags = fetchItem(*list, "FLAGS")) {
      for (const Node& f : flags->items) e.flags.push_back(f.str());
    }
    const auto& v = env->items;
    e.date = v[0].str();
    if (e.date.empty()) {
      if (const Node* internal = fetchItem(*list, "INTERNALDATE")) e.date = internal->str();
    }
    e.subject = decodeEncodedWords(v[1].str());
    e.fromAddr = addressList(v[2]);
    e.replyToAddr = addressList(v[4]);
    e.toAddr = addressList(v[5]);
    e.ccAddr = addressList(v[6]);
    e.messageId = v[9].str();
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const Envelope& a, const Envelope& b) { return a.messageNumber < b.messageNumber; });
  co_return out;
}

void Client::requireMessage(uint32_t id, bool asUid) const {
  requireSelected();
  if (id == 0 || (!asUid && id > exists_)) throw MailError(kNoSuchMessage, "no message " + std::to_string(id));
}

std::exception_ptr Client::refusal(uint32_t id, bool asUid) const {
  try {
    requireUsable(true);
    requireMessage(id, asUid);
  } catch (const MailError&) {
    return std::current_exception();
  }
  return nullptr;
}

std::string Client::sectionOf(const Reply& r, uint32_t id, bool asUid, const char* section) {
  check(r, "FETCH");
  std::string name = std::string("BODY[") + section + "]";
  for (const Response& d : r.data) {
    if (const Node* body = sectionIn(d, id, asUid, name)) {
      if (!body->isString() && !body->isNil()) malformed(name);
      return body->str();
    }
  }
  throw MailError(kNoSuchMessage, "no message " + std::string(asUid ? "with UID " : "") + std::to_string(id), r.tagged.raw);
}

Task<std::string> Client::fetchSection(uint32_t id, bool asUid, const char* section) {
  begin(true);
  requireMessage(id, asUid);
  Reply r = co_await simple(fetchLine(id, asUid, section));
  co_return sectionOf(r, id, asUid, section);
}

Task<std::string> Client::retrieveSingleMessage(uint32_t id, bool asUid) {
  co_return co_await fetchSection(id, asUid, "");
}

Task<std::string> Client::retrieveSingleMessageHeaders(uint32_t id, bool asUid) {
  co_return co_await fetchSection(id, asUid, "HEADER");
}

Task<void> Client::retrieveMany(std::vector<uint32_t> ids, bool asUid,
                                std::function<void(size_t, std::exception_ptr, std::string)> each) {
  // One slot for each id from the next one to report on: sent (tag set) and waiting, or complete.
  struct Slot {
    size_t index = 0;
    std::string tag;  // "" when refused without sending
    bool done = false;
    std::exception_ptr error;
    std::string raw;
    Reply reply;  // the tagged reply and the one untagged FETCH with this message's BODY[]
  };
  std::deque<Slot> window;
  size_t next = 0;      // ids[next] is the next one to send or refuse
  size_t inFlight = 0;  // slots sent and not complete
  std::exception_ptr fatal;  // the error that ended the session
  std::exception_ptr eachError;
  auto report = [&](size_t i, std::exception_ptr err, std::string raw) {
    try {
      each(i, std::move(err), std::move(raw));
    } catch (...) {
      if (!eachError) eachError = std::current_exception();
    }
  };
  try {
    begin(true);
  } catch (const MailError&) {
    // Not connected or aborted: refusal() reports it for every id, and nothing is sent.
  }

  while (!fatal) {
    // Refill the window when half of it is free: one flush for the lot.
    if (inFlight <= kFetchWindow / 2) {
      bool wrote = false;
      while (next < ids.size() && inFlight < kFetchWindow && window.size() < 2 * kFetchWindow) {
        Slot& s = window.emplace_back();
        s.index = next;
        uint32_t id = ids[next++];
        s.error = refusal(id, asUid);
        if (s.error) {
          s.done = true;
          continue;
        }
        s.tag = nextTag();
        std::string line = s.tag + " " + fetchLine(id, asUid, "");
        sendLine(line, line);
        ++inFlight;
        wrote = true;
      }
      if (wrote) {
        try {
          co_await stream_.flush();
        } catch (...) {
          fatal = std::current_exception();
          stream_.close();
          break;
        }
      }
    }
    // Report the complete ones, in order; each message has the call deadline anew.
    while (!window.empty() && window.front().done) {
      Slot& s = window.front();
      report(s.index, s.error, std::move(s.raw));
      window.pop_front();
      armLimits();
    }
    if (window.empty() && next == ids.size()) break;
    if (inFlight == 0) continue;
    try {
      if (cancel_.cancelled) {
        stream_.close();
        throw MailError(kAborted, "cancelled by abort()");
      }
      Response r = co_await readResponse();
      if (r.kind == Response::Kind::Untagged) {
        handleUntagged(r);
        // Kept only for a waiting command of this message that has no data yet: at most one each.
        for (Slot& s : window) {
          if (s.done || !s.reply.data.empty() || !sectionIn(r, ids[s.index], asUid, "BODY[]")) continue;
          s.reply.data.push_back(std::move(r));
          break;
        }
        continue;
      }
      if (r.kind == Response::Kind::Continuation) outOfStep("unexpected continuation request", r);
      auto it = std::find_if(window.begin(), window.end(), [&](const Slot& s) { return !s.done && s.tag == r.tag; });
      if (it == window.end()) outOfStep("reply with an unknown tag " + r.tag, r);
      lastReply_ = r.raw;
      it->reply.tagged = std::move(r);
      it->done = true;
      --inFlight;
      try {
        it->raw = sectionOf(it->reply, ids[it->index], asUid, "");
      } catch (const MailError&) {
        it->error = std::current_exception();  // this message alone: the conversation is in step
      }
      it->reply = Reply{};
    } catch (...) {
      fatal = std::current_exception();
      stream_.close();  // already closed by whatever failed; also for anything unforeseen
    }
  }

  if (fatal) {
    // Complete ones first (they came before the failure), then the message it hit, then the rest
    // as a separate call would see them now: the connection is closed, nothing is sent.
    while (!window.empty() && window.front().done) {
      report(window.front().index, window.front().error, std::move(window.front().raw));
      window.pop_front();
    }
    size_t i = window.empty() ? next : window.front().index;
    if (!window.empty()) report(i++, fatal, {});
    for (; i < ids.size(); ++i) report(i, refusal(ids[i], asUid), {});
  }
  if (eachError) std::rethrow_exception(eachError);
}

Task<std::vector<uint32_t>> Client::search(std::string criteria, bool asUid) {
  requireSingleLine(criteria, "criteria");
  if (criteria.find_first_not_of(' ') == std::string::npos) criteria = "ALL";
  // 8-bit text goes as UTF-8 literals under CHARSET UTF-8; everything else is passed through.
  std::vector<Piece> pieces{Piece{std::string(asUid ? "UID " : "") + "SEARCH "}};
  bool eightBit = std::any_of(criteria.begin(), criteria.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  if (!eightBit) {
    pieces.push_back(Piece{criteria});
  } else {
    pieces.back().text += "CHARSET UTF-8 ";
    size_t i = 0;
    std::string text;
    while (i < criteria.size()) {
      if (criteria[i] == '"') {
        std::string s;
        size_t k = i + 1;
        for (; k < criteria.size() && criteria[k] != '"'; ++k) {
          if (criteria[k] == '\\' && k + 1 < criteria.size()) ++k;
          s += criteria[k];
        }
        if (k >= criteria.size()) throw ArgumentError("criteria: unterminated quoted string");
        pieces.push_back(Piece{text});
        text.clear();
        pieces.push_back(Piece{s, true});
        i = k + 1;
        continue;
      }
      size_t sp = criteria.find_first_of(" \"", i);
      std::string word = criteria.substr(i, sp == std::string::npos ? std::string::npos : sp - i);
      if (std::any_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
        pieces.push_back(Piece{text});
        text.clear();
        pieces.push_back(Piece{word, true});
      } else {
        text += word;
      }
      i += word.size();
      while (i < criteria.size() && criteria[i] == ' ') {
        text += ' ';
        ++i;
      }
    }
    pieces.push_back(Piece{text});
  }
  begin(true);
  requireSelected();
  Reply r = co_await command(std::move(pieces));
  check(r, "SEARCH");
  std::vector<uint32_t> out;
  for (const Response& d : r.data) {
    if (d.items.empty() || !d.items[0].isAtom("SEARCH")) continue;
    for (size_t i = 1; i < d.items.size(); ++i) {
      if (d.items[i].type == Node::Type::Number) out.push_back(clamp32(d.items[i].number));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  co_return out;
}

Task<void> Client::setFlags(std::string set, std::string flags, int mode, bool asUid) {
  requireSequenceSet(set);
  std::string list = flagList(flags);
  if (mode != kFlagsAdd && mode != kFlagsRemove && mode != kFlagsReplace) throw ArgumentError("mode: unknown constant", true);
  begin(true);
  requireSelected();
  requireWritable();
  const char* op = mode == kFlagsAdd ? " +FLAGS.SILENT (" : mode == kFlagsRemove ? " -FLAGS.SILENT (" : " FLAGS.SILENT (";
  std::string line = std::string(asUid ? "UID " : "") + "STORE " + set + op + list + ")";
  Reply r = co_await simple(std::move(line));
  check(r, "STORE");
}

Task<void> Client::copyMessages(std::string set, std::string mailbox, bool asUid) {
  requireSequenceSet(set);
  requireMailboxName(mailbox);
  std::string encoded = encodeMailboxName(mailbox);
  begin(true);
  requireSelected();
  std::vector<Piece> pieces{Piece{std::string(asUid ? "UID " : "") + "COPY " + set + " "}, astring(encoded)};
  Reply r = co_await command(std::move(pieces));
  check(r, "COPY");
}

Task<std::vector<uint32_t>> Client::uidsOf(const std::string& set) {
  std::string line = "FETCH " + set + " (UID)";
  Reply r = co_await simple(std::move(line));
  check(r, "FETCH");
  std::vector<uint32_t> uids;
  for (const Response& d : r.data) {
    uint64_t number = 0;
    const Node* list = fetchList(d, &number);
    if (!list) continue;
    if (const Node* uid = fetchItem(*list, "UID")) uids.push_back(clamp32(uid->number));
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  co_return uids;
}

Task<void> Client::moveMessages(std::string set, std::string mailbox, bool asUid) {
  requireSequenceSet(set);
  requireMailboxName(mailbox);
  std::string encoded = encodeMailboxName(mailbox);
  begin(true);
  requireSelected();
  requireWritable();
  if (hasCap("MOVE")) {
    std::vector<Piece> pieces{Piece{std::string(asUid ? "UID " : "") + "MOVE " + set + " "}, astring(encoded)};
    Reply r = co_await command(std::move(pieces));
    check(r, "MOVE");
    co_return;
  }
  // COPY, mark \Deleted, then expunge just those (UIDPLUS) or every \Deleted message.
  bool uidplus = hasCap("UIDPLUS");
  std::string uidSet = set;
  bool byUid = asUid;
  if (uidplus && !asUid) {
    std::vector<uint32_t> uids = co_await uidsOf(set);
    if (uids.empty()) co_return;
    uidSet.clear();
    for (uint32_t u : uids) uidSet += (uidSet.empty() ? "" : ",") + std::to_string(u);
    byUid = true;
  }
  std::string prefix = byUid ? "UID " : "";
  std::vector<Piece> pieces{Piece{prefix + "COPY " + uidSet + " "}, astring(encoded)};
  Reply copy = co_await command(std::move(pieces));
  check(copy, "COPY");
  std::string storeLine = prefix + "STORE " + uidSet + " +FLAGS.SILENT (\\Deleted)";
  Reply store = co_await simple(std::move(storeLine));
  check(store, "STORE");
  std::string expungeLine = uidplus ? "UID EXPUNGE " + uidSet : std::string("EXPUNGE");
  Reply gone = co_await simple(std::move(expungeLine));
  check(gone, "EXPUNGE");
}

Task<void> Client::deleteMessages(std::string set, bool asUid) {
  requireSequenceSet(set);
  begin(true);
  requireSelected();
  requireWritable();
  std::string line = std::string(asUid ? "UID " : "") + "STORE " + set + " +FLAGS.SILENT (\\Deleted)";
  Reply r = co_await simple(std::move(line));
  check(r, "STORE");
}

Task<void> Client::expunge() {
  begin(true);
  requireSelected();
  requireWritable();
  Reply r = co_await simple("EXPUNGE");
  check(r, "EXPUNGE");
}

Task<void> Client::appendMessage(std::string mailbox, std::string raw, std::string flags) {
  requireMailboxName(mailbox);
  std::string encoded = encodeMailboxName(mailbox);
  std::string list = flagList(flags);
  if (raw.empty()) throw ArgumentError("the message must not be empty");
  if (raw.size() > (1u << 30)) throw ArgumentError("the message is larger than 1 GiB", true);
  begin(true);
  std::vector<Piece> pieces{Piece{"APPEND "}, astring(encoded),
                            Piece{list.empty() ? std::string(" ") : " (" + list + ") "}, Piece{std::move(raw), true}};
  Reply r = co_await command(std::move(pieces));
  check(r, "APPEND");
}

Task<void> Client::pause(TimePoint until) {
  if (pauseFd_[0] < 0 && ::pipe2(pauseFd_, O_CLOEXEC | O_NONBLOCK) != 0) {
    pauseFd_[0] = pauseFd_[1] = -1;
    throw MailError(kNetworkError, "cannot create a timer");
  }
  WaitResult w = co_await WaitAwaiter{reactor_, pauseFd_[0], POLLIN, until, &cancel_};
  if (w == WaitResult::Cancelled) {
    stream_.close();
    resetMailbox();
    throw MailError(kAborted, "cancelled by abort()");
  }
}

Task<bool> Client::idle(int seconds) {
  if (seconds <= 0) throw ArgumentError("idle: seconds must be positive", true);
  begin(true);
  requireSelected();
  TimePoint end = Clock::now() + std::chrono::seconds(seconds);
  if (deadline_ > 0) end = std::min(end, Clock::now() + std::chrono::seconds(deadline_));
  changed_ = false;
  bool useIdle = hasCap("IDLE");
  for (;;) {
    if (useIdle) {
      std::string tag = nextTag();
      sendLine(tag + " IDLE", tag + " IDLE");
      co_await stream_.flush();
      Reply reply;
      Response go = co_await awaitContinuation(tag, reply);
      if (go.kind == Response::Kind::Tagged) {
        // Finished without idling: wait out the slice anyway, never spin.
        reply.tagged = std::move(go);
        check(reply, "IDLE");
        if (!changed_) co_await pause(std::min(end, Clock::now() + kPollSlice));
      } else {
        // Wait on the socket itself: the first untagged line the server sends ends the wait at once.
        if (!changed_) co_await stream_.waitReadable(std::min(end, Clock::now() + kIdleSlice));
        sendLine("DONE", "DONE");
        co_await stream_.flush();
        reply = co_await finish(tag, std::move(reply));
        check(reply, "IDLE");
      }
    } else {
      co_await pause(std::min(end, Clock::now() + kPollSlice));
      Reply r = co_await simple("NOOP");
      check(r, "NOOP");
    }
    if (changed_) co_return true;
    if (Clock::now() >= end) co_return false;
  }
}

}  // namespace mailhive::imap
