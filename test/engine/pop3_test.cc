// Tests of the POP3 engine (src/pop3/*): the I/O-free reply parsers byte by byte, sessions against
// scripted servers (the script is what the server answered, srv.received() is what the client sent,
// the Outcome / the Client's state is what the user saw), and sessions against the real Dovecot of
// scripts/mailstack.sh (POP3 10110 with STLS, 10995 with implicit TLS; user test / secret).
#include <arpa/inet.h>
#include <gnutls/crypto.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <future>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/codec.h"
#include "core/error.h"
#include "core/task.h"
#include "net/reactor.h"
#include "pop3/client.h"
#include "pop3/reply.h"
#include "proto/outcome.h"
#include "scripted_server.h"

using namespace mailhive;
using namespace std::string_literals;
using namespace std::chrono_literals;
using mailhive::scripted::ScriptedServer;

namespace {

// ---------------------------------------------------------------------------------------------
// Fixtures

std::string testDir() {
  const char* d = getenv("MAILHIVE_TEST_DIR");
  return std::string(d && *d ? d : "/tmp/mailhive-test");
}
std::string popCert(const std::string& name) { return testDir() + "/certs/" + name; }
bool fileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}
#define POP3_REQUIRE_CERTS()                                                                         \
  do {                                                                                               \
    if (!fileExists(popCert("ca.pem"))) GTEST_SKIP() << "test certificates missing: run scripts/certs.sh"; \
  } while (0)

// A call's value and what the user saw (the error fields of the mailer).
template <typename T>
struct Got {
  T value{};
  Outcome o;
};
template <typename T>
Got<T> get(Task<T> task) {
  Got<T> g;
  try {
    g.value = runBlocking(std::move(task));
  } catch (...) {
    g.o = outcomeOf(std::current_exception());  // rethrows ArgumentError
  }
  return g;
}

const char* const kPopGreeting = "+OK POP3 server ready\r\n";
const char* const kUserCapa = "+OK Capability list follows\r\nUSER\r\nTOP\r\nUIDL\r\n.\r\n";
const std::string kLoginSent = "CAPA\r\nUSER joe\r\nPASS pw\r\n";

pop3::Settings popSettings(int port) {
  pop3::Settings s;
  s.serverName = "127.0.0.1";
  s.portNumber = port;
  s.userName = "joe";
  s.password = "pw";
  s.timeout = 5;
  s.ssl.autosetPortAndSsl = false;
  return s;
}

pop3::Settings popStlsSettings(int port) {
  pop3::Settings s = popSettings(port);
  s.serverName = "localhost";
  s.ssl.enabled = true;
  s.ssl.useStartTls = true;
  s.ssl.storeType = 1;
  s.ssl.storePath = popCert("ca.pem");
  return s;
}

// Server side: greeting, CAPA answered with `capa`, USER joe / PASS pw accepted.
void popLogin(ScriptedServer& s, const std::string& capa = kUserCapa) {
  s.sendRaw(kPopGreeting);
  s.expect("CAPA");
  s.sendRaw(capa);
  s.expect("USER joe");
  s.sendRaw("+OK\r\n");
  s.expect("PASS pw");
  s.sendRaw("+OK maildrop locked and ready\r\n");
}
void popQuit(ScriptedServer& s) {
  s.expect("QUIT");
  s.sendRaw("+OK bye\r\n");
}

// Dot-stuffs `text` (CRLF lines) and ends it with the "." line, as a server sends a multi-line body.
std::string stuffed(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\r\n", pos);
    std::string line = text.substr(pos, end - pos);
    if (!line.empty() && line[0] == '.') out += '.';
    out += line + "\r\n";
    pos = end + 2;
  }
  return out + ".\r\n";
}

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string tempLogPath(const char* name) {
  return "/tmp/mailhive-pop3-" + std::to_string(getpid()) + "-" + name + ".log";
}

// ---------------------------------------------------------------------------------------------
// Reply parsing, byte by byte

TEST(Pop3Reply, StatusLines) {
  auto ok = pop3::parseStatus("+OK 2 messages (320 octets)");
  EXPECT_TRUE(ok.ok);
  EXPECT_FALSE(ok.continuation);
  EXPECT_EQ(ok.text, "2 messages (320 octets)");
  EXPECT_TRUE(pop3::parseStatus("+OK").ok);
  EXPECT_EQ(pop3::parseStatus("+ok fine").text, "fine");
  auto err = pop3::parseStatus("-ERR [AUTH] invalid password");
  EXPECT_FALSE(err.ok);
  EXPECT_EQ(err.text, "[AUTH] invalid password");
  EXPECT_EQ(err.raw, "-ERR [AUTH] invalid password");
  auto cont = pop3::parseStatus("+ ", true);
  EXPECT_TRUE(cont.continuation);
  EXPECT_TRUE(pop3::parseStatus("+", true).continuation);
  EXPECT_EQ(pop3::parseStatus("+ Y2hhbGxlbmdl", true).text, "Y2hhbGxlbmdl");
  for (const char* bad : {"", "+ ", "+", "220 smtp.example.com ESMTP", "OK", "+OKAY", "-ERROR x", "* OK imap"}) {
    try {
      pop3::parseStatus(bad);
      ADD_FAILURE() << "accepted \"" << bad << "\"";
    } catch (const MailError& e) {
      EXPECT_EQ(e.errCode, kProtocolError) << bad;
    }
  }
}

TEST(Pop3Reply, StatListAndUidlLines) {
  auto st = pop3::parseStat("2 320");
  EXPECT_EQ(st.count, 2);
  EXPECT_EQ(st.size, 320u);
  EXPECT_EQ(pop3::parseStat("0 0 extra words").count, 0);
  EXPECT_EQ(pop3::parseStat("1 18446744073709551615").size, 18446744073709551615ull);
  auto l = pop3::parseListLine("7 1205");
  EXPECT_EQ(l.index, 7);
  EXPECT_EQ(l.size, 1205u);
  auto u = pop3::parseUidlLine("1 whqtswO00WBw418f9t5JxYwZ");
  EXPECT_EQ(u.index, 1);
  EXPECT_EQ(u.uid, "whqtswO00WBw418f9t5JxYwZ");
  EXPECT_EQ(pop3::parseUidlLine("2 " + std::string(70, 'x')).uid.size(), 70u);
  auto expect116 = [](auto fn, const std::string& what) {
    try {
      fn();
      ADD_FAILURE() << "accepted " << what;
    } catch (const MailError& e) {
      EXPECT_EQ(e.errCode, kProtocolError) << what;
    }
  };
  for (std::string bad : {"", "x 1", "2", "2 ", "-1 5", "99999999999 1", "2 3x", "1 18446744073709551616"}) {
    expect116([&] { pop3::parseStat(bad); }, "STAT \"" + bad + "\"");
  }
  for (std::string bad : {"", "0 10", "a 10", "3", "3 x"}) expect116([&] { pop3::parseListLine(bad); }, "LIST \"" + bad + "\"");
  for (std::string bad : std::vector<std::string>{"", "1", "1 ", "0 abc", "1 a b", "1 " + std::string(71, 'x'), "1 caf\xc3\xa9"}) {
    expect116([&] { pop3::parseUidlLine(bad); }, "UIDL \"" + bad + "\"");
  }
}

TEST(Pop3Reply, DotUnstuffingAndTheTerminator) {
  std::string line = "..leading dot";
  EXPECT_TRUE(pop3::unstuffLine(line));
  EXPECT_EQ(line, ".leading dot");
  line = "..";
  EXPECT_TRUE(pop3::unstuffLine(line));
  EXPECT_EQ(line, ".");
  line = "plain";
  EXPECT_TRUE(pop3::unstuffLine(line));
  EXPECT_EQ(line, "plain");
  line = "";
  EXPECT_TRUE(pop3::unstuffLine(line));
  line = ".";
  EXPECT_FALSE(pop3::unstuffLine(line));

  pop3::MultiLineCollector c(1000);
  EXPECT_FALSE(c.feed("Subject: x"));
  EXPECT_FALSE(c.feed(""));
  EXPECT_FALSE(c.feed(".."));
  EXPECT_FALSE(c.feed("...two"));
  EXPECT_TRUE(c.feed("."));
  EXPECT_EQ(c.text(), "Subject: x\r\n\r\n.\r\n..two\r\n");
  EXPECT_EQ(c.lineCount(), 4u);
}

TEST(Pop3Reply, CollectorRefusesToGrowPastItsBound) {
  pop3::MultiLineCollector c(10);
  EXPECT_FALSE(c.feed("12345678"));  // 10 bytes with CRLF
  try {
    c.feed("x");
    ADD_FAILURE() << "grew past 10 bytes";
  } catch (const MailError& e) {
    EXPECT_EQ(e.errCode, kProtocolError);
  }
}

TEST(Pop3Reply, ApopTimestampAndDigestOfRfc1939) {
  EXPECT_EQ(pop3::apopTimestamp("POP3 server ready <1896.697170952@dbc.mtview.ca.us>"),
            "<1896.697170952@dbc.mtview.ca.us>");
  EXPECT_EQ(pop3::apopTimestamp("Dovecot ready."), "");
  EXPECT_EQ(pop3::apopTimestamp("ready <no at sign>"), "");
  EXPECT_EQ(pop3::apopTimestamp("ready <unclosed@x"), "");
  // The example of RFC 1939 section 7.
  EXPECT_EQ(pop3::apopDigest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"), "c4c9334bac560ecc979e58001b3e22fb");
}

TEST(Pop3Reply, CapabilityLookup) {
  std::vector<std::string> caps{"TOP", "USER", "SASL PLAIN LOGIN", "STLS", "UIDL", "PIPELINING"};
  EXPECT_TRUE(pop3::hasCapability(caps, "stls"));
  EXPECT_TRUE(pop3::hasCapability(caps, "SASL"));
  EXPECT_FALSE(pop3::hasCapability(caps, "SAS"));
  EXPECT_FALSE(pop3::hasCapability(caps, "APOP"));
  EXPECT_TRUE(pop3::offersSasl(caps, "plain"));
  EXPECT_TRUE(pop3::offersSasl(caps, "LOGIN"));
  EXPECT_FALSE(pop3::offersSasl(caps, "CRAM-MD5"));
  EXPECT_FALSE(pop3::offersSasl({"USER", "PLAIN"}, "PLAIN"));
}

TEST(Pop3Settings, BadArgumentsThrowAndNothingIsSent) {
  pop3::Settings s = popSettings(1);
  EXPECT_NO_THROW(pop3::validate(s));
  s.userName = "joe\r\nDELE 1";
  EXPECT_THROW(pop3::validate(s), ArgumentError);
  s = popSettings(1);
  s.password = "a\nb";
  EXPECT_THROW(pop3::validate(s), ArgumentError);
  s = popSettings(1);
  s.serverName = "host\0x"s;
  EXPECT_THROW(pop3::validate(s), ArgumentError);
  for (int m : {0, 5, -1}) {
    s = popSettings(1);
    s.authMethod = m;
    EXPECT_THROW(pop3::validate(s), ArgumentError) << m;
  }
  s = popSettings(1);
  s.ssl.protocol = 9;
  EXPECT_THROW(pop3::validate(s), ArgumentError);

  ScriptedServer srv([](ScriptedServer& s) { s.drain(); });
  pop3::Client c(BlockingReactor::instance());
  pop3::Settings bad = popSettings(srv.port());
  bad.userName = "joe\r";
  EXPECT_THROW(runCall(c.connect(bad)), ArgumentError);
  EXPECT_EQ(srv.accepted(), 0);
  EXPECT_THROW(get(c.retrieveSingleMessage(-1)), ArgumentError);
  EXPECT_THROW(get(c.retrieveSingleMessageHeaders(1, -2)), ArgumentError);
}

// ---------------------------------------------------------------------------------------------
// STLS: the same rules as SMTP STARTTLS

TEST(Pop3Stls, NotOfferedFails11AndOnlyCapaWasSent) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw("+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popStlsSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslStartTlsRefused);
  EXPECT_EQ(c.tlsResult().sslError, kSslStartTlsRefused);
  EXPECT_EQ(srv.received(), "CAPA\r\n");  // no USER, no PASS, not even QUIT
  EXPECT_FALSE(c.connected());
}

TEST(Pop3Stls, CapaRefusedMeansNoStlsEither) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw("-ERR unknown command\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popStlsSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(srv.received(), "CAPA\r\n");
}

TEST(Pop3Stls, RefusedFails11AndNothingFollows) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw("+OK\r\nUSER\r\nSTLS\r\n.\r\n");
    s.expect("STLS");
    s.sendRaw("-ERR TLS not available right now\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popStlsSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kStartTlsNotOffered) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslStartTlsRefused);
  EXPECT_EQ(o.serverResponse, "-ERR TLS not available right now");
  EXPECT_EQ(srv.received(), "CAPA\r\nSTLS\r\n");
  EXPECT_FALSE(c.connected());
}

TEST(Pop3Stls, ReplyInjectedWithTheOkIsDetected) {
  POP3_REQUIRE_CERTS();
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw("+OK\r\nUSER\r\nSTLS\r\n.\r\n");
    s.expect("STLS");
    s.sendRaw("+OK Begin TLS negotiation\r\n+OK forged\r\n");  // one write: the forged reply rides along
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popStlsSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kTlsHandshakeFailed) << o.errDesc;
  EXPECT_EQ(o.sslError, kSslPlaintextInjection);
  EXPECT_EQ(srv.received(), "CAPA\r\nSTLS\r\n");  // not even a ClientHello
  EXPECT_FALSE(c.connected());
}

TEST(Pop3Stls, UpgradeReadsCapabilitiesAgainAndLogsInWithSaslPlain) {
  POP3_REQUIRE_CERTS();
  std::string authLine;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw("+OK\r\nUSER\r\nX-PRE-TLS\r\nSTLS\r\n.\r\n");
    s.expect("STLS");
    s.sendRaw("+OK Begin TLS negotiation\r\n");
    if (!s.startTls(popCert("server.pem"), popCert("server-key.pem"))) {
      ADD_FAILURE() << "server handshake failed: " << s.tlsError();
      return;
    }
    s.expect("CAPA");
    s.sendRaw("+OK\r\nUSER\r\nSASL PLAIN LOGIN\r\nUIDL\r\n.\r\n");
    authLine = s.expect("AUTH ");
    s.sendRaw("+OK Logged in.\r\n");
    popQuit(s);
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popStlsSettings(srv.port())));
  ASSERT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_TRUE(c.connected());
  EXPECT_EQ(c.capabilities(), (std::vector<std::string>{"USER", "SASL PLAIN LOGIN", "UIDL"}));
  EXPECT_FALSE(c.tlsResult().negotiatedProtocol.empty());
  EXPECT_EQ(c.lastRequest(), "AUTH PLAIN ****");
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(authLine, "AUTH PLAIN " + scripted::base64Encode("\0joe\0pw"s));
  EXPECT_EQ(srv.received().rfind("CAPA\r\nSTLS\r\nCAPA\r\nAUTH PLAIN ", 0), 0u) << srv.received();
  EXPECT_FALSE(c.connected());
}

// ---------------------------------------------------------------------------------------------
// Greeting and login

TEST(Pop3Login, MalformedGreetingIs116) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("220 mx.example.com ESMTP\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kProtocolError) << o.errDesc;
  EXPECT_EQ(srv.received(), "");
  EXPECT_FALSE(c.connected());
}

TEST(Pop3Login, ErrGreetingIsRefusedService) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw("-ERR too many connections\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kConnectionRefused) << o.errDesc;
  EXPECT_EQ(o.serverResponse, "-ERR too many connections");
}

TEST(Pop3Login, ApopDigestIsRightAndNeverLogged) {
  std::string apopLine;
  const std::string ts = "<4711.1700000000@pop.example.org>";
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw("+OK POP3 server ready " + ts + "\r\n");
    s.expect("CAPA");
    s.sendRaw("-ERR what is CAPA\r\n");
    apopLine = s.expect("APOP ");
    s.sendRaw("+OK maildrop has 0 messages\r\n");
    popQuit(s);
  });
  std::string log = tempLogPath("apop");
  std::remove(log.c_str());
  pop3::Client c(BlockingReactor::instance());
  pop3::Settings st = popSettings(srv.port());
  st.password = "tanstaaf-secret";
  st.enableLogging = true;
  st.logFilePath = log;
  Outcome o = runCall(c.connect(st));
  ASSERT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_TRUE(c.capabilities().empty());
  EXPECT_EQ(c.lastRequest(), "APOP joe ****");
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  // The server's side of the check, independent of the engine's code.
  std::string input = ts + "tanstaaf-secret";
  unsigned char md5[16];
  gnutls_hash_fast(GNUTLS_DIG_MD5, input.data(), input.size(), md5);
  char hex[33];
  for (int i = 0; i < 16; ++i) snprintf(hex + 2 * i, 3, "%02x", md5[i]);
  EXPECT_EQ(apopLine, "APOP joe " + std::string(hex));
  std::string transcript = readFile(log);
  std::remove(log.c_str());
  EXPECT_NE(transcript.find("C: APOP joe ****"), std::string::npos) << transcript;
  EXPECT_EQ(transcript.find(hex), std::string::npos) << transcript;
  EXPECT_EQ(transcript.find("tanstaaf"), std::string::npos) << transcript;
}

TEST(Pop3Login, ApopWithoutTimestampIsNotOffered) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw(kUserCapa);
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  pop3::Settings st = popSettings(srv.port());
  st.authMethod = pop3::kAuthApop;
  Outcome o = runCall(c.connect(st));
  srv.join();
  EXPECT_EQ(o.errCode, kAuthMethodNotOffered) << o.errDesc;
  EXPECT_EQ(srv.received(), "CAPA\r\n");
}

TEST(Pop3Login, WrongPasswordIs114AndThePasswordIsMasked) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw(kUserCapa);
    s.expect("USER joe");
    s.sendRaw("+OK\r\n");
    s.expect("PASS hunter2");
    s.sendRaw("-ERR [AUTH] Authentication failed.\r\n");
    s.drain();
  });
  std::string log = tempLogPath("pass");
  std::remove(log.c_str());
  pop3::Client c(BlockingReactor::instance());
  pop3::Settings st = popSettings(srv.port());
  st.password = "hunter2";
  st.enableLogging = true;
  st.logFilePath = log;
  Outcome o = runCall(c.connect(st));
  srv.join();
  EXPECT_EQ(o.errCode, kBadCredentials) << o.errDesc;
  EXPECT_EQ(o.serverResponse, "-ERR [AUTH] Authentication failed.");
  EXPECT_EQ(c.lastRequest(), "PASS ****");
  EXPECT_FALSE(c.connected());
  std::string transcript = readFile(log);
  std::remove(log.c_str());
  EXPECT_NE(transcript.find("C: PASS ****"), std::string::npos) << transcript;
  EXPECT_EQ(transcript.find("hunter2"), std::string::npos) << transcript;
  EXPECT_EQ(o.errDesc.find("hunter2"), std::string::npos);
}

TEST(Pop3Login, MailboxInUseIs113) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw(kUserCapa);
    s.expect("USER joe");
    s.sendRaw("+OK\r\n");
    s.expect("PASS pw");
    s.sendRaw("-ERR [IN-USE] Mailbox locked by another session\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kAuthFailed) << o.errDesc;
}

TEST(Pop3Login, LongSaslPlainCredentialsGoInAContinuation) {
  std::string user(200, 'u');
  std::string payloadLine;
  ScriptedServer srv([&](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw("+OK\r\nSASL PLAIN\r\n.\r\n");
    s.expect("AUTH PLAIN");
    s.sendRaw("+ \r\n");
    payloadLine = s.readLine();
    s.sendRaw("+OK welcome\r\n");
    popQuit(s);
  });
  pop3::Client c(BlockingReactor::instance());
  pop3::Settings st = popSettings(srv.port());
  st.userName = user;
  Outcome o = runCall(c.connect(st));
  ASSERT_TRUE(o.ok()) << o.errCode << " " << o.errDesc;
  EXPECT_EQ(c.lastRequest(), "****");
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(scripted::base64Decode(payloadLine), "\0"s + user + "\0pw"s);
  EXPECT_EQ(srv.received().rfind("CAPA\r\nAUTH PLAIN\r\n", 0), 0u);
}

TEST(Pop3Login, NoAuthenticationOfferedIs111) {
  ScriptedServer srv([](ScriptedServer& s) {
    s.sendRaw(kPopGreeting);
    s.expect("CAPA");
    s.sendRaw("+OK\r\nTOP\r\nUIDL\r\nSTLS\r\n.\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(popSettings(srv.port())));
  srv.join();
  EXPECT_EQ(o.errCode, kNoAuthOffered) << o.errDesc;
  EXPECT_EQ(srv.received(), "CAPA\r\n");
}

// ---------------------------------------------------------------------------------------------
// A session

TEST(Pop3Session, NotConnectedIs1AndConnectTwiceIs2) {
  pop3::Client c(BlockingReactor::instance());
  EXPECT_EQ(get(c.messageCount()).o.errCode, kNotConnected);
  EXPECT_EQ(get(c.retrieveSingleMessage(1)).o.errCode, kNotConnected);
  EXPECT_EQ(runCall(c.deleteMessage(1)).errCode, kNotConnected);
  EXPECT_EQ(runCall(c.undeleteAll()).errCode, kNotConnected);
  EXPECT_TRUE(runCall(c.disconnect()).ok());

  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    popQuit(s);
  });
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  Outcome again = runCall(c.connect(popSettings(srv.port())));
  EXPECT_EQ(again.errCode, kAlreadyConnected);
  EXPECT_TRUE(c.connected());
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(srv.received(), kLoginSent + "QUIT\r\n");
  EXPECT_EQ(srv.accepted(), 1);
}

TEST(Pop3Session, ListingsAreCachedAndForgottenOnDeleAndRset) {
  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 3 600\r\n");
    s.expect("LIST");
    s.sendRaw("+OK 3 messages\r\n1 100\r\n2 200\r\n3 300\r\n.\r\n");
    s.expect("UIDL");
    s.sendRaw("+OK\r\n1 uid-a\r\n2 uid-b\r\n3 uid-c\r\n.\r\n");
    s.expect("DELE 2");
    s.sendRaw("+OK message 2 deleted\r\n");
    s.expect("STAT");
    s.sendRaw("+OK 2 400\r\n");
    s.expect("UIDL");
    s.sendRaw("+OK\r\n1 uid-a\r\n3 uid-c\r\n.\r\n");
    s.expect("RSET");
    s.sendRaw("+OK maildrop has 3 messages\r\n");
    s.expect("LIST");
    s.sendRaw("+OK\r\n1 100\r\n2 200\r\n3 300\r\n.\r\n");
    popQuit(s);
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  EXPECT_EQ(get(c.messageCount()).value, 3);
  EXPECT_EQ(get(c.messageCount()).value, 3);
  EXPECT_EQ(get(c.totalSize()).value, 600u);
  EXPECT_EQ(get(c.getMessageSize(1)).value, 100u);
  EXPECT_EQ(get(c.getMessageSize(3)).value, 300u);
  EXPECT_EQ(get(c.getMessageUID(2)).value, "uid-b");
  EXPECT_EQ(get(c.search()).value, (std::vector<std::string>{"uid-a", "uid-b", "uid-c"}));
  EXPECT_TRUE(runCall(c.deleteMessage(2)).ok());
  EXPECT_EQ(get(c.messageCount()).value, 2);
  EXPECT_EQ(get(c.totalSize()).value, 400u);
  EXPECT_EQ(get(c.getMessageSize(2)).o.errCode, kNoSuchMessage);  // deleted: answered locally
  EXPECT_EQ(runCall(c.deleteMessage(2)).errCode, kNoSuchMessage);
  EXPECT_EQ(get(c.search()).value, (std::vector<std::string>{"uid-a", "uid-c"}));
  EXPECT_EQ(get(c.getMessageUID(3)).value, "uid-c");
  EXPECT_TRUE(runCall(c.undeleteAll()).ok());
  EXPECT_EQ(get(c.getMessageSize(2)).value, 200u);
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(srv.received(), kLoginSent +
                                "STAT\r\nLIST\r\nUIDL\r\nDELE 2\r\nSTAT\r\nUIDL\r\nRSET\r\nLIST\r\nQUIT\r\n");
}

TEST(Pop3Session, DotUnstuffingOfRetrAndTop) {
  const std::string message =
      "Subject: dots\r\n"
      "From: a@example.com\r\n"
      "\r\n"
      ".line with a leading dot\r\n"
      ".\r\n"
      "..\r\n"
      "last line\r\n";
  ScriptedServer srv([&](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 1 200\r\n");
    s.expect("RETR 1");
    // As the server sends it: "..line with a leading dot", ".." for ".", "..." for "..".
    s.sendRaw("+OK 200 octets\r\n" + stuffed(message));
    s.expect("TOP 1 0");
    s.sendRaw("+OK\r\nSubject: dots\r\nFrom: a@example.com\r\n\r\n.\r\n");
    s.expect("TOP 1 2");
    s.sendRaw("+OK\r\nSubject: dots\r\nFrom: a@example.com\r\n\r\n..line with a leading dot\r\n..\r\n.\r\n");
    popQuit(s);
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  auto whole = get(c.retrieveSingleMessage(1));
  ASSERT_TRUE(whole.o.ok()) << whole.o.errDesc;
  EXPECT_EQ(whole.value, message);
  EXPECT_EQ(c.lastReply(), "+OK 200 octets");
  EXPECT_EQ(get(c.retrieveSingleMessageHeaders(1)).value, "Subject: dots\r\nFrom: a@example.com\r\n\r\n");
  EXPECT_EQ(get(c.retrieveSingleMessageHeaders(1, 2)).value,
            "Subject: dots\r\nFrom: a@example.com\r\n\r\n.line with a leading dot\r\n.\r\n");
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(srv.received(), kLoginSent + "STAT\r\nRETR 1\r\nTOP 1 0\r\nTOP 1 2\r\nQUIT\r\n");
}

TEST(Pop3Session, FiveMegabyteMessageArrivesIntact) {
  // Lines of every length up to 998 and beyond, some starting with dots, a few empty.
  std::mt19937 rng(1939);
  std::string message = "Subject: big\r\nX-Size: 5MB\r\n\r\n";
  while (message.size() < 5 * 1024 * 1024) {
    size_t len = rng() % 1200;
    std::string line;
    if (rng() % 7 == 0) line += std::string(1 + rng() % 3, '.');
    for (size_t i = line.size(); i < len; ++i) line += static_cast<char>(' ' + rng() % 95);
    message += line + "\r\n";
  }
  ScriptedServer srv([&](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 1 " + std::to_string(message.size()) + "\r\n");
    s.expect("RETR 1");
    s.sendRaw("+OK\r\n" + stuffed(message));
    popQuit(s);
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  auto got = get(c.retrieveSingleMessage(1));
  ASSERT_TRUE(got.o.ok()) << got.o.errCode << " " << got.o.errDesc;
  EXPECT_EQ(got.value.size(), message.size());
  EXPECT_TRUE(got.value == message);  // not EXPECT_EQ: 5 MB in a failure message helps no one
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
}

TEST(Pop3Session, NoSuchMessageIs201AndOtherErrIs202) {
  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 2 300\r\n");
    s.expect("RETR 2");
    s.sendRaw("-ERR no such message\r\n");
    s.expect("DELE 1");
    s.sendRaw("-ERR permission denied\r\n");
    s.expect("UIDL");
    s.sendRaw("-ERR command not implemented\r\n");
    s.expect("RETR 1");
    s.sendRaw("+OK\r\nSubject: still here\r\n\r\nbody\r\n.\r\n");
    popQuit(s);
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  auto gone = get(c.retrieveSingleMessage(2));
  EXPECT_EQ(gone.o.errCode, kNoSuchMessage) << gone.o.errDesc;
  EXPECT_EQ(gone.o.serverResponse, "-ERR no such message");
  // Outside 1..count: answered without asking the server.
  EXPECT_EQ(get(c.retrieveSingleMessage(3)).o.errCode, kNoSuchMessage);
  EXPECT_EQ(get(c.retrieveSingleMessage(0)).o.errCode, kNoSuchMessage);
  EXPECT_EQ(get(c.getMessageSize(99)).o.errCode, kNoSuchMessage);
  EXPECT_THROW(get(c.getMessageUID(-1)), ArgumentError);
  Outcome refused = runCall(c.deleteMessage(1));
  EXPECT_EQ(refused.errCode, kCommandRefused) << refused.errDesc;
  EXPECT_EQ(get(c.search()).o.errCode, kCommandRefused);
  // The session goes on after a -ERR.
  EXPECT_TRUE(c.connected());
  auto ok = get(c.retrieveSingleMessage(1));
  EXPECT_TRUE(ok.o.ok()) << ok.o.errDesc;
  EXPECT_EQ(ok.value, "Subject: still here\r\n\r\nbody\r\n");
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  srv.join();
  EXPECT_EQ(srv.received(), kLoginSent + "STAT\r\nRETR 2\r\nDELE 1\r\nUIDL\r\nRETR 1\r\nQUIT\r\n");
}

TEST(Pop3Session, MalformedStatIs116AndClosesTheConnection) {
  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK lots of mail\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  auto got = get(c.messageCount());
  EXPECT_EQ(got.o.errCode, kProtocolError) << got.o.errDesc;
  EXPECT_FALSE(c.connected());
  EXPECT_EQ(get(c.messageCount()).o.errCode, kNotConnected);
  srv.join();
}

TEST(Pop3Session, MalformedListLineIs116) {
  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 1 10\r\n");
    s.expect("LIST");
    s.sendRaw("+OK\r\none ten\r\n.\r\n");
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  EXPECT_EQ(get(c.getMessageSize(1)).o.errCode, kProtocolError);
  EXPECT_FALSE(c.connected());
  srv.join();
}

TEST(Pop3Session, OverlongLineIs116) {
  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 1 2000000\r\n");
    s.expect("RETR 1");
    s.sendRaw("+OK\r\n" + std::string(pop3::Client::kMaxDataLine + 100, 'x'));
    s.drain();
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  auto got = get(c.retrieveSingleMessage(1));
  EXPECT_EQ(got.o.errCode, kProtocolError) << got.o.errDesc;
  EXPECT_FALSE(c.connected());
  srv.join();
}

TEST(Pop3Session, StalledServerTimesOut5) {
  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sleepMs(3000);  // says nothing; the client gives up first (its timeout is 1 s)
  });
  pop3::Client c(BlockingReactor::instance());
  pop3::Settings st = popSettings(srv.port());
  st.timeout = 1;
  ASSERT_TRUE(runCall(c.connect(st)).ok());
  auto got = get(c.messageCount());
  EXPECT_EQ(got.o.errCode, kTimeout) << got.o.errDesc;
  EXPECT_FALSE(c.connected());
  srv.join();
}

TEST(Pop3Session, ServerClosingMidMessageIs6) {
  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 1 100\r\n");
    s.expect("RETR 1");
    s.sendRaw("+OK\r\nSubject: cut\r\n\r\nhalf a mess");
    s.close();
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  auto got = get(c.retrieveSingleMessage(1));
  EXPECT_EQ(got.o.errCode, kClosedByServer) << got.o.errDesc;
  EXPECT_TRUE(got.value.empty());
  EXPECT_FALSE(c.connected());
  srv.join();
}

TEST(Pop3Session, QuitRefusedIs202AndStillCloses) {
  ScriptedServer srv([](ScriptedServer& s) {
    popLogin(s);
    s.expect("QUIT");
    s.sendRaw("-ERR some deleted messages not removed\r\n");
  });
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(popSettings(srv.port()))).ok());
  Outcome o = runCall(c.disconnect());
  EXPECT_EQ(o.errCode, kCommandRefused);
  EXPECT_FALSE(c.connected());
  srv.join();
}

// ---------------------------------------------------------------------------------------------
// The same sessions on the EventLoop (Node's driver), where waits really suspend

template <typename T>
Task<void> storeInto(Task<T> task, T* out) {
  *out = co_await task;
}
inline Task<void> storeInto(Task<void> task, int*) { co_await task; }

// Runs the call made by `make` on the EventLoop thread and waits for it (aborting it after 60 s,
// so that a broken engine fails the test instead of hanging it).
template <typename T, typename MakeCall>
Got<T> onLoop(pop3::Client& c, MakeCall make) {
  Got<T> g;
  std::promise<void> p;
  auto f = p.get_future();
  EventLoop::instance().post([&] {
    runDetached(storeInto(make(), &g.value), [&](std::exception_ptr e) {
      g.o = outcomeOf(e);
      p.set_value();
    });
  });
  if (f.wait_for(60s) != std::future_status::ready) {
    ADD_FAILURE() << "the EventLoop call did not finish within 60 s; aborting it";
    c.abort();
  }
  f.wait();
  return g;
}

TEST(Pop3EventLoop, FiveMegabyteMessageAndListingsOnTheLoop) {
  std::string message = "Subject: big\r\n\r\n";
  for (int i = 0; message.size() < 5 * 1024 * 1024; ++i) {
    message += (i % 5 == 0 ? "." : "") + std::string(static_cast<size_t>(i % 997), static_cast<char>('a' + i % 26)) + "\r\n";
  }
  ScriptedServer srv([&](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 1 " + std::to_string(message.size()) + "\r\n");
    s.expect("UIDL");
    s.sendRaw("+OK\r\n1 big-one\r\n.\r\n");
    s.expect("RETR 1");
    // In pieces, so that the client really waits in the middle of the message.
    std::string data = "+OK\r\n" + stuffed(message);
    for (size_t pos = 0; pos < data.size(); pos += 700000) {
      s.sendRaw(std::string_view(data).substr(pos, 700000));
      s.sleepMs(5);
    }
    popQuit(s);
  });
  pop3::Client c(EventLoop::instance());
  pop3::Settings st = popSettings(srv.port());
  auto conn = onLoop<int>(c, [&] { return c.connect(st); });
  ASSERT_TRUE(conn.o.ok()) << conn.o.errCode << " " << conn.o.errDesc;
  EXPECT_EQ(onLoop<int>(c, [&] { return c.messageCount(); }).value, 1);
  EXPECT_EQ(onLoop<std::vector<std::string>>(c, [&] { return c.search(); }).value, std::vector<std::string>{"big-one"});
  auto got = onLoop<std::string>(c, [&] { return c.retrieveSingleMessage(1); });
  ASSERT_TRUE(got.o.ok()) << got.o.errCode << " " << got.o.errDesc;
  EXPECT_EQ(got.value.size(), message.size());
  EXPECT_TRUE(got.value == message);
  EXPECT_TRUE(onLoop<int>(c, [&] { return c.disconnect(); }).o.ok());
  srv.join();
  EXPECT_EQ(srv.received(), kLoginSent + "STAT\r\nUIDL\r\nRETR 1\r\nQUIT\r\n");
}

TEST(Pop3EventLoop, AbortEndsAStalledRetrieveWith102) {
  std::promise<void> stalled;
  auto isStalled = stalled.get_future();
  ScriptedServer srv([&](ScriptedServer& s) {
    popLogin(s);
    s.expect("STAT");
    s.sendRaw("+OK 1 100\r\n");
    s.expect("RETR 1");
    s.sendRaw("+OK\r\nSubject: never ends\r\n");
    stalled.set_value();
    s.drain();  // until the client hangs up
  });
  pop3::Client c(EventLoop::instance());
  pop3::Settings st = popSettings(srv.port());
  st.timeout = 30;
  ASSERT_TRUE(onLoop<int>(c, [&] { return c.connect(st); }).o.ok());
  Got<std::string> got;
  std::promise<void> p;
  auto done = p.get_future();
  EventLoop::instance().post([&] {
    runDetached(storeInto(c.retrieveSingleMessage(1), &got.value), [&](std::exception_ptr e) {
      got.o = outcomeOf(e);
      p.set_value();
    });
  });
  ASSERT_EQ(isStalled.wait_for(10s), std::future_status::ready);
  c.abort();
  ASSERT_EQ(done.wait_for(20s), std::future_status::ready) << "abort() did not end the call";
  EXPECT_EQ(got.o.errCode, kAborted) << got.o.errDesc;
  EXPECT_FALSE(c.connected());
  c.resetAbort();
  srv.join();
}

// ---------------------------------------------------------------------------------------------
// The real Dovecot of scripts/mailstack.sh

bool portOpen(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

std::string maildir() { return testDir() + "/dovecot/mail/test/Maildir"; }

// In CI the stack must be there (a missing one is a failure); on a desk a skip says how to start it.
#define POP3_REQUIRE_DOVECOT()                                                                       \
  do {                                                                                               \
    if (!fileExists(popCert("ca.pem")) || !fileExists(maildir() + "/new") || !portOpen(10110) ||    \
        !portOpen(10995)) {                                                                          \
      if (getenv("CI")) FAIL() << "Dovecot is not running: scripts/mailstack.sh start";             \
      GTEST_SKIP() << "Dovecot is not running: bash scripts/mailstack.sh start";                    \
    }                                                                                                \
  } while (0)

pop3::Settings dovecotSettings(bool implicitTls) {
  pop3::Settings s;
  s.serverName = "localhost";
  s.portNumber = implicitTls ? 10995 : 10110;
  s.userName = "test";
  s.password = "secret";
  s.timeout = 15;
  s.ssl.enabled = true;
  s.ssl.useStartTls = !implicitTls;
  s.ssl.storeType = 1;
  s.ssl.storePath = popCert("ca.pem");
  return s;
}

// A message dropped into the Maildir as a delivery agent would (tmp/ then new/, owned by the mail
// user, LF line ends); `tag` makes it findable among whatever other tests left behind.
struct Seeded {
  std::string tag;
  std::string crlfText;  // what RETR must return
};

Seeded seedMessage(const std::string& what) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  Seeded m;
  m.tag = "pop3-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd());
  std::string text = "From: Seeder <seeder@example.com>\n"
                     "To: test@localhost\n"
                     "Subject: " + what + "\n"
                     "Message-ID: <" + m.tag + "@mailhive.test>\n"
                     "X-Mailhive-Pop3: " + m.tag + "\n"
                     "\n"
                     "first body line\n"
                     ".a line with a leading dot\n"
                     ".\n"
                     "last body line\n";
  for (char ch : text) {
    if (ch == '\n') m.crlfText += "\r\n";
    else m.crlfText += ch;
  }
  std::string name = std::to_string(time(nullptr)) + ".M" + std::to_string(counter) + "P" + std::to_string(getpid()) +
                     "R" + std::to_string(rd()) + ".mailhive-pop3";
  std::string tmp = maildir() + "/tmp/" + name;
  {
    std::ofstream f(tmp, std::ios::binary);
    f << text;
  }
  if (::chown(tmp.c_str(), 65534, 65534) != 0) { /* not root: Dovecot may still read it */ }
  ::chmod(tmp.c_str(), 0600);
  if (::rename(tmp.c_str(), (maildir() + "/new/" + name).c_str()) != 0) ADD_FAILURE() << "cannot seed " << tmp;
  return m;
}

// Index of the message carrying `tag` in this session, 0 when there is none.
int findTagged(pop3::Client& c, const std::string& tag) {
  auto count = get(c.messageCount());
  EXPECT_TRUE(count.o.ok()) << count.o.errDesc;
  for (int i = 1; i <= count.value; ++i) {
    auto head = get(c.retrieveSingleMessageHeaders(i, 0));
    if (head.o.errCode == kNoSuchMessage) continue;  // deleted in this session
    EXPECT_TRUE(head.o.ok()) << head.o.errCode << " " << head.o.errDesc;
    if (head.value.find("X-Mailhive-Pop3: " + tag + "\r\n") != std::string::npos) return i;
  }
  return 0;
}

TEST(Pop3Dovecot, StlsLoginAndTheMailboxIsConsistent) {
  POP3_REQUIRE_DOVECOT();
  Seeded a = seedMessage("first seeded");
  Seeded b = seedMessage("second seeded");
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(dovecotSettings(false)));
  ASSERT_TRUE(o.ok()) << o.errCode << " " << o.errDesc << " " << o.serverResponse;
  EXPECT_FALSE(c.tlsResult().negotiatedProtocol.empty());
  EXPECT_TRUE(c.tlsResult().serverCert.has_value());
  EXPECT_TRUE(pop3::hasCapability(c.capabilities(), "UIDL"));
  EXPECT_FALSE(pop3::hasCapability(c.capabilities(), "STLS"));  // re-read after TLS

  auto count = get(c.messageCount());
  auto total = get(c.totalSize());
  auto uids = get(c.search());
  ASSERT_TRUE(count.o.ok() && total.o.ok() && uids.o.ok()) << uids.o.errDesc;
  ASSERT_GE(count.value, 2);
  ASSERT_EQ(uids.value.size(), static_cast<size_t>(count.value));
  EXPECT_EQ(std::set<std::string>(uids.value.begin(), uids.value.end()).size(), uids.value.size());
  uint64_t sum = 0;
  for (int i = 1; i <= count.value; ++i) {
    auto size = get(c.getMessageSize(i));
    EXPECT_TRUE(size.o.ok()) << size.o.errDesc;
    sum += size.value;
    EXPECT_EQ(get(c.getMessageUID(i)).value, uids.value[i - 1]);
  }
  EXPECT_EQ(sum, total.value);

  int ia = findTagged(c, a.tag);
  int ib = findTagged(c, b.tag);
  ASSERT_GT(ia, 0);
  ASSERT_GT(ib, 0);
  EXPECT_NE(ia, ib);
  auto whole = get(c.retrieveSingleMessage(ia));
  ASSERT_TRUE(whole.o.ok()) << whole.o.errDesc;
  EXPECT_EQ(whole.value, a.crlfText);
  EXPECT_EQ(get(c.getMessageSize(ia)).value, whole.value.size());
  std::string header = a.crlfText.substr(0, a.crlfText.find("\r\n\r\n") + 4);
  EXPECT_EQ(get(c.retrieveSingleMessageHeaders(ia, 0)).value, header);
  EXPECT_EQ(get(c.retrieveSingleMessageHeaders(ia, 3)).value,
            header + "first body line\r\n.a line with a leading dot\r\n.\r\n");
  EXPECT_EQ(get(c.retrieveSingleMessage(count.value + 1)).o.errCode, kNoSuchMessage);

  // Clean up after ourselves.
  EXPECT_TRUE(runCall(c.deleteMessage(ia)).ok());
  EXPECT_TRUE(runCall(c.deleteMessage(ib)).ok());
  EXPECT_TRUE(runCall(c.disconnect()).ok());
}

TEST(Pop3Dovecot, ImplicitTlsLogin) {
  POP3_REQUIRE_DOVECOT();
  pop3::Client c(BlockingReactor::instance());
  Outcome o = runCall(c.connect(dovecotSettings(true)));
  ASSERT_TRUE(o.ok()) << o.errCode << " " << o.errDesc << " " << o.serverResponse;
  EXPECT_EQ(c.effectivePort(), 10995);
  EXPECT_FALSE(c.tlsResult().negotiatedProtocol.empty());
  EXPECT_FALSE(c.tlsResult().cipherSuite.empty());
  EXPECT_TRUE(get(c.messageCount()).o.ok());
  EXPECT_EQ(c.lastRequest(), "STAT");
  EXPECT_TRUE(runCall(c.disconnect()).ok());
  EXPECT_FALSE(c.connected());
}

TEST(Pop3Dovecot, WrongPasswordIs114) {
  POP3_REQUIRE_DOVECOT();
  pop3::Client c(BlockingReactor::instance());
  pop3::Settings st = dovecotSettings(true);
  st.password = "not-the-secret";
  Outcome o = runCall(c.connect(st));
  EXPECT_EQ(o.errCode, kBadCredentials) << o.errDesc << " " << o.serverResponse;
  EXPECT_FALSE(c.connected());
  EXPECT_EQ(c.lastRequest().find("not-the-secret"), std::string::npos);
}

TEST(Pop3Dovecot, DeleteThenDisconnectRemovesTheMessage) {
  POP3_REQUIRE_DOVECOT();
  Seeded m = seedMessage("to be deleted");
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(dovecotSettings(false))).ok());
  int i = findTagged(c, m.tag);
  ASSERT_GT(i, 0);
  std::string uid = get(c.getMessageUID(i)).value;
  ASSERT_FALSE(uid.empty());
  int before = get(c.messageCount()).value;
  EXPECT_TRUE(runCall(c.deleteMessage(i)).ok());
  EXPECT_EQ(get(c.messageCount()).value, before - 1);
  EXPECT_EQ(get(c.retrieveSingleMessage(i)).o.errCode, kNoSuchMessage);
  auto uids = get(c.search()).value;
  EXPECT_EQ(std::find(uids.begin(), uids.end(), uid), uids.end());
  EXPECT_TRUE(runCall(c.disconnect()).ok());

  ASSERT_TRUE(runCall(c.connect(dovecotSettings(true))).ok());
  EXPECT_EQ(findTagged(c, m.tag), 0);
  uids = get(c.search()).value;
  EXPECT_EQ(std::find(uids.begin(), uids.end(), uid), uids.end());
  EXPECT_TRUE(runCall(c.disconnect()).ok());
}

TEST(Pop3Dovecot, DeleteThenUndeleteAllKeepsTheMessage) {
  POP3_REQUIRE_DOVECOT();
  Seeded m = seedMessage("to be kept");
  pop3::Client c(BlockingReactor::instance());
  ASSERT_TRUE(runCall(c.connect(dovecotSettings(false))).ok());
  int i = findTagged(c, m.tag);
  ASSERT_GT(i, 0);
  std::string uid = get(c.getMessageUID(i)).value;
  EXPECT_TRUE(runCall(c.deleteMessage(i)).ok());
  EXPECT_TRUE(runCall(c.undeleteAll()).ok());
  EXPECT_EQ(get(c.retrieveSingleMessage(i)).value, m.crlfText);
  EXPECT_TRUE(runCall(c.disconnect()).ok());

  ASSERT_TRUE(runCall(c.connect(dovecotSettings(true))).ok());
  int again = findTagged(c, m.tag);
  ASSERT_GT(again, 0);
  EXPECT_EQ(get(c.getMessageUID(again)).value, uid);  // UIDL is stable across sessions
  EXPECT_TRUE(runCall(c.deleteMessage(again)).ok());  // clean up
  EXPECT_TRUE(runCall(c.disconnect()).ok());
}

}  // namespace
