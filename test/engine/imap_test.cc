// Tests of the IMAP engine (src/imap/*): the modified UTF-7 and RFC 2047 codecs, the response parser
// fed piece by piece, the client against scripted servers (what the server answered, what the client
// sent, what the user saw) and against the real Dovecot of scripts/mailstack.sh.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/task.h"
#include "imap/client.h"
#include "imap/parser.h"
#include "imap/utf7.h"
#include "mime/message.h"
#include "net/reactor.h"
#include "proto/outcome.h"
#include "scripted_server.h"

using namespace mailhive;
using namespace std::string_literals;
using namespace std::chrono_literals;
using mailhive::scripted::base64Decode;
using mailhive::scripted::ScriptedServer;

namespace {

std::string certDir() {
  const char* d = getenv("MAILHIVE_TEST_DIR");
  return std::string(d && *d ? d : "/tmp/mailhive-test") + "/certs";
}
std::string cert(const std::string& name) { return certDir() + "/" + name; }
bool certsPresent() {
  struct stat st;
  return ::stat(cert("ca.pem").c_str(), &st) == 0;
}
#define REQUIRE_CERTS()                                                                                    \
  do {                                                                                                     \
    if (!certsPresent()) GTEST_SKIP() << "test certificates missing: run scripts/certs.sh " << certDir(); \
  } while (0)

// The outcome of any call (value or not), as the bindings would report it.
template <typename T>
Outcome attempt(Task<T> task) {
  std::exception_ptr err;
  try {
    runBlocking(std::move(task));
  } catch (...) {
    err = std::current_exception();
  }
  return outcomeOf(err);
}

// The value of a call that must succeed (an exception fails the test with its message).
template <typename T>
T must(Task<T> task) {
  try {
    return runBlocking(std::move(task));
  } catch (const MailError& e) {
    throw std::runtime_error("errCode " + std::to_string(e.errCode) + ": " + e.what() + " [" + e.serverResponse + "]");
  }
}
void must(Task<void> task) {
  Outcome o = runCall(std::move(task));
  if (!o.ok()) throw std::runtime_error("errCode " + std::to_string(o.errCode) + ": " + o.errDesc + " [" + o.serverResponse + "]");
}

imap::Settings scriptedSettings(int port) {
  imap::Settings s;
  s.serverName = "127.0.0.1";
  s.portNumber = port;
  s.timeout = 5;
  s.ssl.autosetPortAndSsl = false;
  return s;
}

imap::Settings scriptedStartTls(int port) {
  imap::Settings s = scriptedSettings(port);
  s.serverName = "localhost";
  s.ssl.enabled = true;
  s.ssl.useStartTls = true;
  s.ssl.storeType = 1;
  s.ssl.storePath = cert("ca.pem");
  return s;
}

// Server side: answers the LOGOUT that ends a test's session.
void logout(ScriptedServer& s) {
  std::string line = s.readLine();
  size_t sp = line.find(' ');
  if (sp == std::string::npos || line.substr(sp + 1) != "LOGOUT") {
    ADD_FAILURE() << "scripted server: expected LOGOUT, got \"" << line << "\"";
    return;
  }
  s.sendRaw("* BYE Logging out\r\n" + line.substr(0, sp) + " OK Logout completed\r\n");
}

std::string normalizeCrlf(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\r') continue;
    if (in[i] == '\n') out += "\r\n";
    else out += in[i];
  }
  return out;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---------------------------------------------------------------------------------------------
// Modified UTF-7 (RFC 3501 5.1.3)

TEST(ImapUtf7, KnownVectors) {
  EXPECT_EQ(imap::encodeMailboxName("INBOX"), "INBOX");
  EXPECT_EQ(imap::encodeMailboxName("A&B"), "A&-B");
  EXPECT_EQ(imap::encodeMailboxName("~peter/mail/台北/日本語"), "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
  EXPECT_EQ(imap::decodeMailboxName("~peter/mail/&U,BTFw-/&ZeVnLIqe-"), "~peter/mail/台北/日本語");
  EXPECT_EQ(imap::encodeMailboxName("Grüße/日本"), "Gr&APwA3w-e/&ZeVnLA-");
  EXPECT_EQ(imap::decodeMailboxName("A&-B"), "A&B");
}

TEST(ImapUtf7, RoundTrips) {
  for (std::string name : {"Grüße/日本"s, "Entwürfe"s, "a&b&-c"s, "😀 smile"s, "x"s, "日本語日本語日本語"s, "~&~"s}) {
    std::string wire = imap::encodeMailboxName(name);
    for (char c : wire) EXPECT_TRUE(c >= 0x20 && c <= 0x7E) << wire;
    EXPECT_EQ(imap::decodeMailboxName(wire), name) << wire;
  }
}

TEST(ImapUtf7, InvalidInputs) {
  EXPECT_THROW(imap::encodeMailboxName("bad\xff"), ArgumentError);
  EXPECT_THROW(imap::encodeMailboxName("\xc3"), ArgumentError);
  // Not modified UTF-7: shown as received.
  EXPECT_EQ(imap::decodeMailboxName("&Jjo"), "&Jjo");
  EXPECT_EQ(imap::decodeMailboxName("&AGE-"), "&AGE-");  // 'a' must not be base64-encoded
  EXPECT_EQ(imap::decodeMailboxName("&2D3-"), "&2D3-");  // a lone surrogate
  EXPECT_EQ(imap::decodeMailboxName("caf\xc3\xa9"), "caf\xc3\xa9");
}

// ---------------------------------------------------------------------------------------------
// RFC 2047

TEST(ImapEncodedWords, Decodes) {
  EXPECT_EQ(imap::decodeEncodedWords("=?UTF-8?B?R3LDvMOfZQ==?="), "Grüße");
  EXPECT_EQ(imap::decodeEncodedWords("=?utf-8?q?Gr=C3=BC=C3=9Fe_aus?= =?utf-8?q?_Berlin?="), "Grüße aus Berlin");
  EXPECT_EQ(imap::decodeEncodedWords("=?ISO-8859-1?Q?caf=E9?= ok"), "café ok");
  EXPECT_EQ(imap::decodeEncodedWords("plain text"), "plain text");
  EXPECT_EQ(imap::decodeEncodedWords("=?bogus?"), "=?bogus?");
  EXPECT_EQ(imap::decodeEncodedWords("=?x-unknown-cs?B?QUJD?="), "=?x-unknown-cs?B?QUJD?=");
  EXPECT_EQ(imap::decodeEncodedWords("a =?UTF-8?B?w6k=?= b"), "a é b");
}

// ---------------------------------------------------------------------------------------------
// Response parser, fed the way the client feeds it

imap::Response parseAll(const std::vector<std::string>& pieces, imap::ParserLimits limits = {}) {
  imap::ResponseParser p(limits);
  imap::ResponseParser::Need need = imap::ResponseParser::Need::Line;
  for (const auto& piece : pieces) {
    if (need == imap::ResponseParser::Need::Complete) ADD_FAILURE() << "complete before all pieces";
    need = need == imap::ResponseParser::Need::Literal ? p.feedLiteral(piece) : p.feedLine(piece);
  }
  EXPECT_EQ(need, imap::ResponseParser::Need::Complete);
  return p.take();
}

int errCodeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const MailError& e) {
    return e.errCode;
  }
  return 0;
}

TEST(ImapParser, StatusResponses) {
  auto r = parseAll({"A0001 OK [CAPABILITY IMAP4rev1 IDLE] Logged in"});
  EXPECT_EQ(r.kind, imap::Response::Kind::Tagged);
  EXPECT_EQ(r.tag, "A0001");
  EXPECT_EQ(r.status, "OK");
  EXPECT_EQ(r.code, "CAPABILITY IMAP4rev1 IDLE");
  EXPECT_EQ(r.text, "Logged in");
  r = parseAll({"* ok [PERMANENTFLAGS (\\Answered \\*)] Flags permitted."});
  EXPECT_EQ(r.kind, imap::Response::Kind::Untagged);
  EXPECT_EQ(r.status, "OK");
  EXPECT_EQ(r.code, "PERMANENTFLAGS (\\Answered \\*)");
  r = parseAll({"+ idling"});
  EXPECT_EQ(r.kind, imap::Response::Kind::Continuation);
  EXPECT_EQ(r.text, "idling");
  r = parseAll({"+"});
  EXPECT_EQ(r.kind, imap::Response::Kind::Continuation);
  r = parseAll({"A0002 NO [TRYCREATE] no such mailbox (text with ( and \" is fine"});
  EXPECT_EQ(r.status, "NO");
  EXPECT_EQ(r.code, "TRYCREATE");
}

TEST(ImapParser, DataResponses) {
  auto r = parseAll({"* 23 EXISTS"});
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0].type, imap::Node::Type::Number);
  EXPECT_EQ(r.items[0].number, 23u);
  EXPECT_TRUE(r.items[1].isAtom("exists"));
  r = parseAll({"* LIST (\\HasNoChildren \\Marked) \".\" \"Sent \\\"Items\\\"\""});
  ASSERT_EQ(r.items.size(), 4u);
  EXPECT_TRUE(r.items[1].isList());
  EXPECT_EQ(r.items[1].items.size(), 2u);
  EXPECT_EQ(r.items[1].items[0].str(), "\\HasNoChildren");
  EXPECT_EQ(r.items[2].str(), ".");
  EXPECT_EQ(r.items[3].str(), "Sent \"Items\"");
  r = parseAll({"* LIST () NIL INBOX"});
  EXPECT_TRUE(r.items[2].isNil());
  EXPECT_EQ(r.items[2].str(), "");
  r = parseAll({"* SEARCH 2 3 5"});
  EXPECT_EQ(r.items.size(), 4u);
}

TEST(ImapParser, FetchWithLiteralsInPieces) {
  // The literal may hold anything, CRLF and parentheses included.
  std::string body = "Subject: (x\r\n\r\n\"body\" {5}\r\n";
  auto r = parseAll({"* 12 FETCH (UID 7 BODY[HEADER.FIELDS (SUBJECT DATE)] {" + std::to_string(body.size()) + "}", body,
                     " FLAGS (\\Seen) ENVELOPE (NIL {3}", "a b", " NIL NIL NIL NIL NIL NIL NIL NIL))"});
  ASSERT_EQ(r.items.size(), 3u);
  const auto& list = r.items[2].items;
  ASSERT_EQ(list.size(), 8u);
  EXPECT_TRUE(list[2].isAtom("BODY[HEADER.FIELDS (SUBJECT DATE)]"));
  EXPECT_EQ(list[3].type, imap::Node::Type::Literal);
  EXPECT_EQ(list[3].text, body);
  EXPECT_EQ(list[7].items[1].text, "a b");
  EXPECT_EQ(list[7].items.size(), 10u);
}

TEST(ImapParser, EmptyLiteralAndBinaryBytes) {
  auto r = parseAll({"* 1 FETCH (BODY[] {0}", "", ")"});
  EXPECT_EQ(r.items[2].items[1].text, "");
  std::string bin("\0\x01\xff", 3);
  r = parseAll({"* 1 FETCH (BODY[] {3}", bin, ")"});
  EXPECT_EQ(r.items[2].items[1].text, bin);
}

TEST(ImapParser, HugeLiteralIsRefusedWithoutAllocating) {
  imap::ResponseParser p;
  EXPECT_EQ(errCodeOf([&] { p.feedLine("* 1 FETCH (BODY[] {18446744073709551615}"); }), kProtocolError);
  imap::ResponseParser q;
  EXPECT_EQ(errCodeOf([&] { q.feedLine("* 1 FETCH (BODY[] {1073741825}"); }), kProtocolError);
  imap::ResponseParser ok;
  EXPECT_EQ(ok.feedLine("* 1 FETCH (BODY[] {1073741824}"), imap::ResponseParser::Need::Literal);
  EXPECT_EQ(ok.literalSize(), 1073741824u);
}

TEST(ImapParser, DepthIsBounded) {
  std::string open(100, '(');
  std::string close(100, ')');
  auto r = parseAll({"* 1 FETCH " + open + close});
  EXPECT_EQ(r.items.size(), 3u);
  imap::ResponseParser p;
  EXPECT_EQ(errCodeOf([&] { p.feedLine("* 1 FETCH " + std::string(101, '(') + std::string(101, ')')); }), kProtocolError);
  imap::ResponseParser deep;
  EXPECT_EQ(errCodeOf([&] { deep.feedLine("* 1 FETCH (BODYSTRUCTURE " + std::string(200, '(') + std::string(201, ')')); }),
            kProtocolError);
}

TEST(ImapParser, MalformedResponsesAre116) {
  for (std::string bad : {"A0001 FETCH (1)"s, "* 1 FETCH (UID 1"s, "* 1 FETCH (UID 1))"s, "* LIST () \"/\" \"unterminated"s,
                          "* 1 FETCH (BODY[] {12x}"s, "* 1 FETCH (BODY[] {3} trailing"s, "nospace"s, " * OK"s,
                          "* 1 FETCH (BODY[HEADER ok)"s, "* 1 FETCH (X\x01Y)"s}) {
    imap::ResponseParser p;
    EXPECT_EQ(errCodeOf([&] { p.feedLine(bad); }), kProtocolError) << bad;
  }
  imap::ResponseParser p;
  p.feedLine("* 1 FETCH (BODY[] {3}");
  EXPECT_EQ(errCodeOf([&] { p.feedLiteral("toolong"); }), kProtocolError);
}

TEST(ImapParser, NextResponseStartsClean) {
  imap::ResponseParser p;
  EXPECT_EQ(p.feedLine("* 1 FETCH (BODY[] {2}"), imap::ResponseParser::Need::Literal);
  EXPECT_EQ(p.feedLiteral("ab"), imap::ResponseParser::Need::Line);
  EXPECT_EQ(p.feedLine(")"), imap::ResponseParser::Need::Complete);
  auto first = p.take();
  EXPECT_EQ(first.raw, "* 1 FETCH (BODY[] {2})");
  EXPECT_EQ(p.feedLine("A0001 OK done"), imap::ResponseParser::Need::Complete);
  auto second = p.take();
  EXPECT_EQ(second.tag, "A0001");
  EXPECT_TRUE(second.items.empty());
}

// ---------------------------------------------------------------------------------------------
// Scripted servers: STARTTLS, required means required

TEST(ImapStartTls, NotOfferedFails11AndOnlyCapabilityWasSent) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK IMAP ready\r\n");
    s.expect("A0001 CAPABILITY");
    s.sendRaw("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA0001 OK done\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedStartTls(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.connect(st));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslStartTlsRefused);
  EXPECT_EQ(srv.received(), "A0001 CAPABILITY\r\n");  // no LOGIN, no LOGOUT
  EXPECT_FALSE(c.connected());
  EXPECT_EQ(c.tlsResult().sslError, kSslStartTlsRefused);
}

TEST(ImapStartTls, RefusedWithNoFails11AndNothingFollows) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready\r\n");
    s.expect("A0001 STARTTLS");
    s.sendRaw("A0001 NO TLS not available\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedStartTls(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.connect(st));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslStartTlsRefused);
  EXPECT_EQ(o.serverResponse, "A0001 NO TLS not available");
  EXPECT_EQ(srv.received(), "A0001 STARTTLS\r\n");
}

TEST(ImapStartTls, ResponseInjectedAfterTheTaggedOkIsDetected) {
  REQUIRE_CERTS();
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
    s.expect("A0001 STARTTLS");
    s.sendRaw("A0001 OK Begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n");  // one write: the forgery rides along
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedStartTls(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.connect(st));
  srv.join();
  EXPECT_EQ(o.errCode, kTlsHandshakeFailed) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslPlaintextInjection);
  EXPECT_EQ(srv.received(), "A0001 STARTTLS\r\n");  // not even a ClientHello
  EXPECT_FALSE(c.connected());
}

TEST(ImapStartTls, PreauthGreetingWhenStartTlsIsRequiredFails) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] logged in as joe\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(scriptedStartTls(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslStartTlsRefused);
  EXPECT_EQ(srv.received(), "");
  EXPECT_FALSE(c.connected());
}

TEST(ImapStartTls, UpgradeForgetsPreTlsCapabilitiesAndLogsIn) {
  REQUIRE_CERTS();
  std::string loginLine;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 STARTTLS X-PRE-TLS AUTH=PLAIN] ready\r\n");
    s.expect("A0001 STARTTLS");
    s.sendRaw("A0001 OK Begin TLS\r\n");
    if (!s.startTls(cert("server.pem"), cert("server-key.pem"))) return;
    s.expect("A0002 CAPABILITY");
    s.sendRaw("* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\r\nA0002 OK done\r\n");
    loginLine = s.expect("A0003 AUTHENTICATE PLAIN ");
    s.sendRaw("A0003 OK [CAPABILITY IMAP4rev1 IDLE X-POST-LOGIN] Logged in\r\n");
    s.expect("A0004 LOGOUT");
    s.sendRaw("* BYE bye\r\nA0004 OK done\r\n");
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedStartTls(srv.port());
  st.userName = "joe";
  st.password = "pass word";
  Outcome o = runCall(c.connect(st));
  EXPECT_TRUE(o.ok()) << o.errDesc;
  EXPECT_FALSE(c.tlsResult().negotiatedProtocol.empty());
  auto caps = c.capabilities();
  EXPECT_EQ(std::count(caps.begin(), caps.end(), "X-PRE-TLS"), 0);
  EXPECT_EQ(std::count(caps.begin(), caps.end(), "X-POST-LOGIN"), 1);
  EXPECT_EQ(c.lastRequest(), "A0003 AUTHENTICATE PLAIN ****");
  must(c.disconnect());
  srv.join();
  EXPECT_EQ(base64Decode(loginLine.substr(strlen("A0003 AUTHENTICATE PLAIN "))), "\0joe\0pass word"s);
}

// ---------------------------------------------------------------------------------------------
// Scripted servers: session, state, literals, bounds

TEST(ImapSession, UntaggedDataBeforeLoginNeverReachesTheMailboxState) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n");
    s.expect("A0001 AUTHENTICATE PLAIN ");
    s.sendRaw("* 5 EXISTS\r\n* 3 RECENT\r\n* OK [UIDVALIDITY 99] forged\r\n* OK [UIDNEXT 42] forged\r\n"
              "A0001 OK [CAPABILITY IMAP4rev1] Logged in\r\n");
    s.expect("A0002 SELECT INBOX");
    s.sendRaw("* FLAGS (\\Seen)\r\n* 2 EXISTS\r\n* OK [UIDNEXT 7] next\r\nA0002 OK [READ-WRITE] done\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedSettings(srv.port());
  st.userName = "joe";
  st.password = "x";
  ASSERT_TRUE(runCall(c.connect(st)).ok());
  EXPECT_EQ(c.messageCount(), 0u);
  EXPECT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  EXPECT_EQ(c.messageCount(), 2u);
  EXPECT_EQ(c.recentCount(), 0u);
  EXPECT_EQ(c.uidValidity(), 0u);
  EXPECT_EQ(c.uidNext(), 7u);
}

TEST(ImapSession, HugeLiteralSizeIs116WithoutCrash) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw("* 1 EXISTS\r\nA0001 OK done\r\n");
    s.expect("A0002 FETCH 1 (UID BODY.PEEK[])");
    s.sendRaw("* 1 FETCH (UID 1 BODY[] {18446744073709551615}\r\nxxxx");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  Outcome o = attempt(c.retrieveSingleMessage(1, false));
  srv.join();
  EXPECT_EQ(o.errCode, kProtocolError) << o.errDesc;
  EXPECT_FALSE(c.connected());
}

TEST(ImapSession, BodystructureNested200DeepIs116) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 EXAMINE INBOX");
    s.sendRaw("* 1 EXISTS\r\nA0001 OK done\r\n");
    s.expect("A0002 FETCH 1:* (");
    s.sendRaw("* 1 FETCH (UID 1 BODYSTRUCTURE " + std::string(200, '(') + "\"text\"" + std::string(200, ')') + ")\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.examineMailbox("INBOX")).ok());
  Outcome o = attempt(c.retrieveEnvelopes("1:*", false));
  srv.join();
  EXPECT_EQ(o.errCode, kProtocolError) << o.errDesc;
  EXPECT_FALSE(c.connected());
}

TEST(ImapSession, AppendUsesASynchronisingLiteralWithoutLiteralPlus) {
  const std::string msg = "Subject: hi\r\n\r\nbody\r\n";
  bool waitedForContinuation = false;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 APPEND Drafts (\\Seen) {" + std::to_string(msg.size()) + "}");
    waitedForContinuation = s.silentFor(300);  // the client must wait for "+"
    s.sendRaw("+ Ready for literal data\r\n");
    s.expect("Subject: hi");
    s.expect("");
    s.expect("body");
    s.expect("");  // the CRLF that ends the command
    s.sendRaw("A0001 OK [APPENDUID 1 5] Append completed\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  Outcome o = runCall(c.appendMessage("Drafts", msg, "\\Seen"));
  EXPECT_TRUE(o.ok()) << o.errDesc;
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_TRUE(waitedForContinuation);
  EXPECT_EQ(srv.received(),
            "A0001 APPEND Drafts (\\Seen) {" + std::to_string(msg.size()) + "}\r\n" + msg + "\r\nA0002 LOGOUT\r\n");
}

TEST(ImapSession, AppendRefusedBeforeTheLiteralSendsNoData) {
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 APPEND Nope {");
    s.sendRaw("A0001 NO [TRYCREATE] no such mailbox\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  Outcome o = runCall(c.appendMessage("Nope", "Subject: x\r\n\r\nx\r\n", ""));
  EXPECT_EQ(o.errCode, kNoMailbox) << o.errDesc;
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(srv.received().find("Subject"), std::string::npos);
}

TEST(ImapSession, AppendUsesLiteralPlusWhenOffered) {
  const std::string msg = "Subject: hi\r\n\r\nbody\r\n";
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n");
    s.expect("A0001 APPEND INBOX {" + std::to_string(msg.size()) + "+}");
    s.expect("Subject: hi");
    s.expect("");
    s.expect("body");
    s.expect("");
    s.sendRaw("A0001 OK done\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  Outcome o = runCall(c.appendMessage("INBOX", msg, ""));
  EXPECT_TRUE(o.ok()) << o.errDesc;
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
}

TEST(ImapSession, StalledServerTimesOutWith5) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK ready\r\n");
    s.expect("A0001 CAPABILITY");
    s.sleepMs(4000);
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedSettings(srv.port());
  st.timeout = 1;
  Outcome o = runCall(c.connect(st));
  EXPECT_EQ(o.errCode, kTimeout) << o.errDesc;
  EXPECT_FALSE(c.connected());
}

TEST(ImapSession, LoginQuotesOrSendsLiteralsAndMasksThePassword) {
  std::string logPath = "/tmp/imapt-log-" + std::to_string(getpid()) + ".txt";
  ::unlink(logPath.c_str());
  const std::string password = "p\xc3\xa4ss \"w\\";
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 AUTH=LOGIN] ready\r\n");  // no AUTH=PLAIN: AUTO uses LOGIN
    s.expect("A0001 LOGIN \"joe smith\" {" + std::to_string(password.size()) + "}");
    s.sendRaw("+ go\r\n");
    s.expect(password);
    s.sendRaw("A0001 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedSettings(srv.port());
  st.userName = "joe smith";
  st.password = password;
  st.enableLogging = true;
  st.logFilePath = logPath;
  Outcome o = runCall(c.connect(st));
  srv.join();
  EXPECT_EQ(o.errCode, kBadCredentials) << o.errDesc;
  EXPECT_EQ(c.lastRequest(), "A0001 LOGIN \"joe smith\" {" + std::to_string(password.size()) + "} ****");
  std::string log = readFile(logPath);
  EXPECT_NE(log.find("LOGIN"), std::string::npos);
  EXPECT_EQ(log.find("p\xc3\xa4ss"), std::string::npos);
  ::unlink(logPath.c_str());
}

TEST(ImapAuth, PlainWithoutSaslIrWaitsForTheContinuation) {
  std::string payload;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
    s.expect("A0001 AUTHENTICATE PLAIN");
    s.sendRaw("+ \r\n");
    payload = s.readLine();
    s.sendRaw("A0001 OK Logged in\r\n");
    s.expect("A0002 CAPABILITY");  // the login reply carried no capabilities
    s.sendRaw("* CAPABILITY IMAP4rev1 X-AFTER\r\nA0002 OK done\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedSettings(srv.port());
  st.userName = "joe";
  st.password = "pw";
  Outcome o = runCall(c.connect(st));
  EXPECT_TRUE(o.ok()) << o.errDesc;
  EXPECT_EQ(c.capabilities(), (std::vector<std::string>{"IMAP4rev1", "X-AFTER"}));
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(base64Decode(payload), "\0joe\0pw"s);
}

TEST(ImapAuth, Xoauth2ErrorChallengeIsAnsweredEmptyAndFails114) {
  std::string line;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 SASL-IR] ready\r\n");
    line = s.expect("A0001 AUTHENTICATE XOAUTH2 ");
    s.sendRaw("+ eyJzdGF0dXMiOiI0MDEifQ==\r\n");
    s.expect("");
    s.sendRaw("A0001 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedSettings(srv.port());
  st.userName = "joe@example.com";
  st.password = "ya29.token";
  st.authMethod = imap::kAuthXoauth2;
  Outcome o = runCall(c.connect(st));
  srv.join();
  EXPECT_EQ(o.errCode, kBadCredentials) << o.errDesc;
  EXPECT_EQ(o.serverResponse, "A0001 NO [AUTHENTICATIONFAILED] Invalid credentials");
  EXPECT_EQ(base64Decode(line.substr(strlen("A0001 AUTHENTICATE XOAUTH2 "))),
            "user=joe@example.com\x01" "auth=Bearer ya29.token\x01\x01");
  EXPECT_EQ(c.lastRequest().find("ya29"), std::string::npos);
}

// Only a plain refusal means a wrong password; [LIMIT] (too many sessions) is another failure (113).
TEST(ImapAuth, LimitRefusalIsNotAWrongPassword) {
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n");
    s.expect("A0001 AUTHENTICATE PLAIN ");
    s.sendRaw("A0001 NO [LIMIT] Maximum number of connections from user+IP exceeded\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedSettings(srv.port());
  st.userName = "joe";
  st.password = "pw";
  Outcome o = runCall(c.connect(st));
  srv.join();
  EXPECT_EQ(o.errCode, kAuthFailed) << o.errDesc;
  EXPECT_NE(o.serverResponse.find("[LIMIT]"), std::string::npos);
}

TEST(ImapAuth, MethodsThatAreNotOffered) {
  ScriptedServer srv(
      [&](ScriptedServer& s) {
        s.sendRaw("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] ready\r\n");
        s.drain();
      },
      3);
  for (int method : {imap::kAuthAuto, imap::kAuthLogin, imap::kAuthPlain}) {
    imap::Client c(BlockingReactor::instance());
    imap::Settings st = scriptedSettings(srv.port());
    st.userName = "joe";
    st.password = "pw";
    st.authMethod = method;
    Outcome o = runCall(c.connect(st));
    EXPECT_EQ(o.errCode, method == imap::kAuthAuto ? kNoAuthOffered : kAuthMethodNotOffered) << method;
    EXPECT_FALSE(c.connected());
  }
  srv.join();
  EXPECT_EQ(srv.received(), "");
}

TEST(ImapSession, LineLongerThan1MBIs116) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw("* OK " + std::string((1 << 20) + 10, 'x') + "\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  EXPECT_EQ(runCall(c.selectMailbox("INBOX")).errCode, kProtocolError);
  EXPECT_FALSE(c.connected());
  srv.join();
}

TEST(ImapSession, AutosetMovesTlsOnPort143To993) {
  imap::Client c(BlockingReactor::instance());
  imap::Settings st = scriptedSettings(143);
  st.ssl.autosetPortAndSsl = true;
  st.ssl.enabled = true;
  st.timeout = 2;
  runCall(c.connect(st));  // nothing listens on 127.0.0.1:993 here; only the port chosen matters
  EXPECT_EQ(c.effectivePort(), 993);
  st.ssl.useStartTls = true;
  runCall(c.connect(st));
  EXPECT_EQ(c.effectivePort(), 143);
  EXPECT_THROW(runCall(c.connect([&] { auto b = st; b.authMethod = 4; return b; }())), ArgumentError);
  EXPECT_THROW(runCall(c.connect([&] { auto b = st; b.password = "a\nb"; return b; }())), ArgumentError);
}

TEST(ImapSession, NoMailboxSelectedIs204AndNothingIsSent) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  EXPECT_EQ(attempt(c.search("ALL", false)).errCode, kNoMailbox);
  EXPECT_EQ(attempt(c.retrieveEnvelopes("1:*", false)).errCode, kNoMailbox);
  EXPECT_EQ(attempt(c.expunge()).errCode, kNoMailbox);
  EXPECT_EQ(attempt(c.idle(1)).errCode, kNoMailbox);
  EXPECT_THROW(attempt(c.retrieveEnvelopes("1;DELETE", false)), ArgumentError);
  EXPECT_THROW(attempt(c.selectMailbox("a\r\nb")), ArgumentError);
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(srv.received(), "A0001 LOGOUT\r\n");
}

TEST(ImapSession, SelectRefusedIs204AndDeselects) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw("* 3 EXISTS\r\nA0001 OK done\r\n");
    s.expect("A0002 SELECT \"No such\"");
    s.sendRaw("A0002 NO [NONEXISTENT] Mailbox doesn't exist\r\n");
    s.expect("A0003 SELECT &ZeVnLA-");
    s.sendRaw("A0003 BAD what?\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  EXPECT_EQ(c.messageCount(), 3u);
  Outcome o = runCall(c.selectMailbox("No such"));
  EXPECT_EQ(o.errCode, kNoMailbox);
  EXPECT_EQ(o.serverResponse, "A0002 NO [NONEXISTENT] Mailbox doesn't exist");
  EXPECT_FALSE(c.mailboxSelected());
  EXPECT_EQ(c.messageCount(), 0u);
  EXPECT_EQ(runCall(c.selectMailbox("日本")).errCode, kCommandBad);
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
}

TEST(ImapSession, ByeGreetingIsRefused) {
  ScriptedServer srv([](ScriptedServer& s) { s.sendRaw("* BYE too many connections\r\n"); });
  imap::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(scriptedSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kConnectionRefused);
  EXPECT_EQ(o.serverResponse, "* BYE too many connections");
}

TEST(ImapSession, MoveWithoutMoveUsesCopyStoreAndUidExpunge) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 UIDPLUS] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw("* 3 EXISTS\r\nA0001 OK done\r\n");
    s.expect("A0002 FETCH 2:3 (UID)");
    s.sendRaw("* 2 FETCH (UID 12)\r\n* 3 FETCH (UID 13)\r\nA0002 OK done\r\n");
    s.expect("A0003 UID COPY 12,13 Trash");
    s.sendRaw("A0003 OK [COPYUID 5 12:13 1:2] done\r\n");
    s.expect("A0004 UID STORE 12,13 +FLAGS.SILENT (\\Deleted)");
    s.sendRaw("A0004 OK done\r\n");
    s.expect("A0005 UID EXPUNGE 12,13");
    s.sendRaw("* 3 EXPUNGE\r\n* 2 EXPUNGE\r\nA0005 OK done\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  Outcome o = runCall(c.moveMessages("2:3", "Trash", false));
  EXPECT_TRUE(o.ok()) << o.errDesc;
  EXPECT_EQ(c.messageCount(), 1u);
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
}

TEST(ImapSession, IdleWithoutIdleCapabilityPollsWithNoop) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw("* 2 EXISTS\r\nA0001 OK done\r\n");
    s.expect("A0002 NOOP");
    s.sendRaw("* 3 EXISTS\r\nA0002 OK done\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  EXPECT_TRUE(must(c.idle(1)));
  EXPECT_EQ(c.messageCount(), 3u);
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
}

TEST(ImapSession, IdleSendsDoneAndReadsTheTaggedOk) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw("* 2 EXISTS\r\nA0001 OK done\r\n");
    s.expect("A0002 IDLE");
    s.sendRaw("+ idling\r\n");
    s.expect("DONE");
    s.sendRaw("A0002 OK Idle completed\r\n");
    s.expect("A0003 IDLE");
    s.sendRaw("+ idling\r\n* 1 EXPUNGE\r\n");
    s.expect("DONE");
    s.sendRaw("A0003 OK Idle completed\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  EXPECT_FALSE(must(c.idle(1)));
  EXPECT_TRUE(must(c.idle(30)));
  EXPECT_EQ(c.messageCount(), 1u);
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
}

TEST(ImapSession, AbortEndsAnIdleAt102) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw("* 2 EXISTS\r\nA0001 OK done\r\n");
    s.expect("A0002 IDLE");
    s.sendRaw("+ idling\r\n");
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  std::promise<Outcome> done;
  std::thread t([&] { done.set_value(attempt(c.idle(600))); });
  auto f = done.get_future();
  // Abort until the call notices (an abort before the idle started is cleared by nothing: it ends it too).
  while (f.wait_for(50ms) != std::future_status::ready) c.abort();
  t.join();
  EXPECT_EQ(f.get().errCode, kAborted);
  EXPECT_FALSE(c.connected());
  srv.join();
}

// ---------------------------------------------------------------------------------------------
// retrieveMany: pipelined FETCH against scripted servers

// One `each` call of retrieveMany.
struct Reported {
  size_t index = 0;
  Outcome outcome;
  std::string raw;
};

// Runs retrieveMany to the end and returns what `each` was called with, call by call.
std::vector<Reported> retrieveAll(imap::Client& c, const std::vector<uint32_t>& ids, bool asUid) {
  std::vector<Reported> out;
  must(c.retrieveMany(ids, asUid, [&](size_t i, std::exception_ptr err, std::string raw) {
    out.push_back(Reported{i, outcomeOf(err), std::move(raw)});
  }));
  return out;
}

// Server side: the lines the client sent without waiting for an answer: one line, then every line
// that follows within 200 ms. Empty at EOF.
std::vector<std::string> readBurst(ScriptedServer& s) {
  std::vector<std::string> lines;
  std::string line = s.readLine();
  if (line.empty()) return lines;
  lines.push_back(line);
  while (!s.silentFor(200)) {
    line = s.readLine();
    if (line.empty() && s.eof()) break;
    lines.push_back(line);
  }
  return lines;
}

// Server side: "A0003 UID FETCH 7 (UID BODY.PEEK[])" -> tag A0003, id 7, uid true; id 0 for other commands.
struct FetchCommand {
  std::string tag;
  uint32_t id = 0;
  bool uid = false;
};
FetchCommand parseFetch(const std::string& line) {
  FetchCommand f;
  size_t sp = line.find(' ');
  f.tag = line.substr(0, sp);
  std::string rest = sp == std::string::npos ? "" : line.substr(sp + 1);
  if (rest.rfind("UID ", 0) == 0) {
    f.uid = true;
    rest.erase(0, 4);
  }
  if (rest.rfind("FETCH ", 0) == 0 && rest.size() > 6) f.id = static_cast<uint32_t>(strtoul(rest.c_str() + 6, nullptr, 10));
  return f;
}

std::string bodyOf(uint32_t n) { return "Subject: message " + std::to_string(n) + "\r\n\r\nbody " + std::string(n, 'x') + "\r\n"; }

std::string fetchData(uint32_t seq, uint32_t uid, const std::string& body) {
  return "* " + std::to_string(seq) + " FETCH (UID " + std::to_string(uid) + " BODY[] {" + std::to_string(body.size()) +
         "}\r\n" + body + ")\r\n";
}

std::string fetchLineFor(const std::string& tag, uint32_t id) { return tag + " FETCH " + std::to_string(id) + " (UID BODY.PEEK[])\r\n"; }

const char* kSelect6 = "* 6 EXISTS\r\nA0001 OK [READ-WRITE] done\r\n";

TEST(ImapRetrieveMany, PipelinesAndReportsTaggedNoAndBadForThatMessageAlone) {
  std::vector<size_t> bursts;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw(kSelect6);
    // Every command the client sends before hearing anything: all six must be there.
    std::vector<std::string> lines = readBurst(s);
    bursts.push_back(lines.size());
    std::string out;
    for (const std::string& line : lines) {
      FetchCommand f = parseFetch(line);
      if (f.id == 3) {
        out += f.tag + " NO [SERVERBUG] Internal error\r\n";
      } else if (f.id == 5) {
        out += f.tag + " BAD Error in IMAP command\r\n";
      } else {
        // Unsolicited data rides along: a flag update for this message, a body nobody asked for.
        if (f.id == 2) out += "* 2 FETCH (FLAGS (\\Seen))\r\n" + fetchData(9, 9, "not asked for");
        out += fetchData(f.id, f.id, bodyOf(f.id)) + f.tag + " OK Fetch completed.\r\n";
      }
    }
    s.sendRaw(out);
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  const std::vector<uint32_t> ids{1, 2, 0, 3, 4, 7, 5, 6};  // 0 and 7 (> 6 messages) are refused here
  auto got = retrieveAll(c, ids, false);
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  ASSERT_EQ(got.size(), ids.size());
  for (size_t k = 0; k < ids.size(); ++k) {
    EXPECT_EQ(got[k].index, k);
    uint32_t id = ids[k];
    if (id == 0 || id == 7) {
      EXPECT_EQ(got[k].outcome.errCode, kNoSuchMessage) << id;
      EXPECT_EQ(got[k].outcome.serverResponse, "") << id;
    } else if (id == 3) {
      EXPECT_EQ(got[k].outcome.errCode, kCommandRefused);
      EXPECT_EQ(got[k].outcome.serverResponse, "A0004 NO [SERVERBUG] Internal error");
    } else if (id == 5) {
      EXPECT_EQ(got[k].outcome.errCode, kCommandBad);
      EXPECT_EQ(got[k].outcome.serverResponse, "A0006 BAD Error in IMAP command");
    } else {
      EXPECT_TRUE(got[k].outcome.ok()) << id << ": " << got[k].outcome.errDesc;
      EXPECT_EQ(got[k].raw, bodyOf(id));
    }
    if (!got[k].outcome.ok()) {
      EXPECT_EQ(got[k].raw, "");
    }
  }
  EXPECT_EQ(bursts, (std::vector<size_t>{6}));  // all six FETCH commands were out before the first reply
  EXPECT_EQ(srv.received(), "A0001 SELECT INBOX\r\n" + fetchLineFor("A0002", 1) + fetchLineFor("A0003", 2) +
                                fetchLineFor("A0004", 3) + fetchLineFor("A0005", 4) + fetchLineFor("A0006", 5) +
                                fetchLineFor("A0007", 6) + "A0008 LOGOUT\r\n");
}

TEST(ImapRetrieveMany, KeepsAtMost32CommandsOutstanding) {
  std::vector<size_t> bursts;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw("* 40 EXISTS\r\nA0001 OK done\r\n");
    size_t answered = 0;
    while (answered < 40) {
      // Every command sent is answered before the next burst is read: a burst is what was outstanding.
      std::vector<std::string> lines = readBurst(s);
      if (lines.empty()) return;
      bursts.push_back(lines.size());
      // All the data first, then the tagged completions: data is matched by message, not by order.
      std::string data, done;
      for (const std::string& line : lines) {
        FetchCommand f = parseFetch(line);
        data += fetchData(f.id, 100 + f.id, bodyOf(f.id));
        done += f.tag + " OK done\r\n";
      }
      s.sendRaw(data + done);
      answered += lines.size();
    }
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  std::vector<uint32_t> ids;
  for (uint32_t i = 1; i <= 40; ++i) ids.push_back(i);
  auto got = retrieveAll(c, ids, false);
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  ASSERT_EQ(got.size(), 40u);
  for (size_t k = 0; k < 40; ++k) {
    EXPECT_EQ(got[k].index, k);
    EXPECT_TRUE(got[k].outcome.ok()) << k << ": " << got[k].outcome.errDesc;
    EXPECT_EQ(got[k].raw, bodyOf(ids[k]));
  }
  ASSERT_FALSE(bursts.empty());
  EXPECT_EQ(bursts[0], 32u);  // the window, at once
  EXPECT_LE(*std::max_element(bursts.begin(), bursts.end()), 32u);
  size_t total = 0;
  for (size_t b : bursts) total += b;
  EXPECT_EQ(total, 40u);
}

TEST(ImapRetrieveMany, ByUidMatchesTheUidItemAndReportsInOrder) {
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw(kSelect6);
    std::vector<std::string> lines = readBurst(s);
    if (lines.size() != 3) {
      ADD_FAILURE() << "expected 3 pipelined commands, got " << lines.size();
      return;
    }
    // UID 12 is message 3, UID 3 is message 1: a client matching by sequence number mixes them up.
    // The tagged replies come in reverse order; UID 77 does not exist (OK without data).
    s.sendRaw(fetchData(3, 12, bodyOf(12)) + fetchData(1, 3, bodyOf(3)) + parseFetch(lines[2]).tag + " OK none\r\n" +
              parseFetch(lines[1]).tag + " OK done\r\n" + parseFetch(lines[0]).tag + " OK done\r\n");
    logout(s);
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  auto got = retrieveAll(c, {12, 3, 0, 77}, true);
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  ASSERT_EQ(got.size(), 4u);
  for (size_t k = 0; k < 4; ++k) EXPECT_EQ(got[k].index, k);
  EXPECT_TRUE(got[0].outcome.ok()) << got[0].outcome.errDesc;
  EXPECT_EQ(got[0].raw, bodyOf(12));
  EXPECT_TRUE(got[1].outcome.ok()) << got[1].outcome.errDesc;
  EXPECT_EQ(got[1].raw, bodyOf(3));
  EXPECT_EQ(got[2].outcome.errCode, kNoSuchMessage);  // UID 0: refused without sending
  EXPECT_EQ(got[3].outcome.errCode, kNoSuchMessage);
  EXPECT_EQ(got[3].outcome.serverResponse, "A0004 OK none");
  EXPECT_EQ(srv.received(), "A0001 SELECT INBOX\r\nA0002 UID FETCH 12 (UID BODY.PEEK[])\r\n"
                            "A0003 UID FETCH 3 (UID BODY.PEEK[])\r\nA0004 UID FETCH 77 (UID BODY.PEEK[])\r\nA0005 LOGOUT\r\n");
}

TEST(ImapRetrieveMany, ConnectionLostAfterTwoRepliesEndsTheRestWithoutSending) {
  size_t burst = 0;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw(kSelect6);
    std::vector<std::string> lines = readBurst(s);
    burst = lines.size();
    std::string out;
    for (size_t k = 0; k < 2 && k < lines.size(); ++k) {
      FetchCommand f = parseFetch(lines[k]);
      out += fetchData(f.id, f.id, bodyOf(f.id)) + f.tag + " OK done\r\n";
    }
    s.sendRaw(out + "* BYE going away\r\n");
    s.close();
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  const std::vector<uint32_t> ids{1, 2, 3, 4, 0, 6};
  auto got = retrieveAll(c, ids, false);
  srv.join();
  EXPECT_EQ(burst, 5u);
  ASSERT_EQ(got.size(), ids.size());
  for (size_t k = 0; k < ids.size(); ++k) EXPECT_EQ(got[k].index, k);
  EXPECT_TRUE(got[0].outcome.ok());
  EXPECT_EQ(got[0].raw, bodyOf(1));
  EXPECT_TRUE(got[1].outcome.ok());
  EXPECT_EQ(got[1].raw, bodyOf(2));
  EXPECT_EQ(got[2].outcome.errCode, kClosedByServer) << got[2].outcome.errDesc;
  EXPECT_EQ(got[2].outcome.serverResponse, "* BYE going away");
  EXPECT_FALSE(c.connected());
  // The rest: what a separate call gets now (0 too: not connected comes first).
  int separate = attempt(c.retrieveSingleMessage(4, false)).errCode;
  EXPECT_EQ(separate, kNotConnected);
  for (size_t k = 3; k < ids.size(); ++k) {
    EXPECT_EQ(got[k].outcome.errCode, separate) << k;
    EXPECT_EQ(got[k].raw, "");
  }
}

TEST(ImapRetrieveMany, MalformedReplyEndsTheSessionAndNothingMoreIsSent) {
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw(kSelect6);
    std::vector<std::string> lines = readBurst(s);
    if (lines.empty()) return;
    FetchCommand f = parseFetch(lines[0]);
    s.sendRaw(fetchData(f.id, f.id, bodyOf(f.id)) + f.tag + " OK done\r\n* 2 FETCH (UID 2 BODY[] {12x}\r\n");
    s.drain();  // records whatever else the client might send, until it closes
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  auto got = retrieveAll(c, {1, 2, 3, 4}, false);
  EXPECT_TRUE(runCall(c.disconnect()).ok());  // not connected: nothing to say
  srv.join();
  ASSERT_EQ(got.size(), 4u);
  EXPECT_TRUE(got[0].outcome.ok());
  EXPECT_EQ(got[1].outcome.errCode, kProtocolError);
  EXPECT_EQ(got[2].outcome.errCode, kNotConnected);
  EXPECT_EQ(got[3].outcome.errCode, kNotConnected);
  EXPECT_EQ(srv.received(), "A0001 SELECT INBOX\r\n" + fetchLineFor("A0002", 1) + fetchLineFor("A0003", 2) +
                                fetchLineFor("A0004", 3) + fetchLineFor("A0005", 4));
}

TEST(ImapRetrieveMany, AbortEndsTheRunAt102) {
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("* OK [CAPABILITY IMAP4rev1] ready\r\n");
    s.expect("A0001 SELECT INBOX");
    s.sendRaw(kSelect6);
    std::string out;
    for (const std::string& line : readBurst(s)) {
      FetchCommand f = parseFetch(line);
      out += fetchData(f.id, f.id, bodyOf(f.id)) + f.tag + " OK done\r\n";
    }
    s.sendRaw(out);  // every answer is there: the abort alone stops the run
    s.drain();
  });
  imap::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(scriptedSettings(srv.port()))).ok());
  ASSERT_TRUE(runCall(c.selectMailbox("INBOX")).ok());
  std::vector<Reported> got;
  Outcome o = runCall(c.retrieveMany({1, 2, 3, 4, 5}, false, [&](size_t i, std::exception_ptr err, std::string raw) {
    got.push_back(Reported{i, outcomeOf(err), std::move(raw)});
    if (i == 1) c.abort();
  }));
  EXPECT_TRUE(o.ok()) << o.errDesc;
  srv.join();
  ASSERT_EQ(got.size(), 5u);
  EXPECT_TRUE(got[0].outcome.ok());
  EXPECT_TRUE(got[1].outcome.ok());
  for (size_t k = 2; k < 5; ++k) EXPECT_EQ(got[k].outcome.errCode, kAborted) << k;
  EXPECT_FALSE(c.connected());
  // Aborted or not connected from the start: every id gets what a separate call gets.
  got.clear();
  runCall(c.retrieveMany({1, 2}, false, [&](size_t i, std::exception_ptr err, std::string raw) {
    got.push_back(Reported{i, outcomeOf(err), std::move(raw)});
  }));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].outcome.errCode, kAborted);
  c.resetAbort();
  got = retrieveAll(c, {1, 2}, false);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].outcome.errCode, kNotConnected);
  EXPECT_EQ(got[1].outcome.errCode, kNotConnected);
}

// ---------------------------------------------------------------------------------------------
// The real Dovecot of scripts/mailstack.sh

bool portOpen(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

imap::Settings dovecotSettings(int port = 10143) {
  imap::Settings s;
  s.serverName = "localhost";
  s.portNumber = port;
  s.userName = "test";
  s.password = "secret";
  s.timeout = 15;
  s.ssl.enabled = true;
  s.ssl.useStartTls = port == 10143;
  s.ssl.autosetPortAndSsl = false;
  s.ssl.storeType = 1;
  s.ssl.storePath = cert("ca.pem");
  return s;
}

mime::Message testMessage(int i) {
  mime::Message m;
  m.fromAddr = "Jörg Sender <sender@example.com>";
  m.toAddr = "test@localhost, Other <other@example.org>";
  m.subject = "Grüße Nr. " + std::to_string(i) + (i == 3 ? " needle" : "");
  m.bodyText = "Hello " + std::to_string(i) + "\r\nSecond line.\r\n";
  return m;
}

class Dovecot : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!certsPresent() || !portOpen(10143)) GTEST_SKIP() << "Dovecot not running: bash scripts/mailstack.sh start";
    static int counter = 0;
    root_ = "mh" + std::to_string(getpid()) + "x" + std::to_string(time(nullptr) % 100000) + "n" + std::to_string(++counter);
    must(c_.connect(dovecotSettings()));
    must(c_.createMailbox(root_));
  }
  void TearDown() override {
    if (root_.empty()) return;
    if (!c_.connected()) {
      c_.resetAbort();
      runCall(c_.connect(dovecotSettings()));
    }
    // Children first, then the root.
    runCall(c_.examineMailbox("INBOX"));
    try {
      auto boxes = runBlocking(c_.retrieveMailboxes(root_, false));
      std::sort(boxes.begin(), boxes.end(), [](const imap::Mailbox& a, const imap::Mailbox& b) { return a.name.size() > b.name.size(); });
      for (auto& b : boxes) runCall(c_.deleteMailbox(b.name));
    } catch (...) {
    }
    Outcome o = runCall(c_.deleteMailbox(root_));
    EXPECT_TRUE(o.ok()) << "cleanup: " << o.errDesc;
    runCall(c_.disconnect());
  }
  // Appends `n` test messages to the test mailbox; returns what was appended.
  std::vector<std::string> appendFive() {
    std::vector<std::string> raws;
    for (int i = 1; i <= 5; ++i) {
      std::string raw = mime::buildMessage(testMessage(i));
      must(c_.appendMessage(root_, raw, i == 2 ? "\\Flagged" : ""));
      raws.push_back(raw);
    }
    return raws;
  }
  imap::Client c_{BlockingReactor::instance()};
  std::string root_;
};

TEST_F(Dovecot, StartTlsLoginAndCapabilities) {
  EXPECT_TRUE(c_.connected());
  EXPECT_FALSE(c_.tlsResult().negotiatedProtocol.empty());
  auto caps = c_.capabilities();
  EXPECT_NE(std::find(caps.begin(), caps.end(), "IMAP4rev1"), caps.end());
  EXPECT_EQ(std::find(caps.begin(), caps.end(), "STARTTLS"), caps.end());  // the post-login list
  EXPECT_NE(std::find(caps.begin(), caps.end(), "MOVE"), caps.end());
}

TEST_F(Dovecot, ImplicitTlsAndLoginMethods) {
  for (int method : {imap::kAuthLogin, imap::kAuthPlain, imap::kAuthAuto}) {
    imap::Client c(BlockingReactor::instance());
    imap::Settings st = dovecotSettings(10993);
    st.authMethod = method;
    Outcome o = runCall(c.connect(st));
    EXPECT_TRUE(o.ok()) << method << ": " << o.errDesc;
    EXPECT_FALSE(c.tlsResult().cipherSuite.empty());
    EXPECT_TRUE(runCall(c.disconnect()).ok());
    EXPECT_FALSE(c.connected());
  }
}

TEST_F(Dovecot, WrongPasswordIs114) {
  for (int method : {imap::kAuthLogin, imap::kAuthPlain}) {
    imap::Client c(BlockingReactor::instance());
    imap::Settings st = dovecotSettings();
    st.password = "wrong";
    st.authMethod = method;
    Outcome o = runCall(c.connect(st));
    EXPECT_EQ(o.errCode, kBadCredentials) << o.errDesc;
    EXPECT_FALSE(c.connected());
  }
}

TEST_F(Dovecot, AppendListSelectExamine) {
  appendFive();
  auto boxes = must(c_.retrieveMailboxes("", false));
  auto it = std::find_if(boxes.begin(), boxes.end(), [&](const imap::Mailbox& b) { return b.name == root_; });
  ASSERT_NE(it, boxes.end());
  EXPECT_EQ(it->delimiter, ".");
  EXPECT_TRUE(must(c_.retrieveMailboxes(root_, true)).empty());  // LSUB: nothing subscribed
  must(c_.selectMailbox(root_));
  EXPECT_EQ(c_.messageCount(), 5u);
  EXPECT_EQ(c_.recentCount(), 5u);
  EXPECT_GT(c_.uidValidity(), 0u);
  EXPECT_EQ(c_.uidNext(), 6u);
  must(c_.examineMailbox(root_));
  EXPECT_EQ(c_.messageCount(), 5u);
  EXPECT_EQ(c_.uidNext(), 6u);
  EXPECT_EQ(runCall(c_.selectMailbox(root_ + ".missing")).errCode, kNoMailbox);
}

TEST_F(Dovecot, EnvelopesAreDecoded) {
  appendFive();
  must(c_.selectMailbox(root_));
  auto envs = must(c_.retrieveEnvelopes("1:*", false));
  ASSERT_EQ(envs.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(envs[i].messageNumber, i + 1);
    EXPECT_EQ(envs[i].uid, static_cast<uint32_t>(i + 1));
    EXPECT_EQ(envs[i].subject, testMessage(i + 1).subject);
    EXPECT_EQ(envs[i].fromAddr, "Jörg Sender <sender@example.com>");
    EXPECT_EQ(envs[i].toAddr, "test@localhost, Other <other@example.org>");
    EXPECT_GT(envs[i].size, 100u);
    EXPECT_FALSE(envs[i].date.empty());
    EXPECT_EQ(envs[i].messageId.front(), '<');
  }
  EXPECT_NE(std::find(envs[1].flags.begin(), envs[1].flags.end(), "\\Flagged"), envs[1].flags.end());
  auto byUid = must(c_.retrieveEnvelopes("4:5", true));
  ASSERT_EQ(byUid.size(), 2u);
  EXPECT_EQ(byUid[0].uid, 4u);
}

TEST_F(Dovecot, WholeMessageAndHeaders) {
  auto raws = appendFive();
  must(c_.selectMailbox(root_));
  std::string got = must(c_.retrieveSingleMessage(3, false));
  EXPECT_EQ(normalizeCrlf(got), normalizeCrlf(raws[2]));
  std::string byUid = must(c_.retrieveSingleMessage(4, true));
  EXPECT_EQ(normalizeCrlf(byUid), normalizeCrlf(raws[3]));
  std::string headers = must(c_.retrieveSingleMessageHeaders(3, false));
  ASSERT_GE(headers.size(), 4u);
  EXPECT_EQ(headers.substr(headers.size() - 4), "\r\n\r\n");
  EXPECT_EQ(normalizeCrlf(raws[2]).rfind(headers, 0), 0u);
  EXPECT_EQ(attempt(c_.retrieveSingleMessage(6, false)).errCode, kNoSuchMessage);
  EXPECT_EQ(attempt(c_.retrieveSingleMessage(99, true)).errCode, kNoSuchMessage);
  // BODY.PEEK: nothing became \Seen.
  auto envs = must(c_.retrieveEnvelopes("3", false));
  ASSERT_EQ(envs.size(), 1u);
  EXPECT_EQ(std::find(envs[0].flags.begin(), envs[0].flags.end(), "\\Seen"), envs[0].flags.end());
}

TEST_F(Dovecot, Search) {
  appendFive();
  must(c_.selectMailbox(root_));
  EXPECT_EQ(must(c_.search("", false)), (std::vector<uint32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(must(c_.search("SUBJECT needle", false)), (std::vector<uint32_t>{3}));
  EXPECT_EQ(must(c_.search("SUBJECT \"Nr. 4\"", true)), (std::vector<uint32_t>{4}));
  EXPECT_EQ(must(c_.search("SUBJECT Grüße", false)).size(), 5u);
  EXPECT_EQ(must(c_.search("FLAGGED", false)), (std::vector<uint32_t>{2}));
  EXPECT_TRUE(must(c_.search("SUBJECT nothing-like-this", false)).empty());
  EXPECT_EQ(attempt(c_.search("NOSUCHKEY", false)).errCode, kCommandBad);
  EXPECT_TRUE(c_.connected());
}

TEST_F(Dovecot, StoreFlags) {
  appendFive();
  must(c_.selectMailbox(root_));
  auto flagsOf = [&](int n) { return must(c_.retrieveEnvelopes(std::to_string(n), false)).at(0).flags; };
  auto has = [](const std::vector<std::string>& v, const char* f) { return std::find(v.begin(), v.end(), f) != v.end(); };
  must(c_.setFlags("1:2", "\\Seen \\Answered", imap::kFlagsAdd, false));
  EXPECT_TRUE(has(flagsOf(1), "\\Seen"));
  EXPECT_TRUE(has(flagsOf(2), "\\Answered"));
  EXPECT_TRUE(has(flagsOf(2), "\\Flagged"));
  must(c_.setFlags("2", "(\\Seen)", imap::kFlagsRemove, true));
  EXPECT_FALSE(has(flagsOf(2), "\\Seen"));
  EXPECT_TRUE(has(flagsOf(2), "\\Answered"));
  must(c_.setFlags("2", "$Label1", imap::kFlagsReplace, false));
  auto f = flagsOf(2);
  EXPECT_TRUE(has(f, "$Label1"));
  EXPECT_FALSE(has(f, "\\Answered"));
  EXPECT_FALSE(has(f, "\\Flagged"));
  EXPECT_THROW(attempt(c_.setFlags("1", "\\Seen", 4, false)), ArgumentError);
  EXPECT_THROW(attempt(c_.setFlags("1", "\\Seen) (x", 1, false)), ArgumentError);
}

TEST_F(Dovecot, CopyMoveDeleteExpunge) {
  appendFive();
  std::string other = root_ + ".other";
  must(c_.createMailbox(other));
  must(c_.selectMailbox(root_));
  must(c_.copyMessages("1:2", other, false));
  EXPECT_EQ(c_.messageCount(), 5u);
  must(c_.moveMessages("5", other, true));
  EXPECT_EQ(c_.messageCount(), 4u);
  must(c_.deleteMessages("1", false));
  EXPECT_EQ(c_.messageCount(), 4u);
  must(c_.expunge());
  EXPECT_EQ(c_.messageCount(), 3u);
  EXPECT_EQ(must(c_.search("ALL", true)), (std::vector<uint32_t>{2, 3, 4}));
  EXPECT_EQ(runCall(c_.copyMessages("1", root_ + ".missing", false)).errCode, kNoMailbox);
  must(c_.examineMailbox(other));
  EXPECT_EQ(c_.messageCount(), 3u);
  auto envs = must(c_.retrieveEnvelopes("1:*", false));
  ASSERT_EQ(envs.size(), 3u);
  EXPECT_EQ(envs[2].subject, testMessage(5).subject);
}

TEST_F(Dovecot, RenameAndNonAsciiNames) {
  std::string a = root_ + ".Grüße";
  std::string b = a + ".日本";
  must(c_.createMailbox(b));  // creates the parent too
  auto boxes = must(c_.retrieveMailboxes(root_, false));
  std::vector<std::string> names;
  for (auto& m : boxes) names.push_back(m.name);
  EXPECT_NE(std::find(names.begin(), names.end(), a), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), b), names.end());
  must(c_.appendMessage(b, mime::buildMessage(testMessage(1)), ""));
  must(c_.selectMailbox(b));
  EXPECT_EQ(c_.messageCount(), 1u);
  std::string renamed = root_ + ".Ünïcödé 名前";
  must(c_.renameMailbox(b, renamed));
  EXPECT_EQ(c_.selectedMailbox(), renamed);
  must(c_.examineMailbox(renamed));
  EXPECT_EQ(c_.messageCount(), 1u);
  EXPECT_EQ(runCall(c_.examineMailbox(b)).errCode, kNoMailbox);
  names.clear();
  for (auto& m : must(c_.retrieveMailboxes(root_, false))) names.push_back(m.name);
  EXPECT_NE(std::find(names.begin(), names.end(), renamed), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), b), names.end());
}

TEST_F(Dovecot, IdleSeesAnAppendFromAnotherConnection) {
  appendFive();
  must(c_.selectMailbox(root_));
  EXPECT_FALSE(must(c_.idle(1)));  // nothing happens
  std::promise<bool> result;
  auto f = result.get_future();
  std::thread t([&] {
    try {
      result.set_value(runBlocking(c_.idle(30)));
    } catch (...) {
      result.set_exception(std::current_exception());
    }
  });
  imap::Client other(BlockingReactor::instance());
  must(other.connect(dovecotSettings(10993)));
  must(other.appendMessage(root_, mime::buildMessage(testMessage(6)), ""));
  must(other.disconnect());
  if (f.wait_for(60s) != std::future_status::ready) c_.abort();
  t.join();
  EXPECT_TRUE(f.get());
  EXPECT_EQ(c_.messageCount(), 6u);
  EXPECT_TRUE(c_.connected());
  EXPECT_EQ(must(c_.search("ALL", false)).size(), 6u);  // the connection is still in step
}

// On the EventLoop an idle holds no thread: a second mailer's calls run on the same loop meanwhile.
template <typename T>
Task<void> storeInto(Task<T> task, std::optional<T>* out) {
  *out = co_await task;
}

// Starts `task` on the EventLoop's thread; the future holds its outcome.
std::future<Outcome> onEventLoop(Task<void> task) {
  auto p = std::make_shared<std::promise<Outcome>>();
  auto f = p->get_future();
  auto holder = std::make_shared<Task<void>>(std::move(task));
  EventLoop::instance().post([p, holder] {
    runDetached(std::move(*holder), [p](std::exception_ptr e) { p->set_value(outcomeOf(e)); });
  });
  return f;
}

TEST_F(Dovecot, IdleOnTheEventLoop) {
  imap::Client a(EventLoop::instance());
  imap::Client b(EventLoop::instance());
  auto run = onEventLoop;
  ASSERT_TRUE(run(a.connect(dovecotSettings())).get().ok());
  ASSERT_TRUE(run(b.connect(dovecotSettings(10993))).get().ok());
  ASSERT_TRUE(run(a.selectMailbox(root_)).get().ok());
  std::optional<bool> changed;
  auto idling = run(storeInto(a.idle(30), &changed));
  // While a idles, b appends on the same loop thread.
  Outcome appended = run(b.appendMessage(root_, mime::buildMessage(testMessage(1)), "")).get();
  EXPECT_TRUE(appended.ok()) << appended.errDesc;
  if (idling.wait_for(60s) != std::future_status::ready) a.abort();
  Outcome o = idling.get();
  EXPECT_TRUE(o.ok()) << o.errDesc;
  EXPECT_EQ(changed, std::optional<bool>(true));
  run(a.disconnect()).get();
  run(b.disconnect()).get();
}

// ---------------------------------------------------------------------------------------------
// retrieveMany against Dovecot

TEST_F(Dovecot, RetrieveManyFortyMessagesBySequenceNumberAndUid) {
  const uint32_t n = 40;  // more than the window of 32
  std::vector<std::string> raws;
  for (uint32_t i = 1; i <= n; ++i) {
    mime::Message m = testMessage(static_cast<int>(i));
    for (uint32_t k = 0; k < i * 20; ++k) m.bodyText += "Line " + std::to_string(k) + " of message " + std::to_string(i) + "\r\n";
    raws.push_back(mime::buildMessage(m));
    must(c_.appendMessage(root_, raws.back(), ""));
  }
  must(c_.selectMailbox(root_));
  ASSERT_EQ(c_.messageCount(), n);
  std::vector<uint32_t> seqs;
  for (uint32_t i = 1; i <= n; ++i) seqs.push_back(i);
  auto got = retrieveAll(c_, seqs, false);
  ASSERT_EQ(got.size(), n);
  for (size_t k = 0; k < n; ++k) {
    EXPECT_EQ(got[k].index, k);
    ASSERT_TRUE(got[k].outcome.ok()) << k << ": " << got[k].outcome.errDesc;
    EXPECT_EQ(got[k].raw, must(c_.retrieveSingleMessage(seqs[k], false))) << k;
    EXPECT_EQ(normalizeCrlf(got[k].raw), normalizeCrlf(raws[k])) << k;
  }
  // By UID, in another order.
  std::vector<uint32_t> uids = must(c_.search("ALL", true));
  ASSERT_EQ(uids.size(), n);
  std::reverse(uids.begin(), uids.end());
  std::rotate(uids.begin(), uids.begin() + 7, uids.end());
  got = retrieveAll(c_, uids, true);
  ASSERT_EQ(got.size(), n);
  for (size_t k = 0; k < n; ++k) {
    EXPECT_EQ(got[k].index, k);
    ASSERT_TRUE(got[k].outcome.ok()) << k << ": " << got[k].outcome.errDesc;
    EXPECT_EQ(got[k].raw, must(c_.retrieveSingleMessage(uids[k], true))) << k;
  }
  EXPECT_TRUE(c_.connected());
  EXPECT_EQ(must(c_.search("ALL", false)).size(), n);  // still in step
  EXPECT_TRUE(must(c_.search("SEEN", false)).empty());  // BODY.PEEK
}

TEST_F(Dovecot, RetrieveManyReportsInvalidIdsAlone) {
  auto raws = appendFive();
  must(c_.selectMailbox(root_));
  const std::vector<uint32_t> ids{2, 0, 1, 10, 5, 3, 3};  // 10 = exists + 5
  auto got = retrieveAll(c_, ids, false);
  ASSERT_EQ(got.size(), ids.size());
  for (size_t k = 0; k < ids.size(); ++k) {
    EXPECT_EQ(got[k].index, k);
    if (ids[k] == 0 || ids[k] > 5) {
      EXPECT_EQ(got[k].outcome.errCode, kNoSuchMessage) << k;
      EXPECT_EQ(got[k].outcome.errCode, attempt(c_.retrieveSingleMessage(ids[k], false)).errCode);
      EXPECT_EQ(got[k].raw, "");
    } else {
      ASSERT_TRUE(got[k].outcome.ok()) << k << ": " << got[k].outcome.errDesc;
      EXPECT_EQ(normalizeCrlf(got[k].raw), normalizeCrlf(raws[ids[k] - 1])) << k;
    }
  }
  // By UID: 0 is refused here, 99 by the server (OK without data): both 201.
  const std::vector<uint32_t> uids{4, 0, 99, 1};
  got = retrieveAll(c_, uids, true);
  ASSERT_EQ(got.size(), uids.size());
  EXPECT_EQ(normalizeCrlf(got[0].raw), normalizeCrlf(raws[3]));
  EXPECT_EQ(got[1].outcome.errCode, kNoSuchMessage);
  EXPECT_EQ(got[2].outcome.errCode, kNoSuchMessage);
  EXPECT_EQ(attempt(c_.retrieveSingleMessage(99, true)).errCode, kNoSuchMessage);
  EXPECT_EQ(normalizeCrlf(got[3].raw), normalizeCrlf(raws[0]));
  EXPECT_TRUE(c_.connected());
}

TEST_F(Dovecot, RetrieveManyEachThrowingLeavesTheSessionInStep) {
  auto raws = appendFive();
  must(c_.selectMailbox(root_));
  std::vector<size_t> calls;
  EXPECT_THROW(runBlocking(c_.retrieveMany({1, 2, 3, 4, 5}, false,
                                           [&](size_t i, std::exception_ptr, std::string) {
                                             calls.push_back(i);
                                             if (i == 1) throw std::runtime_error("from each");
                                           })),
               std::runtime_error);
  EXPECT_EQ(calls, (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(c_.connected());
  EXPECT_EQ(normalizeCrlf(must(c_.retrieveSingleMessage(5, false))), normalizeCrlf(raws[4]));
}

TEST_F(Dovecot, RetrieveManyOnTheEventLoop) {
  auto raws = appendFive();
  imap::Client a(EventLoop::instance());
  ASSERT_TRUE(onEventLoop(a.connect(dovecotSettings())).get().ok());
  ASSERT_TRUE(onEventLoop(a.examineMailbox(root_)).get().ok());
  std::vector<Reported> got;
  std::thread::id caller;
  auto each = [&](size_t i, std::exception_ptr err, std::string raw) {
    caller = std::this_thread::get_id();
    got.push_back(Reported{i, outcomeOf(err), std::move(raw)});
  };
  const std::vector<uint32_t> ids{5, 4, 0, 3, 2, 1};
  Outcome o = onEventLoop(a.retrieveMany(ids, false, each)).get();
  EXPECT_TRUE(o.ok()) << o.errDesc;
  EXPECT_NE(caller, std::this_thread::get_id());  // the loop's thread
  ASSERT_EQ(got.size(), 6u);
  for (size_t k = 0; k < 6; ++k) EXPECT_EQ(got[k].index, k);
  EXPECT_EQ(got[2].outcome.errCode, kNoSuchMessage);
  for (size_t k : {0, 1, 3, 4, 5}) {
    ASSERT_TRUE(got[k].outcome.ok()) << k << ": " << got[k].outcome.errDesc;
    EXPECT_EQ(normalizeCrlf(got[k].raw), normalizeCrlf(raws[ids[k] - 1])) << k;
  }
  onEventLoop(a.disconnect()).get();
}

}  // namespace
