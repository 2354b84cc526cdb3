// Tests of the SMTP engine (src/smtp/*, src/net/*) against scripted servers. Each test reads like a
// transcript: the script is what the server answered, srv.received() is what the client sent, and
// the Outcome / the Client's state is what the user saw.
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/task.h"
#include "mime/message.h"
#include "net/reactor.h"
#include "proto/outcome.h"
#include "scripted_server.h"
#include "smtp/client.h"
#include "smtp/data.h"
#include "smtp/reply.h"

using namespace mailhive;
using namespace std::string_literals;
using namespace std::chrono_literals;
using mailhive::scripted::base64Decode;
using mailhive::scripted::base64Encode;
using mailhive::scripted::ScriptedServer;

namespace {

// ---------------------------------------------------------------------------------------------
// Fixtures shared by the tests

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

const char* const kGreeting = "220 mx.test ESMTP ready\r\n";

smtp::Settings plainSettings(int port) {
  smtp::Settings s;
  s.serverName = "127.0.0.1";
  s.portNumber = port;
  s.domain = "client.test";
  s.timeout = 5;
  s.authMethod = smtp::kAuthAuto;
  s.ssl.autosetPortAndSsl = false;
  return s;
}

smtp::Settings startTlsSettings(int port) {
  smtp::Settings s = plainSettings(port);
  s.serverName = "localhost";
  s.ssl.enabled = true;
  s.ssl.useStartTls = true;
  s.ssl.storeType = 1;
  s.ssl.storePath = cert("ca.pem");
  return s;
}

smtp::Settings implicitTlsSettings(int port) {
  smtp::Settings s = startTlsSettings(port);
  s.ssl.useStartTls = false;
  return s;
}

mime::Message simpleMessage() {
  mime::Message m;
  m.fromAddr = "sender@example.com";
  m.toAddr = "rcpt@example.org";
  m.subject = "Hello";
  m.bodyText = "Hello, world.\r\n";
  return m;
}

// Server side: greeting, then EHLO answered with `ehloReply` (complete reply text with CRLFs).
void greet(ScriptedServer& s, const std::string& ehloReply) {
  s.sendRaw(kGreeting);
  s.expect("EHLO client.test");
  s.sendRaw(ehloReply);
}

// Server side, one command at a time: MAIL, `rcpts` RCPTs, DATA, the message, `finalReply`.
// Returns the message as the server understood it.
std::string deliver(ScriptedServer& s, int rcpts, const std::string& finalReply = "250 2.0.0 queued as 1234\r\n") {
  s.expect("MAIL FROM:<");
  s.sendRaw("250 2.1.0 sender ok\r\n");
  for (int i = 0; i < rcpts; ++i) {
    s.expect("RCPT TO:<");
    s.sendRaw("250 2.1.5 recipient ok\r\n");
  }
  s.expect("DATA");
  s.sendRaw("354 end with <CRLF>.<CRLF>\r\n");
  std::string msg = s.readData();
  s.sendRaw(finalReply);
  return msg;
}

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Every CR of `bytes` is followed by LF and every LF preceded by CR.
::testing::AssertionResult onlyCrlf(const std::string& bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))
      return ::testing::AssertionFailure() << "bare CR at offset " << i;
    if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))
      return ::testing::AssertionFailure() << "bare LF at offset " << i;
  }
  return ::testing::AssertionSuccess();
}

// Runs a call on the EventLoop thread and waits for its outcome (aborting it after 60 s, so a
// broken engine fails the test instead of hanging it).
void loopBarrier() {
  std::promise<void> b;
  auto f = b.get_future();
  EventLoop::instance().post([&] { b.set_value(); });
  f.wait();
}

Outcome sendOnLoop(smtp::Client& c, const smtp::Settings& s, const mime::Message& m) {
  std::promise<Outcome> p;
  auto f = p.get_future();
  EventLoop::instance().post([&] { runDetached(c.send(s, m), [&](std::exception_ptr e) { p.set_value(outcomeOf(e)); }); });
  if (f.wait_for(60s) != std::future_status::ready) {
    ADD_FAILURE() << "the EventLoop call did not finish within 60 s; aborting it";
    c.abort();
  }
  Outcome o = f.get();
  loopBarrier();
  return o;
}

// A TCP port on 127.0.0.1 where nothing listens.
int closedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  ::close(fd);
  return port;
}

// SHA-256 fingerprint (lower-case hex) of a PEM certificate file, computed here with GnuTLS.
std::string sha256OfCertFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string pem = ss.str();
  gnutls_datum_t d{reinterpret_cast<unsigned char*>(pem.data()), static_cast<unsigned>(pem.size())};
  gnutls_x509_crt_t crt;
  gnutls_x509_crt_init(&crt);
  std::string out;
  if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_PEM) == 0) {
    unsigned char buf[32];
    size_t size = sizeof buf;
    if (gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA256, buf, &size) == 0) {
      static const char* hex = "0123456789abcdef";
      for (size_t i = 0; i < size; ++i) {
        out += hex[buf[i] >> 4];
        out += hex[buf[i] & 15];
      }
    }
  }
  gnutls_x509_crt_deinit(crt);
  return out;
}

// ---------------------------------------------------------------------------------------------
// ReplyParser

int errCodeOfFeeding(const std::vector<std::string>& lines) {
  smtp::ReplyParser p;
  try {
    for (const auto& l : lines) p.feed(l);
  } catch (const MailError& e) {
    return e.errCode;
  }
  return 0;
}

TEST(ReplyParser, SingleLine) {
  smtp::ReplyParser p;
  ASSERT_TRUE(p.feed("250 OK"));
  smtp::Reply r = p.take();
  EXPECT_EQ(r.code, 250);
  EXPECT_EQ(r.lines, std::vector<std::string>{"OK"});
  EXPECT_EQ(r.raw, "250 OK");
  EXPECT_EQ(r.enhanced, "");
  EXPECT_TRUE(r.positive());
}

TEST(ReplyParser, MultiLine) {
  smtp::ReplyParser p;
  EXPECT_FALSE(p.feed("250-a"));
  EXPECT_TRUE(p.feed("250 b"));
  smtp::Reply r = p.take();
  EXPECT_EQ(r.code, 250);
  EXPECT_EQ(r.lines, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.raw, "250-a\r\n250 b");
}

TEST(ReplyParser, EnhancedStatusCodeKept) {
  struct Case {
    std::string line, enhanced;
  };
  for (const Case& c : std::vector<Case>{{"250 2.1.0 Sender ok", "2.1.0"},
                                         {"550 5.1.1 No such user", "5.1.1"},
                                         {"451 4.3.0 Try again later", "4.3.0"},
                                         {"250 2.1.0", "2.1.0"},
                                         {"250 5.1.1 class differs from the reply", ""},
                                         {"250 Ok 2.1.0", ""},
                                         {"250 2.1 too short", ""}}) {
    smtp::ReplyParser p;
    ASSERT_TRUE(p.feed(c.line)) << c.line;
    smtp::Reply r = p.take();
    EXPECT_EQ(r.enhanced, c.enhanced) << c.line;
    EXPECT_EQ(r.raw, c.line);
    ASSERT_EQ(r.lines.size(), 1u);
    EXPECT_EQ(r.lines[0], c.line.substr(4)) << "the reply text keeps the enhanced code";
  }
}

TEST(ReplyParser, CodeChangingMidReplyIs116) {
  EXPECT_EQ(errCodeOfFeeding({"250-a", "251 b"}), kProtocolError);
  EXPECT_EQ(errCodeOfFeeding({"250-a", "250-b", "550 c"}), kProtocolError);
}

TEST(ReplyParser, MalformedLinesAre116) {
  for (const std::string& line : std::vector<std::string>{"garbage", "999 out of range", "100 too low", "199 x",
                                                          "600 x", "25", "", "2500 x", "250x", " 250 x",
                                                          "abc def", "2a0 x"}) {
    EXPECT_EQ(errCodeOfFeeding({line}), kProtocolError) << "line: \"" << line << "\"";
  }
}


TEST(ReplyParser, BareCodeIsAllowed) {
  smtp::ReplyParser p;
  ASSERT_TRUE(p.feed("250"));
  smtp::Reply r = p.take();
  EXPECT_EQ(r.code, 250);
  EXPECT_EQ(r.raw, "250");
  EXPECT_EQ(r.lines, std::vector<std::string>{""});
  // ... also as the last line of a multi-line reply.
  EXPECT_FALSE(p.feed("250-first"));
  EXPECT_TRUE(p.feed("250"));
  EXPECT_EQ(p.take().raw, "250-first\r\n250");
}

TEST(ReplyParser, NextReplyStartsClean) {
  smtp::ReplyParser p;
  ASSERT_TRUE(p.feed("250 2.1.0 ok"));
  p.take();
  ASSERT_TRUE(p.feed("354 go ahead"));
  smtp::Reply r = p.take();
  EXPECT_EQ(r.code, 354);
  EXPECT_EQ(r.enhanced, "");
  EXPECT_EQ(r.raw, "354 go ahead");
}

TEST(ReplyParser, TooManyLinesIs116) {
  std::vector<std::string> lines(smtp::ReplyParser::kMaxLines + 1, "250-x");
  EXPECT_EQ(errCodeOfFeeding(lines), kProtocolError);
}

TEST(ReplyParser, CapabilitiesUpperCaseTheKeywordAndSkipTheGreeting) {
  smtp::ReplyParser p;
  for (const char* l : {"250-mx.test greets client.test", "250-pipelining", "250-auth login PLAIN cram-md5",
                        "250-size 1000000", "250-Starttls"})
    ASSERT_FALSE(p.feed(l));
  ASSERT_TRUE(p.feed("250 8bitmime"));
  EXPECT_EQ(smtp::capabilitiesOf(p.take()),
            (std::vector<std::string>{"PIPELINING", "AUTH login PLAIN cram-md5", "SIZE 1000000", "STARTTLS",
                                      "8BITMIME"}));
}

// ---------------------------------------------------------------------------------------------
// DataEncoder

std::string encodeWhole(std::string_view in) {
  smtp::DataEncoder e;
  std::string out;
  e.feed(in, out);
  e.finish(out);
  return out;
}

std::string encodeInChunks(std::string_view in, const std::vector<size_t>& cuts) {
  smtp::DataEncoder e;
  std::string out;
  size_t pos = 0;
  for (size_t cut : cuts) {
    e.feed(in.substr(pos, cut - pos), out);
    pos = cut;
  }
  e.feed(in.substr(pos), out);
  e.finish(out);
  return out;
}

std::string encodeBytewise(std::string_view in) {
  std::vector<size_t> cuts;
  for (size_t i = 1; i < in.size(); ++i) cuts.push_back(i);
  return encodeInChunks(in, cuts);
}

// An independent model of RFC 5321 4.5.2 as mailhive promises it: CR, LF and CRLF end a line, NUL
// is dropped, a leading '.' is doubled, an open last line is closed, then ".\r\n".
std::string referenceEncoding(std::string_view in) {
  std::vector<std::string> lines;
  std::string cur;
  bool open = false;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') ++i;
      lines.push_back(cur);
      cur.clear();
      open = false;
    } else if (c != '\0') {
      cur += c;
      open = true;
    }
  }
  if (open) lines.push_back(cur);
  std::string out;
  for (auto& l : lines) out += (!l.empty() && l[0] == '.' ? "." : "") + l + "\r\n";
  return out + ".\r\n";
}

// The encoded stream has only CRLF line ends and its first end-of-data marker is its end.
::testing::AssertionResult canonicalDataStream(const std::string& out) {
  auto crlf = onlyCrlf(out);
  if (!crlf) return crlf;
  if (out == ".\r\n") return ::testing::AssertionSuccess();
  if (out.size() < 5 || out.compare(out.size() - 5, 5, "\r\n.\r\n") != 0)
    return ::testing::AssertionFailure() << "does not end with CRLF.CRLF";
  if (out.compare(0, 3, ".\r\n") == 0) return ::testing::AssertionFailure() << "a \".\" line at the start";
  if (out.find("\r\n.\r\n") != out.size() - 5) return ::testing::AssertionFailure() << "CRLF.CRLF before the end";
  return ::testing::AssertionSuccess();
}

TEST(DataEncoder, Table) {
  struct Case {
    std::string in, out;
  };
  for (const Case& c : std::vector<Case>{
           {"a\n.b", "a\r\n..b\r\n.\r\n"},
           {"a\rb", "a\r\nb\r\n.\r\n"},
           {"a\nb", "a\r\nb\r\n.\r\n"},
           {"a\r\nb", "a\r\nb\r\n.\r\n"},
           {"x\r\n.\r\ny", "x\r\n..\r\ny\r\n.\r\n"},
           {"x\n.\r\nMAIL FROM:<evil>", "x\r\n..\r\nMAIL FROM:<evil>\r\n.\r\n"},
           {"x\r.\ry", "x\r\n..\r\ny\r\n.\r\n"},
           {"x\n.\ny", "x\r\n..\r\ny\r\n.\r\n"},
           {"a\0b"s, "ab\r\n.\r\n"},
           {"a\n\0.b"s, "a\r\n..b\r\n.\r\n"},
           {"", ".\r\n"},
           {".", "..\r\n.\r\n"},
           {"a\r", "a\r\n.\r\n"},
           {"a\r\n", "a\r\n.\r\n"},
           {"\r\r", "\r\n\r\n.\r\n"},
           {"\n\r", "\r\n\r\n.\r\n"},
           {"..x", "...x\r\n.\r\n"},
           {"x.\n.", "x.\r\n..\r\n.\r\n"},
       }) {
    std::string shown = c.in;
    EXPECT_EQ(encodeWhole(c.in), c.out) << "input (escaped below)\n" << ::testing::PrintToString(shown);
    EXPECT_EQ(encodeBytewise(c.in), c.out) << "byte by byte: " << ::testing::PrintToString(shown);
    EXPECT_TRUE(canonicalDataStream(encodeWhole(c.in))) << ::testing::PrintToString(shown);
  }
}

TEST(DataEncoder, RandomInputsChunkingNeverChangesTheOutput) {
  std::mt19937 rng(20261128);
  const std::string alphabet = "ab.\r\n\0 "s;
  for (int iter = 0; iter < 200; ++iter) {
    std::string in(rng() % 80, 'a');
    for (auto& ch : in) ch = alphabet[rng() % alphabet.size()];
    std::vector<size_t> cuts;
    for (size_t i = 1; i < in.size(); ++i)
      if (rng() % 4 == 0) cuts.push_back(i);
    std::string whole = encodeWhole(in);
    SCOPED_TRACE("input: " + ::testing::PrintToString(in));
    EXPECT_EQ(whole, referenceEncoding(in));
    EXPECT_EQ(encodeBytewise(in), whole);
    EXPECT_EQ(encodeInChunks(in, cuts), whole);
    EXPECT_TRUE(canonicalDataStream(whole));
  }
}

// ---------------------------------------------------------------------------------------------
// STARTTLS: required means required

TEST(SmtpStartTls, NotOfferedFails11AndOnlyEhloWasSent) {
  REQUIRE_CERTS();
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n");
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = startTlsSettings(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslStartTlsRefused);
  EXPECT_EQ(srv.received(), "EHLO client.test\r\n");  // no AUTH, no MAIL, no QUIT
  EXPECT_FALSE(c.connected());
}

TEST(SmtpStartTls, Refused454Fails11AndNothingFollows) {
  REQUIRE_CERTS();
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250-AUTH PLAIN\r\n250 STARTTLS\r\n");
    s.expect("STARTTLS");
    s.sendRaw("454 4.7.0 TLS not available due to temporary reason\r\n");
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = startTlsSettings(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslStartTlsRefused);
  EXPECT_EQ(srv.received(), "EHLO client.test\r\nSTARTTLS\r\n");
}

TEST(SmtpStartTls, ReplyInjectedWithThe220IsDetected) {
  REQUIRE_CERTS();
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 STARTTLS\r\n");
    s.expect("STARTTLS");
    s.sendRaw("220 Ready\r\n250 forged\r\n");  // one write: the forged reply rides along
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(startTlsSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kTlsHandshakeFailed) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslPlaintextInjection);
  EXPECT_EQ(srv.received(), "EHLO client.test\r\nSTARTTLS\r\n");  // not even a ClientHello
  EXPECT_FALSE(c.connected());
}

TEST(SmtpStartTls, PlaintextInsteadOfHandshakeIsInjection) {
  REQUIRE_CERTS();
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 STARTTLS\r\n");
    s.expect("STARTTLS");
    s.sendRaw("220 Ready\r\n");
    s.sleepMs(50);
    s.sendRaw("250 junk\r\n");
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(startTlsSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kTlsHandshakeFailed) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslPlaintextInjection);
  EXPECT_EQ(srv.received().rfind("EHLO client.test\r\nSTARTTLS\r\n", 0), 0u);
  EXPECT_EQ(srv.received().find("MAIL"), std::string::npos);
}

TEST(SmtpStartTls, UpgradeForgetsPreTlsCapabilitiesAndAuthenticates) {
  REQUIRE_CERTS();
  std::string authLine;
  ScriptedServer srv([&](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250-AUTH LOGIN\r\n250-X-PRE-TLS\r\n250 STARTTLS\r\n");
    s.expect("STARTTLS");
    s.sendRaw("220 2.0.0 Ready to start TLS\r\n");
    if (!s.startTls(cert("server.pem"), cert("server-key.pem"))) {
      ADD_FAILURE() << "server handshake failed: " << s.tlsError();
      return;
    }
    s.expect("EHLO client.test");
    s.sendRaw("250-mx.test\r\n250 AUTH PLAIN\r\n");
    authLine = s.expect("AUTH ");
    s.sendRaw("235 2.7.0 Authentication successful\r\n");
    deliver(s, 1);
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = startTlsSettings(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  ASSERT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_EQ(authLine, "AUTH PLAIN " + base64Encode("\0test\0secret"s));
  EXPECT_EQ(c.capabilities(), std::vector<std::string>{"AUTH PLAIN"});
  EXPECT_EQ(srv.received().rfind("EHLO client.test\r\nSTARTTLS\r\nEHLO client.test\r\nAUTH PLAIN ", 0), 0u)
      << srv.received();
  EXPECT_NE(srv.received().find("\r\nMAIL FROM:<sender@example.com>"), std::string::npos);
  EXPECT_FALSE(c.tlsResult().negotiatedProtocol.empty());
  EXPECT_EQ(o.sslError, 0);
}

TEST(SmtpStartTls, EhloRefusedWithStartTlsRequiredNeverFallsBackToHelo) {
  REQUIRE_CERTS();
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "500 5.5.1 command unrecognized\r\n");
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(startTlsSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(srv.received(), "EHLO client.test\r\n");
}

TEST(SmtpStartTls, EhloRefusedWithAuthWantedNeverFallsBackToHelo) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "502 5.5.2 not implemented\r\n");
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_NE(o.errCode, 0);
  EXPECT_EQ(srv.received(), "EHLO client.test\r\n");
}

TEST(SmtpStartTls, EhloRefusedWithoutTlsOrAuthFallsBackToHelo) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "500 5.5.1 command unrecognized\r\n");
    s.expect("HELO client.test");
    s.sendRaw("250 mx.test\r\n");
    deliver(s, 1);
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_TRUE(c.capabilities().empty());
  EXPECT_EQ(srv.received().rfind("EHLO client.test\r\nHELO client.test\r\nMAIL FROM:<sender@example.com>\r\n", 0), 0u)
      << srv.received();
}

// ---------------------------------------------------------------------------------------------
// Certificates over implicit TLS

// Implicit TLS server: handshake with `crtFile`, then a whole delivery.
ScriptedServer::Script tlsDelivery(const std::string& crtFile, const std::string& keyFile) {
  return [crtFile, keyFile](ScriptedServer& s) {
    if (!s.startTls(crtFile, keyFile)) return;  // the client rejected us: that is the test's business
    greet(s, "250 mx.test\r\n");
    deliver(s, 1);
  };
}

struct TlsRun {
  Outcome o;
  TlsResult tls;
  std::string received;
};

TlsRun runImplicitTls(const std::string& crt, const std::string& key, std::function<void(smtp::Settings&)> adjust) {
  ScriptedServer srv(tlsDelivery(cert(crt), cert(key)));
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = implicitTlsSettings(srv.port());
  if (adjust) adjust(st);
  TlsRun r;
  r.o = runCall(c.send(st, simpleMessage()));
  srv.join();
  r.tls = c.tlsResult();
  r.received = srv.received();
  return r;
}

TEST(SmtpCertificates, SelfSignedIsUntrusted) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("selfsigned.pem", "selfsigned-key.pem", nullptr);
  EXPECT_EQ(r.o.errCode, kTlsHandshakeFailed) << r.o.errDesc;
  EXPECT_EQ(r.o.sslError, kSslUntrusted);
  ASSERT_TRUE(r.tls.serverCert.has_value()) << "serverCert is set also after a rejected certificate";
  EXPECT_TRUE(r.tls.serverCert->isSelfSigned);
  EXPECT_TRUE(contains(r.tls.serverCert->verifyErrors, "untrusted")) << ::testing::PrintToString(r.tls.serverCert->verifyErrors);
  EXPECT_EQ(r.tls.serverCert->fingerprintSha256, sha256OfCertFile(cert("selfsigned.pem")));
  EXPECT_EQ(r.received, "");
}

TEST(SmtpCertificates, WrongHostIsMismatch) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("wronghost.pem", "wronghost-key.pem", nullptr);
  EXPECT_EQ(r.o.errCode, kTlsHandshakeFailed) << r.o.errDesc;
  EXPECT_EQ(r.o.sslError, kSslHostMismatch);
  ASSERT_TRUE(r.tls.serverCert.has_value());
  EXPECT_TRUE(contains(r.tls.serverCert->verifyErrors, "hostname-mismatch"));
  EXPECT_EQ(r.received, "");
}

TEST(SmtpCertificates, ExpiredIsExpired) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("expired.pem", "expired-key.pem", nullptr);
  EXPECT_EQ(r.o.errCode, kTlsHandshakeFailed) << r.o.errDesc;
  EXPECT_EQ(r.o.sslError, kSslExpired);
  ASSERT_TRUE(r.tls.serverCert.has_value());
  EXPECT_TRUE(contains(r.tls.serverCert->verifyErrors, "expired"));
}

TEST(SmtpCertificates, TestCaCertWithSystemStoreIsUntrusted) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("server.pem", "server-key.pem", [](smtp::Settings& s) {
    s.ssl.storeType = 0;
    s.ssl.storePath = "ROOT";
  });
  EXPECT_EQ(r.o.errCode, kTlsHandshakeFailed) << r.o.errDesc;
  EXPECT_EQ(r.o.sslError, kSslUntrusted);
}

TEST(SmtpCertificates, GoodCertWithTestCaDelivers) {
  REQUIRE_CERTS();
  std::string serverSaw;
  ScriptedServer srv([&](ScriptedServer& s) {
    if (!s.startTls(cert("server.pem"), cert("server-key.pem"))) return;
    serverSaw = s.tlsVersion();
    greet(s, "250 mx.test\r\n");
    deliver(s, 1);
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(implicitTlsSettings(srv.port()), simpleMessage()));
  srv.join();
  ASSERT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  const TlsResult& t = c.tlsResult();
  EXPECT_TRUE(t.negotiatedProtocol == "TLS1.3" || t.negotiatedProtocol == "TLS1.2") << t.negotiatedProtocol;
  EXPECT_EQ(t.negotiatedProtocol, serverSaw);
  EXPECT_FALSE(t.cipherSuite.empty());
  EXPECT_EQ(t.sslError, 0);
  ASSERT_TRUE(t.serverCert.has_value());
  EXPECT_EQ(t.serverCert->issuedTo, "localhost");
  EXPECT_EQ(t.serverCert->issuedBy, "mailhive Test CA");
  EXPECT_TRUE(t.serverCert->verifyErrors.empty());
  EXPECT_FALSE(t.serverCert->isSelfSigned);
  EXPECT_NE(srv.received().find("DATA\r\n"), std::string::npos);
}

TEST(SmtpCertificates, ConnectingByIpMatchesTheIpAltName) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("server.pem", "server-key.pem", [](smtp::Settings& s) { s.serverName = "127.0.0.1"; });
  EXPECT_TRUE(r.o.ok()) << r.o.errCode << " sslError " << r.o.sslError << " " << r.o.errDesc;
}

TEST(SmtpCertificates, ExpectedHostNameIsWhatIsChecked) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("server.pem", "server-key.pem",
                            [](smtp::Settings& s) { s.ssl.expectedHostName = "wrong.example"; });
  EXPECT_EQ(r.o.errCode, kTlsHandshakeFailed) << r.o.errDesc;
  EXPECT_EQ(r.o.sslError, kSslHostMismatch);
  // ...and the right expectedHostName rescues a connection by a name the certificate does not carry.
  TlsRun ok = runImplicitTls("wronghost.pem", "wronghost-key.pem",
                             [](smtp::Settings& s) { s.ssl.expectedHostName = "wrong.example"; });
  EXPECT_TRUE(ok.o.ok()) << ok.o.errCode << " sslError " << ok.o.sslError << " " << ok.o.errDesc;
}

TEST(SmtpCertificates, PinnedSelfSignedCertWithoutVerification) {
  REQUIRE_CERTS();
  const std::string pin = sha256OfCertFile(cert("selfsigned.pem"));
  ASSERT_EQ(pin.size(), 64u);
  TlsRun r = runImplicitTls("selfsigned.pem", "selfsigned-key.pem", [&](smtp::Settings& s) {
    s.ssl.verifyServerCert = false;
    s.ssl.pinSha256 = pin;
  });
  EXPECT_TRUE(r.o.ok()) << r.o.errCode << " sslError " << r.o.sslError << " " << r.o.errDesc;

  // The usual printed form (upper case, colons) and a list of pins are accepted too.
  std::string printed;
  for (size_t i = 0; i < pin.size(); i += 2) printed += (i ? ":" : "") + std::string(pin, i, 2);
  for (auto& ch : printed) ch = static_cast<char>(toupper(static_cast<unsigned char>(ch)));
  TlsRun r2 = runImplicitTls("selfsigned.pem", "selfsigned-key.pem", [&](smtp::Settings& s) {
    s.ssl.verifyServerCert = false;
    s.ssl.pinSha256 = std::string(64, 'a') + "," + printed;
  });
  EXPECT_TRUE(r2.o.ok()) << r2.o.errCode << " sslError " << r2.o.sslError << " " << r2.o.errDesc;
}

TEST(SmtpCertificates, WrongPinIsUntrusted) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("selfsigned.pem", "selfsigned-key.pem", [](smtp::Settings& s) {
    s.ssl.verifyServerCert = false;
    s.ssl.pinSha256 = std::string(64, '0');
  });
  EXPECT_EQ(r.o.errCode, kTlsHandshakeFailed) << r.o.errDesc;
  EXPECT_EQ(r.o.sslError, kSslUntrusted);
  EXPECT_EQ(r.received, "");
}

TEST(SmtpCertificates, Tls12Only) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("server.pem", "server-key.pem", [](smtp::Settings& s) { s.ssl.protocol = kProtoTls12; });
  ASSERT_TRUE(r.o.ok()) << r.o.errCode << " " << r.o.errDesc;
  EXPECT_EQ(r.tls.negotiatedProtocol, "TLS1.2");
}

TEST(SmtpCertificates, ClientCertificateIsPresented) {
  REQUIRE_CERTS();
  std::string peer;
  ScriptedServer srv([&](ScriptedServer& s) {
    if (!s.startTls(cert("server.pem"), cert("server-key.pem"), true, cert("ca.pem"))) {
      ADD_FAILURE() << "server handshake failed: " << s.tlsError();
      return;
    }
    peer = s.peerCertSubject();
    greet(s, "250 mx.test\r\n");
    deliver(s, 1);
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = implicitTlsSettings(srv.port());
  st.ssl.clientCertPath = cert("client.pem");
  st.ssl.clientKeyPath = cert("client-key.pem");
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_NE(peer.find("mailhive test client"), std::string::npos) << "the server saw: \"" << peer << "\"";
}

TEST(SmtpCertificates, MissingClientCertFileIs10) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("server.pem", "server-key.pem", [](smtp::Settings& s) {
    s.ssl.clientCertPath = certDir() + "/no-such-client.pem";
  });
  EXPECT_EQ(r.o.errCode, kTlsHandshakeFailed) << r.o.errDesc;
  EXPECT_EQ(r.o.sslError, kSslClientCertLoad);
  EXPECT_EQ(r.received, "");
}

TEST(SmtpCertificates, MissingTrustStoreIs11) {
  REQUIRE_CERTS();
  TlsRun r = runImplicitTls("server.pem", "server-key.pem",
                            [](smtp::Settings& s) { s.ssl.storePath = certDir() + "/no-such-ca.pem"; });
  EXPECT_EQ(r.o.errCode, kTlsHandshakeFailed) << r.o.errDesc;
  EXPECT_EQ(r.o.sslError, kSslTrustStoreLoad);
  EXPECT_EQ(r.received, "");
}

// ---------------------------------------------------------------------------------------------
// SMTP behaviour

TEST(SmtpSession, PipeliningSendsMailAndRcptsBeforeReadingReplies) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
    // Nothing is answered until MAIL and both RCPTs are in: a client that waits would deadlock.
    s.expect("MAIL FROM:<sender@example.com>");
    s.expect("RCPT TO:<b@example.org>");
    s.expect("RCPT TO:<c@example.org>");
    s.sendRaw("250 2.1.0 ok\r\n250 2.1.5 ok\r\n250 2.1.5 ok\r\n");
    s.expect("DATA");
    s.sendRaw("354 go ahead\r\n");
    s.readData();
    s.sendRaw("250 2.0.0 queued\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.timeout = 3;
  mime::Message m = simpleMessage();
  m.toAddr = "b@example.org, C <c@example.org>";
  Outcome o = runCall(c.send(st, m));
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
}

TEST(SmtpSession, WithoutPipeliningOneCommandAtATime) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 8BITMIME\r\n");
    auto step = [&](const char* command, const char* reply) {
      s.expect(command);
      EXPECT_TRUE(s.silentFor(150)) << "the client sent more before the reply to " << command;
      s.sendRaw(reply);
    };
    step("MAIL FROM:<sender@example.com>", "250 2.1.0 ok\r\n");
    step("RCPT TO:<b@example.org>", "250 2.1.5 ok\r\n");
    step("RCPT TO:<c@example.org>", "250 2.1.5 ok\r\n");
    step("DATA", "354 go ahead\r\n");
    s.readData();
    s.sendRaw("250 2.0.0 queued\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  mime::Message m = simpleMessage();
  m.toAddr = "b@example.org";
  m.ccAddr = "c@example.org";
  Outcome o = runCall(c.send(plainSettings(srv.port()), m));
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
}

TEST(SmtpSession, MultiLineReplyIsKeptWhole) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 8BITMIME\r\n");
    deliver(s, 1, "250-2.0.0 queued as ABC\r\n250-second line\r\n250 third line\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  srv.join();
  ASSERT_TRUE(o.ok()) << o.errDesc;
  EXPECT_EQ(c.lastReply(), "250-2.0.0 queued as ABC\r\n250-second line\r\n250 third line");
}

TEST(SmtpSession, RepliesSplitIntoSingleBytesAndBareLfAreRead) {
  ScriptedServer srv([](ScriptedServer& s) {
    for (char ch : std::string(kGreeting)) {
      s.sendRaw(std::string(1, ch));
      s.sleepMs(1);
    }
    s.expect("EHLO client.test");
    for (char ch : "250-mx.test\n250-PIPELINING\n250 SIZE\n"s) {
      s.sendRaw(std::string(1, ch));
      s.sleepMs(1);
    }
    s.expect("MAIL FROM:<sender@example.com> SIZE=");
    s.expect("RCPT TO:<rcpt@example.org>");
    s.sendRaw("250 ok\n250 ok\n");
    s.expect("DATA");
    s.sendRaw("354 go\n");
    s.readData();
    s.sendRaw("250 ok\n");
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_EQ(c.capabilities(), (std::vector<std::string>{"PIPELINING", "SIZE"}));
}

TEST(SmtpSession, RejectedRecipientFails123WithoutData) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 8BITMIME\r\n");
    s.expect("MAIL FROM:<sender@example.com>");
    s.sendRaw("250 2.1.0 ok\r\n");
    s.expect("RCPT TO:<b@example.org>");
    s.sendRaw("250 2.1.5 ok\r\n");
    s.expect("RCPT TO:<nobody@example.org>");
    s.sendRaw("550 5.1.1 no such user\r\n");
    s.expect("QUIT");  // not DATA
    s.sendRaw("221 bye\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  mime::Message m = simpleMessage();
  m.toAddr = "b@example.org, nobody@example.org";
  Outcome o = runCall(c.send(plainSettings(srv.port()), m));
  EXPECT_EQ(o.errCode, kRecipientRejected) << o.errDesc;
  EXPECT_EQ(o.serverResponse, "550 5.1.1 no such user");
  EXPECT_EQ(c.refusedRecipients(), std::vector<std::string>{"nobody@example.org"});
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(srv.received().find("DATA"), std::string::npos);
}

TEST(SmtpSession, RefusedRecipientsAllowedStillDelivers) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 PIPELINING\r\n");
    s.expect("MAIL FROM:<sender@example.com>");
    s.expect("RCPT TO:<nobody@example.org>");
    s.expect("RCPT TO:<b@example.org>");
    s.sendRaw("250 2.1.0 ok\r\n550 5.1.1 no such user\r\n250 2.1.5 ok\r\n");
    s.expect("DATA");
    s.sendRaw("354 go ahead\r\n");
    s.readData();
    s.sendRaw("250 2.0.0 queued\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.allowRefusedRecipients = true;
  mime::Message m = simpleMessage();
  m.toAddr = "nobody@example.org, b@example.org";
  Outcome o = runCall(c.send(st, m));
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_EQ(c.refusedRecipients(), std::vector<std::string>{"nobody@example.org"});
  EXPECT_NE(srv.received().find("\r\nDATA\r\n"), std::string::npos);
}

TEST(SmtpSession, EveryRecipientRefusedIs123EvenWhenAllowed) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250 mx.test\r\n");
    s.expect("MAIL FROM:<sender@example.com>");
    s.sendRaw("250 ok\r\n");
    s.expect("RCPT TO:<nobody@example.org>");
    s.sendRaw("550 5.1.1 no such user\r\n");
    s.expect("QUIT");
    s.sendRaw("221 bye\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.allowRefusedRecipients = true;
  mime::Message m = simpleMessage();
  m.toAddr = "nobody@example.org";
  Outcome o = runCall(c.send(st, m));
  runCall(c.disconnect());
  srv.join();
  EXPECT_EQ(o.errCode, kRecipientRejected);
}

TEST(SmtpSession, SenderRejectedIs122) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250 mx.test\r\n");
    s.expect("MAIL FROM:<sender@example.com>");
    s.sendRaw("550 5.7.1 sender denied\r\n");
    s.expect("QUIT");  // no RCPT after a refused MAIL
    s.sendRaw("221 bye\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  runCall(c.disconnect());
  srv.join();
  EXPECT_EQ(o.errCode, kSenderRejected) << o.errDesc;
  EXPECT_EQ(o.serverResponse, "550 5.7.1 sender denied");
  EXPECT_EQ(c.lastReply().find("550 5.7.1"), std::string::npos) << "lastReply is QUIT's now";
}

TEST(SmtpSession, FinalRejectionAfterDataIs124) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250 mx.test\r\n");
    deliver(s, 1, "554 5.7.0 message refused: spam\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kDataRejected) << o.errDesc;
  EXPECT_EQ(o.serverResponse, "554 5.7.0 message refused: spam");
  EXPECT_EQ(c.lastReply(), "554 5.7.0 message refused: spam");
}

TEST(SmtpSession, DataCommandRefusedIs124) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250 mx.test\r\n");
    s.expect("MAIL FROM:");
    s.sendRaw("250 ok\r\n");
    s.expect("RCPT TO:");
    s.sendRaw("250 ok\r\n");
    s.expect("DATA");
    s.sendRaw("554 5.5.1 no valid recipients\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kDataRejected) << o.errDesc;
}

TEST(SmtpSession, MessageLargerThanSizeLimitIs126AndNoMailIsSent) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 SIZE 100\r\n");
    s.expect("QUIT");
    s.sendRaw("221 bye\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  mime::Message m = simpleMessage();
  m.bodyText = std::string(1000, 'x');
  Outcome o = runCall(c.send(plainSettings(srv.port()), m));
  runCall(c.disconnect());
  srv.join();
  EXPECT_EQ(o.errCode, kMessageTooLarge) << o.errDesc;
  EXPECT_EQ(srv.received(), "EHLO client.test\r\nQUIT\r\n");
}

TEST(SmtpSession, SizeParameterIsTheSizeOfTheMessageSent) {
  std::string mailLine, msg;
  ScriptedServer srv([&](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 SIZE 10000000\r\n");
    mailLine = s.expect("MAIL FROM:<sender@example.com>");
    s.sendRaw("250 ok\r\n");
    s.expect("RCPT TO:");
    s.sendRaw("250 ok\r\n");
    s.expect("DATA");
    s.sendRaw("354 go\r\n");
    msg = s.readData();
    s.sendRaw("250 ok\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  mime::Message m = simpleMessage();
  m.bodyText = ".leading dot\r\nline two\r\n";
  Outcome o = runCall(c.send(plainSettings(srv.port()), m));
  srv.join();
  ASSERT_TRUE(o.ok()) << o.errDesc;
  EXPECT_EQ(mailLine, "MAIL FROM:<sender@example.com> SIZE=" + std::to_string(msg.size()));
}

TEST(SmtpSession, SecondSendAfterASuccessNeedsNoRset) {
  // The final 250 ended the transaction (RFC 5321 4.1.1.4): the next MAIL follows directly.
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 8BITMIME\r\n");
    deliver(s, 1);
    deliver(s, 1);
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  Outcome o1 = runCall(c.send(st, simpleMessage()));
  Outcome o2 = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_TRUE(o1.ok()) << o1.errDesc;
  EXPECT_TRUE(o2.ok()) << o2.errCode << " " << o2.errDesc;
  EXPECT_EQ(srv.accepted(), 1);
  EXPECT_EQ(count(srv.received(), "EHLO"), 1u);
  EXPECT_EQ(count(srv.received(), "RSET"), 0u) << srv.received();
  EXPECT_NE(srv.received().find("\r\n.\r\nMAIL FROM:<sender@example.com>"), std::string::npos) << srv.received();
}

struct EachResult {
  size_t index;
  Outcome outcome;
  std::vector<std::string> refused;
  std::string messageId;
};

std::vector<EachResult> sendMany(smtp::Client& c, const smtp::Settings& st, std::vector<mime::Message> msgs, Outcome* all = nullptr) {
  std::vector<EachResult> out;
  Outcome o = runCall(c.sendMany(st, std::move(msgs), [&](size_t i, std::exception_ptr e) {
    out.push_back({i, outcomeOf(e), c.refusedRecipients(), c.lastMessageId()});
  }));
  if (all) *all = o;
  return out;
}

TEST(SmtpSendMany, NextEnvelopeRidesBehindTheFinalDot) {
  std::vector<std::string> beforeReply;  // what the server had read when it answered each dot
  ScriptedServer srv([&](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 PIPELINING\r\n");
    for (int m = 0; m < 3; ++m) {
      if (m == 0) {
        s.expect("MAIL FROM:<sender@example.com>");
        s.expect("RCPT TO:<");
        s.expect("DATA");
      }
      s.sendRaw("250 ok\r\n250 ok\r\n354 go\r\n");
      s.readData();
      if (m < 2) {
        // The client must not wait for the dot's reply before sending the next envelope.
        beforeReply.push_back(s.expect("MAIL FROM:<sender@example.com>"));
        s.expect("RCPT TO:<");
        s.expect("DATA");
      }
      s.sendRaw("250 2.0.0 queued " + std::to_string(m) + "\r\n");
    }
  }, 1, std::chrono::milliseconds(3000));
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  Outcome all;
  auto r = sendMany(c, st, {simpleMessage(), simpleMessage(), simpleMessage()}, &all);
  srv.join();
  EXPECT_TRUE(all.ok()) << all.errDesc;
  ASSERT_EQ(r.size(), 3u);
  for (size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r[i].index, i);
    EXPECT_TRUE(r[i].outcome.ok()) << i << ": " << r[i].outcome.errCode << " " << r[i].outcome.errDesc;
    EXPECT_FALSE(r[i].messageId.empty());
  }
  EXPECT_NE(r[0].messageId, r[1].messageId);
  EXPECT_EQ(beforeReply.size(), 2u);
  EXPECT_EQ(count(srv.received(), "RSET"), 0u) << srv.received();
  EXPECT_EQ(count(srv.received(), "\r\n.\r\nMAIL FROM:"), 2u) << srv.received();
  EXPECT_EQ(c.lastReply(), "250 2.0.0 queued 2");
}

TEST(SmtpSendMany, EachMessageGetsItsOwnOutcome) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 PIPELINING\r\n");
    // m0: delivered. m1 has no recipient: refused locally, nothing is sent for it (and it is not
    // pipelined behind m0's dot).
    s.expect("MAIL FROM:");
    s.expect("RCPT TO:");
    s.expect("DATA");
    s.sendRaw("250 ok\r\n250 ok\r\n354 go\r\n");
    s.readData();
    s.sendRaw("250 queued 0\r\n");
    // m2: its recipient is refused (and so is the pipelined DATA).
    s.expect("MAIL FROM:");
    s.expect("RCPT TO:<nobody@example.com>");
    s.expect("DATA");
    s.sendRaw("250 ok\r\n550 5.1.1 no such user\r\n554 5.5.1 no valid recipients\r\n");
    // m3: after the failed transaction, RSET first.
    s.expect("RSET");
    s.expect("MAIL FROM:");
    s.expect("RCPT TO:");
    s.expect("DATA");
    s.sendRaw("250 reset\r\n250 ok\r\n250 ok\r\n354 go\r\n");
    s.readData();
    s.sendRaw("250 queued 3\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  mime::Message noRcpt = simpleMessage();
  noRcpt.toAddr = "";
  mime::Message refused = simpleMessage();
  refused.toAddr = "nobody@example.com";
  auto r = sendMany(c, st, {simpleMessage(), noRcpt, refused, simpleMessage()});
  srv.join();
  ASSERT_EQ(r.size(), 4u);
  EXPECT_TRUE(r[0].outcome.ok()) << r[0].outcome.errDesc;
  EXPECT_EQ(r[1].outcome.errCode, kNoSenderOrRecipient);
  EXPECT_EQ(r[2].outcome.errCode, kRecipientRejected);
  EXPECT_EQ(r[2].refused, std::vector<std::string>{"nobody@example.com"});
  EXPECT_TRUE(r[3].outcome.ok()) << r[3].outcome.errCode << " " << r[3].outcome.errDesc;
  EXPECT_TRUE(r[3].refused.empty());
  EXPECT_EQ(count(srv.received(), "MAIL FROM:"), 3u) << srv.received();
  EXPECT_EQ(srv.accepted(), 1);
}

TEST(SmtpSendMany, A421ToTheDotMeansANewConnectionForTheNextMessage) {
  std::atomic<int> conn{0};
  ScriptedServer srv([&](ScriptedServer& s) {
    int n = conn++;
    greet(s, "250-mx.test\r\n250 PIPELINING\r\n");
    s.expect("MAIL FROM:");
    s.expect("RCPT TO:");
    s.expect("DATA");
    s.sendRaw("250 ok\r\n250 ok\r\n354 go\r\n");
    s.readData();
    if (n == 0) {
      s.expect("MAIL FROM:");  // the next envelope, pipelined: it must not count as sent
      s.sendRaw("421 4.3.2 shutting down\r\n");
      s.close();
      return;
    }
    s.sendRaw("250 queued\r\n");
  }, 2);
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  auto r = sendMany(c, st, {simpleMessage(), simpleMessage()});
  srv.join();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].outcome.errCode, kDataRejected);
  EXPECT_TRUE(r[1].outcome.ok()) << r[1].outcome.errCode << " " << r[1].outcome.errDesc;
  EXPECT_EQ(srv.accepted(), 2);
}

TEST(SmtpSendMany, AnAbortEndsEveryMessageNotYetDone) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 PIPELINING\r\n");
    s.expect("MAIL FROM:");
    s.sleepMs(3000);  // never answers in time
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  std::thread aborter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    c.abort();
  });
  auto r = sendMany(c, st, {simpleMessage(), simpleMessage(), simpleMessage()});
  aborter.join();
  srv.join();
  ASSERT_EQ(r.size(), 3u);
  for (auto& x : r) EXPECT_EQ(x.outcome.errCode, kAborted) << x.index;
  EXPECT_EQ(count(srv.received(), "MAIL FROM:"), 1u);
  EXPECT_FALSE(c.connected());
}

// An attachment file that shrinks or vanishes while it is being sent: part of the data is already out,
// so the only safe end is to drop the connection without the final dot (nothing is delivered).
void attachmentChangesDuringData(bool vanish) {
  char path[] = "/tmp/mailhive-att-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  std::string block(1 << 20, 'A');
  ASSERT_EQ(::write(fd, block.data(), block.size()), static_cast<ssize_t>(block.size()));
  ::close(fd);
  bool sawDot = false;
  ScriptedServer srv([&](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 PIPELINING\r\n");
    s.expect("MAIL FROM:");
    s.expect("RCPT TO:");
    s.expect("DATA");
    if (vanish) ::unlink(path);
    else EXPECT_EQ(::truncate(path, 100 * 1024), 0);
    s.sendRaw("250 ok\r\n250 ok\r\n354 go\r\n");
    for (;;) {
      std::string line = s.readLine();
      if (line == ".") sawDot = true;
      if (line.empty() && (s.eof() || s.timedOut())) break;
      if (sawDot) s.sendRaw("250 queued\r\n");
    }
  });
  smtp::Client c(BlockingReactor::instance());
  mime::Message m = simpleMessage();
  mime::Attachment a;
  a.filename = "big.bin";
  a.path = path;
  a.size = block.size();
  m.attachments.push_back(a);
  Outcome o = runCall(c.send(plainSettings(srv.port()), m));
  srv.join();
  ::unlink(path);
  EXPECT_FALSE(o.ok());
  EXPECT_FALSE(sawDot) << "the server got a complete message";
  EXPECT_FALSE(c.connected());
}

TEST(SmtpSession, AttachmentFileVanishingDuringDataDropsTheConnectionWithoutTheDot) {
  attachmentChangesDuringData(true);
}

TEST(SmtpSession, AttachmentFileShrinkingDuringDataDropsTheConnectionWithoutTheDot) {
  attachmentChangesDuringData(false);
}

TEST(SmtpSession, SendAfterAFailedTransactionStartsWithPipelinedRset) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 PIPELINING\r\n");
    // One recipient: DATA rides in the same group; with no valid recipient the server refuses it.
    s.expect("MAIL FROM:");
    s.expect("RCPT TO:");
    s.expect("DATA");
    s.sendRaw("250 ok\r\n550 5.1.1 no such user\r\n554 5.5.1 no valid recipients\r\n");
    s.expect("RSET");
    s.expect("MAIL FROM:");
    s.expect("RCPT TO:");
    s.expect("DATA");
    s.sendRaw("250 reset\r\n250 ok\r\n250 ok\r\n354 go\r\n");
    s.readData();
    s.sendRaw("250 ok\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  Outcome o1 = runCall(c.send(st, simpleMessage()));
  Outcome o2 = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_EQ(o1.errCode, kRecipientRejected);
  EXPECT_TRUE(o2.ok()) << o2.errCode << " " << o2.errDesc;
  EXPECT_EQ(srv.accepted(), 1);
}

// A server that answers 354 to a pipelined DATA although the only recipient was refused: the client
// must not send a dot (that would deliver an empty message); it drops the connection instead.
TEST(SmtpSession, PipelinedDataAcceptedAfterARefusalDropsTheConnection) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 PIPELINING\r\n");
    s.expect("MAIL FROM:");
    s.expect("RCPT TO:");
    s.expect("DATA");
    s.sendRaw("250 ok\r\n550 5.1.1 no such user\r\n354 go ahead anyway\r\n");
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kRecipientRejected);
  EXPECT_FALSE(c.connected());
  std::string got = srv.received();
  EXPECT_EQ(got.substr(got.find("DATA\r\n") + 6), "") << "nothing may follow DATA";
}

TEST(SmtpSession, BccGetsRcptButNoHeader) {
  std::string msg;
  ScriptedServer srv([&](ScriptedServer& s) {
    greet(s, "250 mx.test\r\n");
    s.expect("MAIL FROM:<sender@example.com>");
    s.sendRaw("250 ok\r\n");
    s.expect("RCPT TO:<rcpt@example.org>");
    s.sendRaw("250 ok\r\n");
    s.expect("RCPT TO:<hidden@example.net>");
    s.sendRaw("250 ok\r\n");
    s.expect("DATA");
    s.sendRaw("354 go\r\n");
    msg = s.readData();
    s.sendRaw("250 ok\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  mime::Message m = simpleMessage();
  m.bccAddr = "Hidden Person <hidden@example.net>";
  Outcome o = runCall(c.send(plainSettings(srv.port()), m));
  srv.join();
  ASSERT_TRUE(o.ok()) << o.errDesc;
  EXPECT_EQ(lower(msg).find("bcc"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("hidden@example.net"), std::string::npos) << msg;
  EXPECT_NE(msg.find("rcpt@example.org"), std::string::npos) << msg;
}

TEST(SmtpSession, BodySmugglingVectorsNeverReachTheWire) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250 mx.test\r\n");
    deliver(s, 1);
    s.expect("QUIT");  // a smuggled "MAIL FROM:<evil>" would show up here instead
    s.sendRaw("221 bye\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  mime::Message m = simpleMessage();
  m.bodyText = "a\n.\nMAIL FROM:<evil@example.com>\nb\r.\rRCPT TO:<evil@example.com>\r\nc\r\n.\r\nDATA\n.\r\nd\re\n";
  Outcome o = runCall(c.send(plainSettings(srv.port()), m));
  EXPECT_TRUE(o.ok()) << o.errDesc;
  runCall(c.disconnect());
  srv.join();
  const std::string rx = srv.received();
  EXPECT_TRUE(onlyCrlf(rx));
  size_t start = rx.find("\r\nDATA\r\n");
  ASSERT_NE(start, std::string::npos);
  start += 8;
  size_t end = rx.find("\r\n.\r\n", start - 2);
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(rx.substr(end + 5), "QUIT\r\n") << "the data ended early:\n" << rx;
  std::istringstream lines(rx.substr(start, end + 2 - start));
  for (std::string line; std::getline(lines, line);) EXPECT_NE(line, ".\r") << "a \".\" line inside the data";
  EXPECT_EQ(count(rx, "MAIL FROM:<evil"), count(rx, "\r\nMAIL FROM:<evil")) << "evil text appears, stuffed or not";
}

TEST(SmtpAuth, AutoPicksCramMd5AndAnswersTheChallenge) {
  std::string answer, expected;
  ScriptedServer srv([&](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 AUTH LOGIN PLAIN CRAM-MD5\r\n");
    s.expect("AUTH CRAM-MD5");
    const std::string challenge = "<1896.697170952@postoffice.reston.mci.net>";
    s.sendRaw("334 " + base64Encode(challenge) + "\r\n");
    answer = base64Decode(s.readLine());
    unsigned char digest[16];
    const std::string password = "tanstaaftanstaaf";
    gnutls_hmac_fast(GNUTLS_MAC_MD5, password.data(), password.size(), challenge.data(), challenge.size(), digest);
    expected = "tim ";
    static const char* hex = "0123456789abcdef";
    for (unsigned char b : digest) {
      expected += hex[b >> 4];
      expected += hex[b & 15];
    }
    s.sendRaw(answer == expected ? "235 2.7.0 ok\r\n" : "535 5.7.8 bad\r\n");
    deliver(s, 1);
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.userName = "tim";
  st.password = "tanstaaftanstaaf";
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_EQ(answer, expected);
  EXPECT_EQ(answer, "tim b913a602c7eda7a495b4e6e7334d3890");  // RFC 2195's own example
}

TEST(SmtpAuth, LowerCaseAuthKeywordsAreUnderstood) {
  std::string authLine;
  ScriptedServer srv([&](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 auth plain\r\n");
    authLine = s.expect("AUTH");
    s.sendRaw("235 ok\r\n");
    deliver(s, 1);
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_EQ(authLine, "AUTH PLAIN " + base64Encode("\0test\0secret"s));
}

TEST(SmtpAuth, WrongPasswordIs114AndTheRequestIsMasked) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 AUTH PLAIN\r\n");
    s.expect("AUTH PLAIN ");
    s.sendRaw("535 5.7.8 Authentication credentials invalid\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kBadCredentials) << o.errDesc;
  EXPECT_EQ(o.serverResponse, "535 5.7.8 Authentication credentials invalid");
  EXPECT_EQ(c.lastRequest(), "AUTH PLAIN ****");
  EXPECT_EQ(srv.received().find("MAIL"), std::string::npos);
}

TEST(SmtpAuth, NoAuthOfferedIs111) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 8BITMIME\r\n");
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kNoAuthOffered) << o.errDesc;
  // A session that failed to open is dropped, never reused half-open: no MAIL, no QUIT.
  EXPECT_EQ(srv.received(), "EHLO client.test\r\n");
  EXPECT_FALSE(c.connected());
}

TEST(SmtpAuth, RequestedMethodNotOfferedIs112) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 AUTH PLAIN LOGIN\r\n");
    s.drain();
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.userName = "test";
  st.password = "token";
  st.authMethod = smtp::kAuthXoauth2;
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kAuthMethodNotOffered) << o.errDesc;
  EXPECT_EQ(srv.received(), "EHLO client.test\r\n");
  EXPECT_FALSE(c.connected());
}

// ---------------------------------------------------------------------------------------------
// Broken servers, networks and timing

TEST(SmtpFailures, HugeReplyLineIs116WithBoundedMemory) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kGreeting);
    s.expect("EHLO client.test");
    s.sendRaw("250-" + std::string(2 * 1024 * 1024, 'x') + "\r\n250 ok\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kProtocolError) << o.errDesc;
  EXPECT_LT(o.serverResponse.size(), 64u * 1024);
  EXPECT_LT(c.lastReply().size(), 64u * 1024);
  EXPECT_LT(o.errDesc.size(), 1024u);
  EXPECT_FALSE(c.connected());
}

TEST(SmtpFailures, StalledServerTimesOutThenTheSameClientSendsAgain) {
  ScriptedServer srv(
      [](ScriptedServer& s) {
        if (s.connection() == 0) {
          s.sendRaw(kGreeting);
          s.expect("EHLO client.test");
          s.drain();  // never answers
          return;
        }
        greet(s, "250 mx.test\r\n");
        deliver(s, 1);
      },
      2);
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.timeout = 1;
  Outcome o = runCall(c.send(st, simpleMessage()));
  EXPECT_EQ(o.errCode, kTimeout) << o.errDesc;
  EXPECT_FALSE(c.connected());
  Outcome o2 = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_TRUE(o2.ok()) << o2.errCode << " " << o2.errDesc;
  EXPECT_EQ(srv.accepted(), 2);
}

TEST(SmtpFailures, DeadlineEndsADrippingServer) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kGreeting);
    s.expect("EHLO client.test");
    for (int i = 0; i < 30; ++i) {
      if (!s.sendRaw("250-x\r\n")) break;
      s.sleepMs(300);
    }
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.timeout = 30;
  st.deadline = 1;
  Outcome o = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kTimeout) << o.errDesc;
  EXPECT_FALSE(c.connected());
}

TEST(SmtpFailures, ServerClosingMidReplyIs6) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kGreeting);
    s.expect("EHLO client.test");
    s.sendRaw("250-mx.test\r\n250-PIPELINING\r\n");
    s.close();
  });
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  srv.join();
  EXPECT_EQ(o.errCode, kClosedByServer) << o.errDesc;
  EXPECT_FALSE(c.connected());
}

TEST(SmtpFailures, GreetingRefusedIs4AndUnexpectedGreetingIs116) {
  ScriptedServer srv(
      [](ScriptedServer& s) {
        s.sendRaw(s.connection() == 0 ? "554 5.3.2 no service for you\r\n" : "250 hello?\r\n");
        s.drain();
      },
      2);
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  EXPECT_EQ(o.errCode, kConnectionRefused) << o.errDesc;
  EXPECT_EQ(o.serverResponse, "554 5.3.2 no service for you");
  Outcome o2 = runCall(c.send(plainSettings(srv.port()), simpleMessage()));
  EXPECT_EQ(o2.errCode, kProtocolError) << o2.errDesc;
  srv.join();
  EXPECT_EQ(srv.received(), "");
}

TEST(SmtpFailures, ClosedPortIs4) {
  smtp::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.send(plainSettings(closedPort()), simpleMessage()));
  EXPECT_EQ(o.errCode, kConnectionRefused) << o.errDesc;
}

TEST(SmtpFailures, UnknownHostIs3) {
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(25);
  st.serverName = "no-such-host.invalid";
  Outcome o = runCall(c.send(st, simpleMessage()));
  EXPECT_EQ(o.errCode, kHostNotResolved) << o.errDesc;
}

TEST(SmtpFailures, ConnectTwiceIs2) {
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250 mx.test\r\n");
    s.expect("QUIT");
    s.sendRaw("221 bye\r\n");
  });
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  EXPECT_TRUE(runCall(c.connect(st)).ok());
  EXPECT_TRUE(c.connected());
  EXPECT_EQ(runCall(c.connect(st)).errCode, kAlreadyConnected);
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  EXPECT_FALSE(c.connected());
  srv.join();
  EXPECT_EQ(srv.received(), "EHLO client.test\r\nQUIT\r\n");
}

// The first connection stalls after EHLO (and tells the test so); the second one delivers.
ScriptedServer::Script stallThenDeliver(std::promise<void>& stalled) {
  return [&stalled](ScriptedServer& s) {
    if (s.connection() == 0) {
      s.sendRaw(kGreeting);
      s.expect("EHLO client.test");
      stalled.set_value();
      s.drain();
      return;
    }
    greet(s, "250 mx.test\r\n");
    deliver(s, 1);
  };
}

TEST(SmtpAbort, AbortFromAnotherThreadOnTheBlockingReactor) {
  std::promise<void> stalled;
  auto isStalled = stalled.get_future();
  ScriptedServer srv(stallThenDeliver(stalled), 2);
  smtp::Client c(BlockingReactor::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.timeout = 30;
  std::thread aborter([&] {
    isStalled.wait_for(10s);
    c.abort();
  });
  Outcome o = runCall(c.send(st, simpleMessage()));
  aborter.join();
  EXPECT_EQ(o.errCode, kAborted) << o.errDesc;
  EXPECT_FALSE(c.connected());
  c.resetAbort();
  Outcome o2 = runCall(c.send(st, simpleMessage()));
  srv.join();
  EXPECT_TRUE(o2.ok()) << o2.errCode << " " << o2.errDesc;
}

TEST(SmtpAbort, AbortFromAnotherThreadOnTheEventLoop) {
  std::promise<void> stalled;
  auto isStalled = stalled.get_future();
  ScriptedServer srv(stallThenDeliver(stalled), 2);
  smtp::Client c(EventLoop::instance());
  smtp::Settings st = plainSettings(srv.port());
  st.timeout = 30;
  mime::Message m = simpleMessage();
  std::promise<Outcome> p;
  auto done = p.get_future();
  EventLoop::instance().post([&] { runDetached(c.send(st, m), [&](std::exception_ptr e) { p.set_value(outcomeOf(e)); }); });
  isStalled.wait_for(10s);
  c.abort();
  if (done.wait_for(20s) != std::future_status::ready) {
    ADD_FAILURE() << "abort() did not end the call";
    srv.join();  // the server gives up after 5 s; the client then sees the close
  }
  Outcome o = done.get();
  loopBarrier();
  EXPECT_EQ(o.errCode, kAborted) << o.errDesc;
  c.resetAbort();
  Outcome o2 = sendOnLoop(c, st, m);
  srv.join();
  EXPECT_TRUE(o2.ok()) << o2.errCode << " " << o2.errDesc;
}

// ---------------------------------------------------------------------------------------------
// The event-driven driver

TEST(SmtpEventLoop, FullSendWithStartTlsAndAuth) {
  REQUIRE_CERTS();
  ScriptedServer srv([](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
    s.expect("STARTTLS");
    s.sendRaw("220 go\r\n");
    if (!s.startTls(cert("server.pem"), cert("server-key.pem"))) return;
    s.expect("EHLO client.test");
    s.sendRaw("250-mx.test\r\n250-PIPELINING\r\n250 AUTH LOGIN\r\n");
    s.expect("AUTH LOGIN");
    s.sendRaw("334 VXNlcm5hbWU6\r\n");
    EXPECT_EQ(base64Decode(s.readLine()), "test");
    s.sendRaw("334 UGFzc3dvcmQ6\r\n");
    EXPECT_EQ(base64Decode(s.readLine()), "secret");
    s.sendRaw("235 ok\r\n");
    s.expect("MAIL FROM:<sender@example.com>");
    s.expect("RCPT TO:<rcpt@example.org>");
    s.sendRaw("250 ok\r\n250 ok\r\n");
    s.expect("DATA");
    s.sendRaw("354 go\r\n");
    std::string msg = s.readData();
    EXPECT_NE(msg.find("Subject: Hello"), std::string::npos);
    s.sendRaw("250 ok\r\n");
  });
  smtp::Client c(EventLoop::instance());
  smtp::Settings st = startTlsSettings(srv.port());
  st.userName = "test";
  st.password = "secret";
  Outcome o = sendOnLoop(c, st, simpleMessage());
  srv.join();
  EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_FALSE(c.tlsResult().negotiatedProtocol.empty());
}

TEST(SmtpEventLoop, FiftySlowServersInParallel) {
  constexpr int kN = 50;
  std::vector<std::unique_ptr<ScriptedServer>> servers;
  for (int i = 0; i < kN; ++i) {
    servers.push_back(std::make_unique<ScriptedServer>([](ScriptedServer& s) {
      s.sleepMs(100);
      s.sendRaw(kGreeting);
      s.expect("EHLO client.test");
      s.sleepMs(100);
      s.sendRaw("250 mx.test\r\n");
      for (const char* step : {"MAIL FROM:", "RCPT TO:", "DATA"}) {
        s.expect(step);
        s.sleepMs(100);
        s.sendRaw(step[0] == 'D' ? "354 go\r\n" : "250 ok\r\n");
      }
      s.readData();
      s.sleepMs(100);
      s.sendRaw("250 queued\r\n");
    }));
  }
  std::vector<std::unique_ptr<smtp::Client>> clients;
  std::vector<std::promise<Outcome>> promises(kN);
  std::vector<std::future<Outcome>> futures;
  for (int i = 0; i < kN; ++i) {
    clients.push_back(std::make_unique<smtp::Client>(EventLoop::instance()));
    futures.push_back(promises[i].get_future());
  }
  for (int i = 0; i < kN; ++i) {
    smtp::Settings st = plainSettings(servers[i]->port());
    st.timeout = 10;
    mime::Message m = simpleMessage();
    m.subject = "parallel " + std::to_string(i);
    EventLoop::instance().post([&, i, st, m] {
      runDetached(clients[i]->send(st, m), [&, i](std::exception_ptr e) { promises[i].set_value(outcomeOf(e)); });
    });
  }
  int ok = 0;
  for (int i = 0; i < kN; ++i) {
    if (futures[i].wait_for(60s) != std::future_status::ready) {
      ADD_FAILURE() << "client " << i << " did not finish";
      clients[i]->abort();
    }
    Outcome o = futures[i].get();
    EXPECT_TRUE(o.ok()) << "client " << i << ": " << o.errCode << " " << o.errDesc;
    ok += o.ok();
  }
  loopBarrier();
  EXPECT_EQ(ok, kN);
  for (auto& s : servers) s->join();
}

// ---------------------------------------------------------------------------------------------
// Logging

TEST(SmtpLogging, TranscriptMasksCredentials) {
  char path[] = "/tmp/mailhive-smtp-log-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ::close(fd);
  const std::string password = "s3cr3t-Pa55word";
  const std::string payload = base64Encode("\0test\0"s + password);
  ScriptedServer srv([&](ScriptedServer& s) {
    greet(s, "250-mx.test\r\n250 AUTH PLAIN\r\n");
    EXPECT_EQ(s.expect("AUTH PLAIN "), "AUTH PLAIN " + payload);
    s.sendRaw("235 ok\r\n");
    deliver(s, 1);
  });
  {
    smtp::Client c(BlockingReactor::instance());
    smtp::Settings st = plainSettings(srv.port());
    st.userName = "test";
    st.password = password;
    st.enableLogging = true;
    st.logFilePath = path;
    Outcome o = runCall(c.send(st, simpleMessage()));
    EXPECT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
    srv.join();
  }
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string log = ss.str();
  ::unlink(path);
  EXPECT_NE(log.find("EHLO client.test"), std::string::npos) << log;
  EXPECT_NE(log.find("AUTH PLAIN ****"), std::string::npos) << log;
  EXPECT_EQ(log.find(password), std::string::npos) << log;
  EXPECT_EQ(log.find(payload), std::string::npos) << log;
}

}  // namespace
