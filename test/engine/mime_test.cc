// Tests of the codecs, the address parser and the MIME builder (src/core/codec.*, src/mime/*).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/codec.h"
#include "core/error.h"
#include "mime/message.h"

using namespace mailhive;
using namespace mailhive::mime;

namespace {

std::string lowerStr(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Every line ends CRLF, no bare CR/LF, no line over 998 bytes, output ends with CRLF.
void expectWellFormed(const std::string& s) {
  ASSERT_GE(s.size(), 2u);
  EXPECT_EQ(s.substr(s.size() - 2), "\r\n");
  size_t lineStart = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      ASSERT_TRUE(i + 1 < s.size() && s[i + 1] == '\n') << "bare CR at " << i;
    } else if (s[i] == '\n') {
      ASSERT_TRUE(i > 0 && s[i - 1] == '\r') << "bare LF at " << i;
      ASSERT_LE(i - 1 - lineStart, 998u) << "long line at " << lineStart;
      lineStart = i + 1;
    }
  }
}

std::vector<std::string> splitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t e = s.find("\r\n", i);
    if (e == std::string::npos) e = s.size();
    out.push_back(s.substr(i, e - i));
    i = e + 2;
  }
  return out;
}

// A parsed MIME entity: unfolded headers (lower-case names, in order) and body or children.
struct Entity {
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::vector<Entity> kids;
  std::string header(const std::string& name) const {
    for (const auto& h : headers) {
      if (h.first == lowerStr(name)) return h.second;
    }
    return "";
  }
  int count(const std::string& name) const {
    int n = 0;
    for (const auto& h : headers) n += h.first == lowerStr(name);
    return n;
  }
};

std::string paramOf(const std::string& value, const std::string& param) {
  std::string lv = lowerStr(value);
  size_t p = lv.find(param + "=");
  if (p == std::string::npos) return "";
  p += param.size() + 1;
  if (value[p] == '"') {
    size_t e = value.find('"', p + 1);
    return value.substr(p + 1, e - p - 1);
  }
  size_t e = value.find_first_of("; ", p);
  return value.substr(p, e == std::string::npos ? std::string::npos : e - p);
}

Entity parseEntity(const std::string& s) {
  Entity e;
  size_t end = s.find("\r\n\r\n");
  std::string head = end == std::string::npos ? s : s.substr(0, end + 2);
  e.body = end == std::string::npos ? "" : s.substr(end + 4);
  if (head.substr(0, 2) == "\r\n") {  // no headers at all
    e.body = s.substr(2);
    head.clear();
  }
  for (const std::string& line : splitLines(head)) {
    if (line.empty()) continue;
    if (line[0] == ' ' || line[0] == '\t') {
      e.headers.back().second += line;  // unfold: drop the CRLF only
    } else {
      size_t colon = line.find(':');
      std::string v = line.substr(colon + 1);
      if (!v.empty() && v[0] == ' ') v.erase(0, 1);
      e.headers.emplace_back(lowerStr(line.substr(0, colon)), v);
    }
  }
  std::string type = e.header("Content-Type");
  if (lowerStr(type).rfind("multipart/", 0) == 0) {
    std::string b = paramOf(type, "boundary");
    std::string delim = "--" + b;
    size_t p = e.body.find(delim + "\r\n");
    while (p != std::string::npos) {
      size_t start = p + delim.size() + 2;
      // RFC 2046: the CRLF before a delimiter belongs to the delimiter, not to the part.
      size_t q = e.body.find("\r\n" + delim, start);
      if (q == std::string::npos) break;
      e.kids.push_back(parseEntity(e.body.substr(start, q - start)));
      q += 2;
      if (e.body.compare(q, delim.size() + 2, delim + "--") == 0) break;
      p = q;
    }
  }
  return e;
}

std::string qpDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && i + 2 < s.size() && s[i + 1] == '\r' && s[i + 2] == '\n') {
      i += 2;
    } else if (s[i] == '=' && i + 2 < s.size()) {
      out.push_back(char(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Decodes RFC 2047 words (B and Q); white space between adjacent words is dropped.
std::string decodeWords(const std::string& folded, std::vector<std::string>* words = nullptr) {
  std::string v = folded;
  for (size_t p; (p = v.find("\r\n")) != std::string::npos;) v.erase(p, 2);
  std::string out, pendingWs;
  bool lastWasWord = false;
  size_t i = 0;
  while (i < v.size()) {
    if (v.compare(i, 2, "=?") == 0) {
      size_t q1 = v.find('?', i + 2);
      size_t q2 = v.find('?', q1 + 1);
      size_t end = v.find("?=", q2 + 1);
      std::string word = v.substr(i, end + 2 - i);
      if (words) words->push_back(word);
      char enc = char(std::toupper(static_cast<unsigned char>(v[q1 + 1])));
      std::string text = v.substr(q2 + 1, end - q2 - 1);
      if (!lastWasWord) out += pendingWs;
      pendingWs.clear();
      if (enc == 'B') {
        out += base64Decode(text);
      } else {
        for (char& c : text) {
          if (c == '_') c = ' ';
        }
        out += qpDecode(text);
      }
      lastWasWord = true;
      i = end + 2;
    } else if (v[i] == ' ' || v[i] == '\t') {
      pendingWs.push_back(v[i++]);
    } else {
      out += pendingWs;
      pendingWs.clear();
      out.push_back(v[i++]);
      lastWasWord = false;
    }
  }
  return out + pendingWs;
}

std::string percentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() + 0) {
      out.push_back(char(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string headerNames(const Entity& e) {
  std::string out;
  for (const auto& h : e.headers) out += h.first + ",";
  return out;
}

Message basicMessage() {
  Message m;
  m.fromAddr = "Sender Name <sender@example.com>";
  m.toAddr = "rcpt@example.org";
  m.subject = "Hello";
  m.bodyText = "Hi there.\nSecond line.\n";
  m.date = "Sat, 28 Nov 2026 12:00:00 +0000";
  return m;
}

std::string collect(MessageWriter& w, size_t* maxPiece = nullptr) {
  std::string out, piece;
  while (w.next(piece)) {
    if (maxPiece) *maxPiece = std::max(*maxPiece, piece.size());
    out += piece;
    piece.clear();
  }
  return out;
}

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& content, const std::string& suffix = ".bin") {
    char tmpl[] = "/tmp/mime_test_XXXXXX";
    int fd = mkstemp(tmpl);
    close(fd);
    std::remove(tmpl);
    path = std::string(tmpl) + suffix;
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

std::string randomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = char(rng() & 0xFF);
  return s;
}

}  // namespace

// ---- codecs ----

TEST(Codec, Base64Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},         {"f", "Zg=="},        {"fo", "Zm8="},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, enc] : cases) {
    EXPECT_EQ(base64Encode(plain), enc) << plain;
    EXPECT_EQ(base64Decode(enc), plain) << enc;
  }
  EXPECT_EQ(base64Encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(Codec, Base64DecodeLenient) {
  EXPECT_EQ(base64Decode("Zm9v\r\nYmFy"), "foobar");
  EXPECT_EQ(base64Decode(" Zm 9v*Yg = ="), "foob");
  std::string bin = randomBytes(1000, 1);
  EXPECT_EQ(base64Decode(base64Encode(bin)), bin);
}

TEST(Codec, Base64LinesChunkedEqualsOneShot) {
  std::string data = randomBytes(10007, 2);
  std::string oneShot, carry;
  size_t col = 0;
  base64EncodeLines(data, oneShot, carry, col, true);
  EXPECT_EQ(oneShot.size(), base64LinesSize(data.size()));
  for (const std::string& line : splitLines(oneShot)) EXPECT_LE(line.size(), 76u);
  EXPECT_EQ(splitLines(oneShot).front().size(), 76u);
  EXPECT_EQ(base64Decode(oneShot), data);
  std::string noBreaks = base64Encode(data);
  std::string joined;
  for (const std::string& l : splitLines(oneShot)) joined += l;
  EXPECT_EQ(joined, noBreaks);

  for (size_t step : {1u, 2u, 5u, 57u, 100u, 4096u}) {
    std::string out, c;
    size_t cl = 0;
    for (size_t i = 0; i < data.size(); i += step) base64EncodeLines(std::string_view(data).substr(i, step), out, c, cl, false);
    base64EncodeLines("", out, c, cl, true);
    EXPECT_EQ(out, oneShot) << "step " << step;
  }
}

TEST(Codec, Base64LinesSizes) {
  for (size_t n : {0u, 1u, 2u, 3u, 56u, 57u, 58u, 114u, 1000u}) {
    std::string out, carry;
    size_t col = 0;
    base64EncodeLines(std::string(n, 'x'), out, carry, col, true);
    EXPECT_EQ(out.size(), base64LinesSize(n)) << n;
    if (n) {
      EXPECT_EQ(out.substr(out.size() - 2), "\r\n");
    }
    EXPECT_EQ(out.find("\r\n\r\n"), std::string::npos);
  }
}

TEST(Codec, QuotedPrintable) {
  EXPECT_EQ(quotedPrintableEncode("abc\r\n"), "abc\r\n");
  EXPECT_EQ(quotedPrintableEncode("a=b\r\n"), "a=3Db\r\n");
  EXPECT_EQ(quotedPrintableEncode("trail \r\nx\t\r\n"), "trail=20\r\nx=09\r\n");
  EXPECT_EQ(quotedPrintableEncode("end "), "end=20");
  EXPECT_EQ(quotedPrintableEncode("caf\xc3\xa9\r\n"), "caf=C3=A9\r\n");
  EXPECT_EQ(quotedPrintableEncode(".\r\n.x\r\na.b\r\n"), "=2E\r\n=2Ex\r\na.b\r\n");
  EXPECT_EQ(quotedPrintableEncode("a\rb\n"), "a=0Db\r\n");
  EXPECT_EQ(quotedPrintableEncode(std::string(76, 'a')), std::string(76, 'a'));
}

TEST(Codec, QuotedPrintableLongLines) {
  std::string in;
  for (int i = 0; i < 40; ++i) in += "word\xc3\xa9 = x. ";
  in += "\r\n" + std::string(300, '.') + "\r\n";
  std::string out = quotedPrintableEncode(in);
  for (const std::string& l : splitLines(out)) {
    EXPECT_LE(l.size(), 76u) << l;
    EXPECT_NE(l.front(), '.') << l;
    EXPECT_FALSE(l.back() == ' ' || l.back() == '\t') << l;
    for (unsigned char c : l) EXPECT_TRUE(c >= 32 && c <= 126);
  }
  EXPECT_EQ(qpDecode(out), in);
}

TEST(Codec, HexLower) {
  EXPECT_EQ(hexLower(std::string("\x00\x0f\xab\xff", 4)), "000fabff");
  EXPECT_EQ(hexLower(""), "");
}

// ---- encoded words ----

TEST(EncodedWords, AsciiUntouched) {
  EXPECT_EQ(encodeHeaderText("Hello, world!"), "Hello, world!");
  EXPECT_EQ(encodeHeaderText(""), "");
  std::string longText;
  for (int i = 0; i < 40; ++i) longText += "lorem ipsum ";
  std::string folded = encodeHeaderText(longText);
  EXPECT_NE(folded.find("\r\n "), std::string::npos);
  for (const std::string& l : splitLines(folded)) EXPECT_LE(l.size(), 78u);
  std::string unfolded = folded;
  for (size_t p; (p = unfolded.find("\r\n")) != std::string::npos;) unfolded.erase(p, 2);
  EXPECT_EQ(unfolded, longText);
  EXPECT_THROW(encodeHeaderText("a\r\nBcc: x@y"), ArgumentError);
}

TEST(EncodedWords, Utf8RoundTrip) {
  const std::string subjects[] = {
      "Grüße aus Köln",
      "日本語のメールの件名はとても長くなることがありますので、分割が必要です。日本語のメールの件名",
      "Emoji 😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘😗 end",
      "mostly ascii text with one é in a long long long long long long long long line",
  };
  for (const std::string& s : subjects) {
    std::string enc = encodeHeaderText(s);
    for (unsigned char c : enc) ASSERT_LT(c, 128) << s;
    std::vector<std::string> words;
    EXPECT_EQ(decodeWords(enc, &words), s);
    ASSERT_FALSE(words.empty());
    for (const std::string& w : words) {
      EXPECT_LE(w.size(), 75u) << w;
      // Each word alone must decode to complete UTF-8 sequences.
      std::string d = decodeWords(w);
      size_t i = 0;
      while (i < d.size()) {
        unsigned char c = static_cast<unsigned char>(d[i]);
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        ASSERT_GE(c < 0x80 || c >= 0xC0, true) << "word starts inside a UTF-8 sequence: " << w;
        ASSERT_LE(i + n, d.size()) << "split UTF-8 sequence in " << w;
        i += n;
      }
    }
  }
}

// ---- addresses ----

TEST(Address, ValidForms) {
  auto l = parseAddressList("a@b.com", "toAddr");
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].addr, "a@b.com");
  EXPECT_EQ(l[0].name, "");

  l = parseAddressList("Name <a@b.com>, \"Quoted, Name\" <c@d.org>, <e@f.net>,g@h.io", "toAddr");
  ASSERT_EQ(l.size(), 4u);
  EXPECT_EQ(l[0].name, "Name");
  EXPECT_EQ(l[0].addr, "a@b.com");
  EXPECT_EQ(l[1].name, "Quoted, Name");
  EXPECT_EQ(l[1].addr, "c@d.org");
  EXPECT_EQ(l[2].name, "");
  EXPECT_EQ(l[2].addr, "e@f.net");
  EXPECT_EQ(l[3].addr, "g@h.io");

  l = parseAddressList("Jörg Müller <jm@example.de>; 用户@例子.广告", "toAddr");
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].name, "Jörg Müller");
  EXPECT_EQ(l[1].addr, "用户@例子.广告");

  l = parseAddressList("a@b.com (the boss), \"Esc \\\"q\\\"\" <x@y.z>", "ccAddr");
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].addr, "a@b.com");
  EXPECT_EQ(l[1].name, "Esc \"q\"");

  EXPECT_TRUE(parseAddressList("", "toAddr").empty());
  EXPECT_TRUE(parseAddressList("   ", "toAddr").empty());
}

TEST(Address, InvalidForms) {
  const char* bad[] = {"plainname", "@b.com", "a@", "a b@c.com", "Name <a@b.com", "Name a@b.com>",
                       "\"Unclosed <a@b.com>", "<a@b.com> trailing", "a@b@c.com", "<a>", "x@y..z",
                       "Name <a@b.com>>", "a\x01@b.com", "good@x.com, bad"};
  for (const char* s : bad) {
    try {
      parseAddressList(s, "toAddr");
      ADD_FAILURE() << "accepted: " << s;
    } catch (const MailError& e) {
      EXPECT_EQ(e.errCode, 125) << s;
      EXPECT_EQ(std::string(e.what()).rfind("toAddr: invalid address syntax", 0), 0u) << e.what();
    }
  }
  EXPECT_THROW(parseAddressList("a@b.com\r\nBcc: x@y.z", "toAddr"), ArgumentError);
  EXPECT_THROW(parseAddressList("a@b.com\n", "toAddr"), ArgumentError);
  EXPECT_THROW(parseAddressList(std::string("a@b.com\0x", 9), "toAddr"), ArgumentError);
}

// ---- Message model ----

TEST(MessageModel, SetHeaderRules) {
  Message m;
  for (const char* owned : {"MIME-Version", "content-type", "Content-Transfer-Encoding", "BCC"}) {
    EXPECT_THROW(m.setHeader(owned, "x"), ArgumentError) << owned;
  }
  EXPECT_THROW(m.setHeader("Bad Name", "x"), ArgumentError);
  EXPECT_THROW(m.setHeader("Bad:Name", "x"), ArgumentError);
  EXPECT_THROW(m.setHeader("", "x"), ArgumentError);
  EXPECT_THROW(m.setHeader("X-\xc3\xa9", "x"), ArgumentError);
  EXPECT_THROW(m.setHeader("X-Ok", "a\r\nBcc: evil@x.com"), ArgumentError);
  EXPECT_THROW(m.setHeader("X-Ok", "a\nb"), ArgumentError);
  EXPECT_TRUE(m.headers.empty());

  m.setHeader("X-Mailer", "one");
  m.setHeader("X-Other", "o");
  m.setHeader("x-mailer", "two");
  ASSERT_EQ(m.headers.size(), 2u);
  EXPECT_EQ(m.getHeader("X-MAILER"), "two");
  m.setHeader("X-Mailer", "");
  EXPECT_EQ(m.headers.size(), 1u);
  EXPECT_EQ(m.getHeader("X-Mailer"), "");

  m.subject = "Subj";
  m.toAddr = "a@b.c";
  EXPECT_EQ(m.getHeader("subject"), "Subj");
  EXPECT_EQ(m.getHeader("To"), "a@b.c");
  m.setHeader("Subject", "New");
  EXPECT_EQ(m.subject, "New");
  EXPECT_EQ(m.headers.size(), 1u);
  EXPECT_EQ(m.getHeader("Nope"), "");
}

TEST(MessageModel, Attachments) {
  Message m;
  try {
    m.addAttachment("/nonexistent/file.pdf");
    ADD_FAILURE();
  } catch (const MailError& e) {
    EXPECT_EQ(e.errCode, 301);
    EXPECT_EQ(std::string(e.what()), "file not found or unreadable: /nonexistent/file.pdf");
  }
  EXPECT_THROW(m.addAttachment("/tmp"), MailError);
  TempFile f("hello", ".PNG");
  m.addAttachment(f.path);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, f.path.substr(5));
  EXPECT_EQ(m.attachments[0].contentType, "image/png");
  EXPECT_EQ(m.attachments[0].size, 5u);
  m.addAttachment(f.path, "x.eml", "cid1");
  EXPECT_EQ(m.attachments[1].contentType, "message/rfc822");
  EXPECT_EQ(m.attachments[1].contentId, "cid1");
  EXPECT_THROW(m.addAttachmentData("x", ""), ArgumentError);
  EXPECT_THROW(m.addAttachmentData("x", "a\r\nb"), ArgumentError);
  m.addAttachmentData("data", "noext");
  EXPECT_EQ(m.attachments[2].contentType, "application/octet-stream");
  m.addAttachmentData("data", "t.TXT", "");
  EXPECT_EQ(m.attachments[3].contentType, "text/plain");
  EXPECT_EQ(m.attachments[3].data, "data");
}

// ---- builder ----

TEST(Builder, PlainTextHeadersAndOrder) {
  Message m = basicMessage();
  m.ccAddr = "cc@example.net";
  m.bccAddr = "Hidden <hidden@secret.example>";
  m.replyToAddr = "reply@example.com";
  m.priority = 1;
  m.setHeader("X-Mailer", "mailhive");
  MessageWriter w(m);
  std::string out = collect(w);
  expectWellFormed(out);
  EXPECT_EQ(out.size(), w.size());
  EXPECT_EQ(out.find("hidden"), std::string::npos);
  EXPECT_EQ(lowerStr(out).find("bcc"), std::string::npos);
  Entity e = parseEntity(out);
  EXPECT_EQ(headerNames(e),
            "date,from,reply-to,to,cc,subject,message-id,x-priority,importance,x-mailer,mime-version,content-type,"
            "content-transfer-encoding,");
  EXPECT_EQ(e.header("Date"), "Sat, 28 Nov 2026 12:00:00 +0000");
  EXPECT_EQ(e.header("From"), "Sender Name <sender@example.com>");
  EXPECT_EQ(e.header("X-Priority"), "1 (Highest)");
  EXPECT_EQ(e.header("Importance"), "High");
  EXPECT_EQ(e.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(e.header("Content-Transfer-Encoding"), "7bit");
  EXPECT_EQ(e.body, "Hi there.\r\nSecond line.\r\n");
  EXPECT_TRUE(e.kids.empty());
  EXPECT_EQ(e.header("Message-ID"), w.messageId());
  EXPECT_EQ(w.date(), "Sat, 28 Nov 2026 12:00:00 +0000");
  EXPECT_FALSE(w.needs8BitMime());
  EXPECT_FALSE(w.needsSmtpUtf8());
  EXPECT_EQ(buildMessage(m).size(), out.size());
}

TEST(Builder, GeneratedDateAndMessageId) {
  Message m = basicMessage();
  m.date.clear();
  MessageWriter w(m);
  std::string out = collect(w);
  const std::string& id = w.messageId();
  ASSERT_EQ(id.size(), 1 + 32 + 1 + std::string("example.com").size() + 1);
  EXPECT_EQ(id.front(), '<');
  EXPECT_EQ(id.substr(33), "@example.com>");
  for (size_t i = 1; i < 33; ++i) EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(id[i])));
  EXPECT_NE(out.find("Message-ID: " + id + "\r\n"), std::string::npos);
  EXPECT_NE(out.find("Date: " + w.date() + "\r\n"), std::string::npos);
  EXPECT_EQ(w.date().find(", "), 3u);
  EXPECT_EQ(w.date().substr(w.date().size() - 6), " +0000");
  Message n;
  n.toAddr = "x@y.z";
  MessageWriter w2(n);
  EXPECT_EQ(w2.messageId().substr(33), "@mailhive.local>");
  EXPECT_NE(w2.messageId(), w.messageId());
}

TEST(Builder, EncodedHeadersAndAddresses) {
  Message m = basicMessage();
  m.subject = "Grüße – ünïcödé subject that is long enough to need more than one encoded word, surely";
  m.toAddr = "Jörg Müller <jm@example.de>, \"Doe, John\" <john@example.com>, Plain Name <p@example.com>";
  for (int i = 0; i < 10; ++i) m.toAddr += ", user" + std::to_string(i) + "@a-rather-long-domain-name.example.com";
  m.setHeader("X-Note", "naïve");
  std::string out = buildMessage(m);
  expectWellFormed(out);
  for (unsigned char c : out) ASSERT_LT(c, 128);
  std::string head = out.substr(0, out.find("\r\n\r\n") + 2);
  for (const std::string& l : splitLines(head)) EXPECT_LE(l.size(), 78u) << l;
  Entity e = parseEntity(out);
  EXPECT_EQ(decodeWords(e.header("Subject")), m.subject);
  EXPECT_EQ(decodeWords(e.header("X-Note")), "naïve");
  std::string to = e.header("To");
  EXPECT_NE(to.find("=?UTF-8?"), std::string::npos);
  EXPECT_NE(to.find("\"Doe, John\" <john@example.com>"), std::string::npos);
  EXPECT_NE(to.find("Plain Name <p@example.com>"), std::string::npos);
  auto parsed = parseAddressList(decodeWords(to), "to");
  ASSERT_EQ(parsed.size(), 13u);
  EXPECT_EQ(parsed[0].name, "Jörg Müller");
  EXPECT_EQ(parsed[0].addr, "jm@example.de");
  EXPECT_EQ(parsed[12].addr, "user9@a-rather-long-domain-name.example.com");
}

TEST(Builder, SmtpUtf8Detection) {
  Message m = basicMessage();
  m.bccAddr = "用户@例子.广告";
  MessageWriter w(m);
  EXPECT_TRUE(w.needsSmtpUtf8());
  std::string out = collect(w);
  EXPECT_EQ(out.find("用户"), std::string::npos);
  Message m2 = basicMessage();
  m2.toAddr = "Ünï <ok@example.com>";
  EXPECT_FALSE(MessageWriter(m2).needsSmtpUtf8());
  m2.bccAddr = "broken";
  EXPECT_THROW(MessageWriter{m2}, MailError);
}

TEST(Builder, BodyTransferEncodings) {
  Message m = basicMessage();
  m.bodyText = "mostly ascii with a café\nand a line\r\nwith \rbare CR\n";
  Entity e = parseEntity(buildMessage(m));
  EXPECT_EQ(e.header("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(qpDecode(e.body), "mostly ascii with a café\r\nand a line\r\nwith \r\nbare CR\r\n");

  m.bodyText = "Ελληνικά κείμενα είναι πολλά γράμματα\n";
  std::string out = buildMessage(m);
  expectWellFormed(out);
  e = parseEntity(out);
  EXPECT_EQ(e.header("Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(base64Decode(e.body), "Ελληνικά κείμενα είναι πολλά γράμματα\r\n");

  m.bodyText = std::string(2000, 'x');
  out = buildMessage(m);
  expectWellFormed(out);
  EXPECT_EQ(parseEntity(out).header("Content-Transfer-Encoding"), "quoted-printable");

  m.bodyText = "caf\xc3\xa9\n";
  m.charset = "iso-8859-1";
  e = parseEntity(buildMessage(m));
  EXPECT_EQ(e.header("Content-Type"), "text/plain; charset=iso-8859-1");
  EXPECT_EQ(qpDecode(e.body), "caf\xe9\r\n");
  m.charset = "us-ascii";
  e = parseEntity(buildMessage(m));
  EXPECT_EQ(e.header("Content-Type"), "text/plain; charset=utf-8");
  m.charset = "bad charset";
  EXPECT_THROW(buildMessage(m), ArgumentError);
}

TEST(Builder, HtmlAlternative) {
  Message m = basicMessage();
  m.bodyFormat = kFormatHtml;
  m.bodyText = "<p>Hello</p>";
  std::string out = buildMessage(m);
  Entity e = parseEntity(out);
  EXPECT_EQ(e.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_TRUE(e.kids.empty());

  m.altBodyText = "Hello";
  out = buildMessage(m);
  expectWellFormed(out);
  e = parseEntity(out);
  EXPECT_EQ(e.header("Content-Type").rfind("multipart/alternative;", 0), 0u);
  EXPECT_EQ(e.count("Content-Type"), 1);
  ASSERT_EQ(e.kids.size(), 2u);
  EXPECT_EQ(e.kids[0].header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(e.kids[0].body, "Hello\r\n");
  EXPECT_EQ(e.kids[1].header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(e.kids[1].body, "<p>Hello</p>\r\n");
}

TEST(Builder, HtmlInlineAndAttachment) {
  Message m = basicMessage();
  m.bodyFormat = kFormatHtml;
  m.bodyText = "<p><img src=\"cid:logo1\"></p>";
  m.altBodyText = "text version";
  std::string png = randomBytes(500, 3);
  TempFile img(png, ".png");
  m.addAttachment(img.path, "logo.png", "logo1");
  m.addAttachmentData("a,b\n1,2\n", "table.csv");
  MessageWriter w(m);
  std::string out = collect(w);
  expectWellFormed(out);
  EXPECT_EQ(out.size(), w.size());
  Entity e = parseEntity(out);
  EXPECT_EQ(e.header("Content-Type").rfind("multipart/mixed;", 0), 0u);
  ASSERT_EQ(e.kids.size(), 2u);
  const Entity& alt = e.kids[0];
  EXPECT_EQ(alt.header("Content-Type").rfind("multipart/alternative;", 0), 0u);
  ASSERT_EQ(alt.kids.size(), 2u);
  EXPECT_EQ(alt.kids[0].header("Content-Type"), "text/plain; charset=utf-8");
  const Entity& rel = alt.kids[1];
  EXPECT_EQ(rel.header("Content-Type").rfind("multipart/related;", 0), 0u);
  ASSERT_EQ(rel.kids.size(), 2u);
  EXPECT_EQ(rel.kids[0].header("Content-Type"), "text/html; charset=utf-8");
  const Entity& logo = rel.kids[1];
  EXPECT_EQ(logo.header("Content-Type"), "image/png; name=\"logo.png\"");
  EXPECT_EQ(logo.header("Content-ID"), "<logo1>");
  EXPECT_EQ(logo.header("Content-Disposition"), "inline; filename=\"logo.png\"");
  EXPECT_EQ(logo.header("Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(base64Decode(logo.body), png);
  const Entity& csv = e.kids[1];
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; name=\"table.csv\"");
  EXPECT_EQ(csv.header("Content-Disposition"), "attachment; filename=\"table.csv\"");
  EXPECT_EQ(base64Decode(csv.body), "a,b\n1,2\n");
  // Distinct boundaries.
  EXPECT_NE(paramOf(e.header("Content-Type"), "boundary"), paramOf(alt.header("Content-Type"), "boundary"));
  EXPECT_NE(paramOf(alt.header("Content-Type"), "boundary"), paramOf(rel.header("Content-Type"), "boundary"));
}

TEST(Builder, TextWithAttachmentIsMixed) {
  Message m = basicMessage();
  m.addAttachmentData("x", "a.bin", "application/x-test");
  Entity e = parseEntity(buildMessage(m));
  ASSERT_EQ(e.kids.size(), 2u);
  EXPECT_EQ(e.kids[0].header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(e.kids[1].header("Content-Type"), "application/x-test; name=\"a.bin\"");
}

TEST(Builder, Rfc2231FileName) {
  Message m = basicMessage();
  m.addAttachmentData("pdf", "résumé ünïcode.pdf");
  std::string longName;
  for (int i = 0; i < 8; ++i) longName += "Straße-ünïcödé-";
  longName += ".pdf";
  m.addAttachmentData("pdf2", longName);
  std::string out = buildMessage(m);
  expectWellFormed(out);
  for (unsigned char c : out) ASSERT_LT(c, 128);
  Entity e = parseEntity(out);
  ASSERT_EQ(e.kids.size(), 3u);
  const Entity& a = e.kids[1];
  EXPECT_EQ(a.header("Content-Disposition"), "attachment; filename*=utf-8''r%C3%A9sum%C3%A9%20%C3%BCn%C3%AFcode.pdf");
  EXPECT_EQ(a.header("Content-Type").rfind("application/pdf; name=\"=?UTF-8?", 0), 0u);
  EXPECT_EQ(decodeWords(paramOf(a.header("Content-Type"), "name")), "résumé ünïcode.pdf");

  const Entity& b = e.kids[2];
  std::string disp = b.header("Content-Disposition");
  EXPECT_NE(disp.find("filename*0*=utf-8''"), std::string::npos);
  EXPECT_NE(disp.find("filename*1*="), std::string::npos);
  std::string joined;
  for (int k = 0;; ++k) {
    std::string key = "filename*" + std::to_string(k) + "*=";
    size_t p = disp.find(key);
    if (p == std::string::npos) break;
    p += key.size();
    if (k == 0) p += 7;
    size_t end = disp.find(';', p);
    joined += disp.substr(p, end == std::string::npos ? std::string::npos : end - p);
  }
  EXPECT_EQ(percentDecode(joined), longName);
  std::string quotedName = paramOf(b.header("Content-Type"), "name");
  EXPECT_EQ(decodeWords(quotedName), longName);
}

TEST(Builder, AttachmentByPathStreams) {
  std::string content = randomBytes(300 * 1024 + 7, 4);
  TempFile f(content, ".dat");
  Message m = basicMessage();
  m.addAttachment(f.path);
  MessageWriter w(m);
  uint64_t expected = w.size();
  size_t maxPiece = 0;
  std::string out = collect(w, &maxPiece);
  EXPECT_EQ(out.size(), expected);
  EXPECT_LE(maxPiece, 70u * 1024);
  EXPECT_GT(maxPiece, 32u * 1024);
  expectWellFormed(out);
  Entity e = parseEntity(out);
  ASSERT_EQ(e.kids.size(), 2u);
  EXPECT_EQ(e.kids[1].header("Content-Type"), "application/octet-stream; name=\"" + f.path.substr(5) + "\"");
  for (const std::string& l : splitLines(e.kids[1].body)) EXPECT_LE(l.size(), 76u);
  EXPECT_EQ(base64Decode(e.kids[1].body), content);
}

TEST(Builder, AttachmentFileChanged) {
  std::string content = randomBytes(100 * 1024, 5);
  Message m = basicMessage();
  {
    TempFile f(content);
    m.addAttachment(f.path);
    std::ofstream(f.path, std::ios::binary) << content.substr(0, 1000);
    try {
      buildMessage(m);
      ADD_FAILURE() << "shorter file accepted";
    } catch (const MailError& e) {
      EXPECT_EQ(e.errCode, 301);
    }
    std::ofstream(f.path, std::ios::binary) << content << "more";
    try {
      buildMessage(m);
      ADD_FAILURE() << "longer file accepted";
    } catch (const MailError& e) {
      EXPECT_EQ(e.errCode, 301);
    }
  }
  try {
    buildMessage(m);
    ADD_FAILURE() << "missing file accepted";
  } catch (const MailError& e) {
    EXPECT_EQ(e.errCode, 301);
  }
}

TEST(Builder, SizeIsExactForManyMessages) {
  std::vector<Message> msgs;
  msgs.push_back(Message{});
  msgs.push_back(basicMessage());
  Message m = basicMessage();
  m.bodyFormat = kFormatHtml;
  m.bodyText = std::string(200000, 'h') + "é";
  m.altBodyText = "Grüße\n";
  msgs.push_back(m);
  for (size_t n : {0u, 1u, 2u, 3u, 57u, 49152u, 49153u, 100000u}) m.addAttachmentData(randomBytes(n, unsigned(n)), "f" + std::to_string(n) + ".bin");
  msgs.push_back(m);
  TempFile f(randomBytes(49152 * 2 + 1, 9));
  TempFile empty("");
  m.addAttachment(f.path, "", "cid-x");
  m.addAttachment(empty.path);
  msgs.push_back(m);
  for (size_t i = 0; i < msgs.size(); ++i) {
    MessageWriter w(msgs[i]);
    std::string out = collect(w);
    EXPECT_EQ(out.size(), w.size()) << "message " << i;
    expectWellFormed(out);
  }
}

TEST(Builder, LongHeadersStayWithinLimits) {
  Message m = basicMessage();
  m.subject = std::string(1500, 'x');  // one word longer than a line can hold
  m.setHeader("X-Long", std::string(300, 'a') + " " + std::string(300, 'b'));
  m.setHeader("X-Words", "word " + std::string(10, 'c') + std::string(400, ' ') + "end");
  std::string out = buildMessage(m);
  expectWellFormed(out);
  Entity e = parseEntity(out);
  EXPECT_EQ(decodeWords(e.header("Subject")), m.subject);
  EXPECT_EQ(e.header("X-Long"), std::string(300, 'a') + " " + std::string(300, 'b'));
}

TEST(Builder, RejectsInjectedValues) {
  Message m = basicMessage();
  m.subject = "x\r\nBcc: a@b.c";
  EXPECT_THROW(buildMessage(m), ArgumentError);
  m = basicMessage();
  m.headers.emplace_back("X-Bad", "v\nw");
  EXPECT_THROW(buildMessage(m), ArgumentError);
  m = basicMessage();
  m.headers.emplace_back("Bcc", "a@b.c");
  EXPECT_THROW(buildMessage(m), ArgumentError);
  m = basicMessage();
  m.toAddr = "a@b.c\r\nX: y";
  EXPECT_THROW(buildMessage(m), ArgumentError);
  m = basicMessage();
  m.toAddr = "not an address";
  try {
    buildMessage(m);
    ADD_FAILURE();
  } catch (const MailError& e) {
    EXPECT_EQ(e.errCode, 125);
  }
}

TEST(Builder, SaveMessage) {
  Message m = basicMessage();
  m.addAttachmentData(randomBytes(70000, 6), "x.bin");
  TempFile f("", ".eml");
  saveMessage(m, f.path);
  std::ifstream in(f.path, std::ios::binary);
  std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  MessageWriter w(m);
  EXPECT_EQ(saved.size(), w.size());
  expectWellFormed(saved);
  EXPECT_EQ(base64Decode(parseEntity(saved).kids[1].body), m.attachments[0].data);
  try {
    saveMessage(m, "/nonexistent-dir/x.eml");
    ADD_FAILURE();
  } catch (const MailError& e) {
    EXPECT_EQ(e.errCode, 301);
  }
}
