// Tests of the MIME parser (src/mime/parser.*, src/mime/charset.*): round trips through the builder,
// odd real-world shapes, and garbage that must neither crash nor throw.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/codec.h"
#include "core/error.h"
#include "mime/charset.h"
#include "mime/message.h"
#include "mime/parser.h"

using namespace mailhive;
using namespace mailhive::mime;

namespace {

// "\n" -> "\r\n", so the shapes below read like the mail they stand for.
std::string crlfText(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += "\r\n";
    else out.push_back(c);
  }
  return out;
}

std::string stripTrailingBreaks(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string randomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = char(rng() & 0xFF);
  return s;
}

const Attachment* findAttachment(const Message& m, const std::string& name) {
  for (const Attachment& a : m.attachments) {
    if (a.filename == name) return &a;
  }
  return nullptr;
}

void expectAllUtf8(const Message& m) {
  for (const std::string* s : {&m.fromAddr, &m.toAddr, &m.ccAddr, &m.bccAddr, &m.replyToAddr, &m.subject, &m.bodyText,
                               &m.altBodyText, &m.charset, &m.date, &m.messageId}) {
    ASSERT_TRUE(isValidUtf8(*s)) << *s;
  }
  // Single-line fields are valid builder input: no CR, LF or NUL (bodies may hold NUL bytes).
  for (const std::string* s : {&m.fromAddr, &m.toAddr, &m.ccAddr, &m.bccAddr, &m.replyToAddr, &m.subject, &m.date,
                               &m.messageId, &m.charset}) {
    ASSERT_EQ(s->find_first_of(std::string("\r\n\0", 3)), std::string::npos) << *s;
  }
  for (const auto& [n, v] : m.parsedHeaders) {
    ASSERT_TRUE(isValidUtf8(n + v));
    ASSERT_EQ(v.find_first_of(std::string("\r\n\0", 3)), std::string::npos);
  }
  for (const Attachment& a : m.attachments) {
    ASSERT_TRUE(isValidUtf8(a.filename)) << a.filename;
    ASSERT_FALSE(a.filename.empty());
    ASSERT_EQ(a.filename.find_first_of(std::string("/\\\r\n\0", 5)), std::string::npos) << a.filename;
    ASSERT_EQ(a.size, a.data.size());
  }
}

Message richMessage() {
  Message m;
  m.fromAddr = "Jörg Müller <jorg@example.com>";
  m.toAddr = "\"Last, First\" <lf@example.org>, plain@example.org";
  m.ccAddr = "Zoë Ünïcode <zoe@example.net>";
  m.replyToAddr = "replies@example.com";
  m.subject = "Grüße aus Köln – a subject long enough to be folded over more than one line of the header ✓";
  m.bodyFormat = kFormatHtml;
  m.bodyText = "<p>Hällo <img src=\"cid:logo@example.com\"></p>\r\n";
  m.altBodyText = "Hällo plain\r\nsecond line";
  m.date = "Tue, 02 Jan 2024 10:00:00 +0100";
  m.messageId = "<abc.123@example.com>";
  m.priority = 2;
  m.addAttachmentData(randomBytes(100 * 1024, 7), "résumé ünïcode.pdf");
  m.addAttachmentData(std::string("\x89PNG\r\n\x1a\n", 8) + randomBytes(3000, 8), "logo.png");
  m.attachments.back().contentId = "logo@example.com";
  m.addAttachmentData("a,b\r\n1,2\r\n", "ein sehr langer Dateiname mit Ümlauten und noch mehr Text damit er umbricht.csv");
  m.setHeader("X-Mailer", "mailhive tests ✓");
  return m;
}

}  // namespace

// ---- Round trips through the builder ----

TEST(ParserRoundTrip, PlainTextMessage) {
  Message m;
  m.fromAddr = "Jörg Müller <jorg@example.com>";
  m.toAddr = "\"Last, First\" <lf@example.org>, plain@example.org";
  m.ccAddr = "cc@example.net";
  m.subject = "Hällo wörld";
  m.bodyText = "Line one\r\nLine twö\r\n";
  m.priority = 1;
  std::string raw = buildMessage(m);
  Message p = parseMessage(raw);
  EXPECT_EQ(p.fromAddr, "Jörg Müller <jorg@example.com>");
  EXPECT_EQ(p.toAddr, "\"Last, First\" <lf@example.org>, plain@example.org");
  EXPECT_EQ(p.ccAddr, "cc@example.net");
  EXPECT_EQ(p.subject, "Hällo wörld");
  EXPECT_EQ(p.bodyText, "Line one\r\nLine twö\r\n");
  EXPECT_EQ(p.bodyFormat, kFormatText);
  EXPECT_EQ(p.charset, "utf-8");
  EXPECT_EQ(p.priority, 1);
  EXPECT_TRUE(p.attachments.empty());
  EXPECT_EQ(p.getHeader("X-Priority"), "1 (Highest)");
  EXPECT_EQ(p.getHeader("mime-version"), "1.0");
  EXPECT_FALSE(p.date.empty());
  EXPECT_EQ(p.messageId.front(), '<');
  // The display strings are valid input for the builder's address parser.
  auto to = parseAddressList(p.toAddr, "toAddr");
  ASSERT_EQ(to.size(), 2u);
  EXPECT_EQ(to[0].name, "Last, First");
}

TEST(ParserRoundTrip, HtmlAlternativeInlineAndAttachments) {
  Message m = richMessage();
  Message p = parseMessage(buildMessage(m));
  EXPECT_EQ(p.fromAddr, m.fromAddr);
  EXPECT_EQ(p.toAddr, m.toAddr);
  EXPECT_EQ(p.ccAddr, m.ccAddr);
  EXPECT_EQ(p.replyToAddr, m.replyToAddr);
  EXPECT_EQ(p.subject, m.subject);
  EXPECT_EQ(p.date, m.date);
  EXPECT_EQ(p.messageId, m.messageId);
  EXPECT_EQ(p.priority, 2);
  EXPECT_EQ(p.bodyFormat, kFormatHtml);
  EXPECT_EQ(stripTrailingBreaks(p.bodyText), stripTrailingBreaks(m.bodyText));
  EXPECT_EQ(stripTrailingBreaks(p.altBodyText), m.altBodyText);
  EXPECT_EQ(p.getHeader("X-Mailer"), "mailhive tests ✓");
  ASSERT_EQ(p.attachments.size(), 3u);
  for (const Attachment& want : m.attachments) {
    const Attachment* got = findAttachment(p, want.filename);
    ASSERT_NE(got, nullptr) << want.filename;
    EXPECT_EQ(got->data, want.data) << want.filename;
    EXPECT_EQ(got->size, want.data.size());
    EXPECT_EQ(got->contentType, want.contentType);
    EXPECT_EQ(got->contentId, want.contentId);
  }
  expectAllUtf8(p);
}

TEST(ParserRoundTrip, RawBodyIsTheOriginalWhileUnchanged) {
  std::string raw = buildMessage(richMessage());
  Message p = parseMessage(raw);
  EXPECT_EQ(p.raw, raw);
  EXPECT_EQ(messageText(p), raw);
  Message copy = p;
  copy.subject = "Changed subject";
  std::string rebuilt = messageText(copy);
  EXPECT_NE(rebuilt, raw);
  EXPECT_NE(rebuilt.find("Subject: Changed subject"), std::string::npos);
  EXPECT_EQ(parseMessage(rebuilt).attachments.size(), 3u);
  // Parsed headers are read, never written by the builder.
  Message withExtra = parseMessage("From: a@b.c\r\nX-Trace: hop1\r\nSubject: s\r\n\r\nbody\r\n");
  EXPECT_EQ(withExtra.getHeader("x-trace"), "hop1");
  withExtra.bodyText = "new body";
  EXPECT_EQ(messageText(withExtra).find("X-Trace"), std::string::npos);
  // setHeader with an empty value removes a parsed header too.
  withExtra.setHeader("X-Trace", "");
  EXPECT_EQ(withExtra.getHeader("X-Trace"), "");
}

TEST(ParserRoundTrip, GetHeaderPrecedence) {
  Message p = parseMessage("X-Priority: 2 (High)\r\nImportance: high\r\nX-Custom: =?utf-8?q?gr=C3=BC=C3=9F?=\r\n\r\nx");
  EXPECT_EQ(p.priority, 2);
  EXPECT_EQ(p.getHeader("X-Priority"), "2 (High)");
  EXPECT_EQ(p.getHeader("X-Custom"), "grüß");
  p.priority = 5;
  EXPECT_EQ(p.getHeader("X-Priority"), "5 (Lowest)");
  EXPECT_EQ(p.getHeader("Importance"), "Low");
  p.setHeader("X-Custom", "mine");
  EXPECT_EQ(p.getHeader("x-custom"), "mine");
  // A message that was only built keeps the builder's view.
  Message b;
  EXPECT_EQ(b.getHeader("MIME-Version"), "1.0");
  EXPECT_EQ(b.getHeader("X-Priority"), "");
  b.setHeader("X-Priority", "custom");
  EXPECT_EQ(b.getHeader("X-Priority"), "custom");
}

// ---- Headers ----

TEST(ParserHeaders, EncodedWords) {
  EXPECT_EQ(decodeHeaderText("=?ISO-8859-1?Q?Caf=E9_cr=E8me?="), "Café crème");
  EXPECT_EQ(decodeHeaderText("=?windows-1252?q?=93quoted=94_=80?="), "\u201Cquoted\u201D \u20AC");
  EXPECT_EQ(decodeHeaderText("=?UTF-8?B?R3LDvMOfZQ==?="), "Grüße");
  // Adjacent words are joined without the white space (folding included) between them.
  EXPECT_EQ(decodeHeaderText("=?utf-8?q?a?= =?utf-8?q?b?=\t =?utf-8?q?c?="), "abc");
  EXPECT_EQ(decodeHeaderText("x =?utf-8?q?a?= y"), "x a y");
  EXPECT_EQ(decodeHeaderText("x =?utf-8?q?a?=  =?iso-8859-1?q?=E9?= y"), "x aé y");
  // A UTF-8 character split across two words still decodes.
  EXPECT_EQ(decodeHeaderText("=?UTF-8?B?w6k=?= =?UTF-8?Q?=C3?= =?UTF-8?Q?=A9?="), "éé");
  // Unknown charset: UTF-8 bytes kept, else Latin-1.
  EXPECT_EQ(decodeHeaderText("=?x-unknown?Q?=C3=A9?="), "é");
  EXPECT_EQ(decodeHeaderText("=?x-unknown?Q?=E9?="), "é");
  // RFC 2231 language suffix, and words that are not words.
  EXPECT_EQ(decodeHeaderText("=?utf-8*en?q?hi?="), "hi");
  EXPECT_EQ(decodeHeaderText("=?bogus =?utf-8?x?abc?= 50=?%"), "=?bogus =?utf-8?x?abc?= 50=?%");
  EXPECT_EQ(decodeHeaderText(std::string("a\r\nb\0c", 6)), "a  b c");
}

TEST(ParserHeaders, QEncodedSubjectsInLatinCharsets) {
  Message p = parseMessage(crlfText("Subject: =?iso-8859-1?Q?R=E9union_=E0_Paris?=\n"
                                    "From: =?windows-1252?Q?Fran=E7ois_=93Fran=22?= <f@example.fr>\n\nx"));
  EXPECT_EQ(p.subject, "Réunion à Paris");
  EXPECT_EQ(p.fromAddr, "\"François “Fran\\\"\" <f@example.fr>");
  auto from = parseAddressList(p.fromAddr, "fromAddr");
  ASSERT_EQ(from.size(), 1u);
  EXPECT_EQ(from[0].name, "François “Fran\"");
}

TEST(ParserHeaders, RawEightBitHeaders) {
  Message utf8 = parseMessage("Subject: Grüße ✓\r\nFrom: Jörg <j@example.de>\r\n\r\nbody");
  EXPECT_EQ(utf8.subject, "Grüße ✓");
  EXPECT_EQ(utf8.fromAddr, "Jörg <j@example.de>");
  Message latin1 = parseMessage("Subject: Caf\xE9\r\nFrom: J\xF6rg <j@example.de>\r\n\r\nbody");
  EXPECT_EQ(latin1.subject, "Café");
  EXPECT_EQ(latin1.fromAddr, "Jörg <j@example.de>");
}

TEST(ParserHeaders, FoldingWithTabs) {
  Message p = parseMessage(crlfText("Subject: part one\n\tpart two\n  part three\n"
                                    "To: a@example.com,\n\tB Name <b@example.com>\n"
                                    "X-Long: =?utf-8?q?first?=\n\t=?utf-8?q?_second?=\n\nbody\n"));
  EXPECT_EQ(p.subject, "part one part two  part three");
  EXPECT_EQ(p.toAddr, "a@example.com, B Name <b@example.com>");
  EXPECT_EQ(p.getHeader("X-Long"), "first second");
  EXPECT_EQ(p.bodyText, "body\r\n");
}

TEST(ParserHeaders, AddressForms) {
  EXPECT_EQ(decodeAddressList("=?utf-8?q?Doe,_John?= <j@x.org>"), "\"Doe, John\" <j@x.org>");
  EXPECT_EQ(decodeAddressList("j@x.org (John Doe)"), "John Doe <j@x.org>");
  EXPECT_EQ(decodeAddressList("Friends: a@x.org, \"B b\" <b@x.org>;, c@x.org"), "a@x.org, B b <b@x.org>, c@x.org");
  EXPECT_EQ(decodeAddressList("undisclosed-recipients:;"), "");
  EXPECT_EQ(decodeAddressList("<@relay.org:user@x.org>"), "user@x.org");
  EXPECT_EQ(decodeAddressList("\"=?utf-8?B?SsO2cmc=?=\" <j@x.org>"), "Jörg <j@x.org>");
  EXPECT_EQ(decodeAddressList("=?utf-8?q?J=C3=B6rg?= =?utf-8?q?_M=C3=BCller?= <j@x.org>"), "Jörg Müller <j@x.org>");
  Message p = parseMessage("From: a@x.org\r\nTo: b@x.org\r\nTo: c@x.org\r\nBcc: d@x.org\r\n\r\n");
  EXPECT_EQ(p.toAddr, "b@x.org, c@x.org");
  EXPECT_EQ(p.bccAddr, "d@x.org");
  EXPECT_EQ(p.getHeader("Bcc"), "d@x.org");
}

TEST(ParserHeaders, MboxLineAndMissingBlankLine) {
  Message p = parseMessage("From sender@x.org Mon Jan  1 00:00:00 2024\nSubject: hi\nThis line starts the body\nmore\n");
  EXPECT_EQ(p.subject, "hi");
  EXPECT_EQ(p.bodyText, "This line starts the body\r\nmore\r\n");
}

TEST(ParserHeaders, EmptyInput) {
  Message p = parseMessage("");
  EXPECT_EQ(p.bodyText, "");
  EXPECT_TRUE(p.attachments.empty());
  EXPECT_TRUE(p.parsedHeaders.empty());
  Message onlyBody = parseMessage("\r\njust a body");
  EXPECT_EQ(onlyBody.bodyText, "just a body");
}

// ---- Bodies and charsets ----

TEST(ParserBodies, LatinAndUnknownCharsets) {
  Message iso = parseMessage(crlfText("Content-Type: text/plain; charset=\"ISO-8859-1\"\n"
                                      "Content-Transfer-Encoding: quoted-printable\n\ncaf=E9 =\nna=EFve\n"));
  EXPECT_EQ(iso.bodyText, "café naïve\r\n");
  EXPECT_EQ(iso.charset, "iso-8859-1");
  Message win = parseMessage("Content-Type: text/plain; charset=windows-1252\r\n"
                             "Content-Transfer-Encoding: 8bit\r\n\r\n\x93Hi\x94 \x80 5\r\n");
  EXPECT_EQ(win.bodyText, "“Hi” € 5\r\n");
  EXPECT_EQ(win.charset, "windows-1252");
  Message unkLatin = parseMessage("Content-Type: text/plain; charset=x-unknown\r\n\r\nd\xE9j\xE0");
  EXPECT_EQ(unkLatin.bodyText, "déjà");
  EXPECT_EQ(unkLatin.charset, "x-unknown");
  Message unkUtf8 = parseMessage("Content-Type: text/plain; charset=x-unknown\r\n\r\ndéjà");
  EXPECT_EQ(unkUtf8.bodyText, "déjà");
  Message koi = parseMessage("Content-Type: text/plain; charset=koi8-r\r\n\r\n\xF0\xD2\xC9\xD7\xC5\xD4");
  EXPECT_EQ(koi.bodyText, "Привет");
  Message badUtf8 = parseMessage("Content-Type: text/plain; charset=utf-8\r\n\r\nok \xE9 \xC3\xA9");
  EXPECT_EQ(badUtf8.bodyText, "ok é é");
  Message weird = parseMessage("Content-Type: text/plain; charset=\"../../etc/passwd\"\r\n\r\nabc\xE9");
  EXPECT_EQ(weird.bodyText, "abcé");
  EXPECT_EQ(weird.charset, "utf-8");
}

TEST(ParserBodies, Base64AndQuotedPrintable) {
  Message b64 = parseMessage("Content-Transfer-Encoding: BASE64\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
                             base64Encode("Grüße\r\nzwei") + "\r\n");
  EXPECT_EQ(b64.bodyText, "Grüße\r\nzwei");
  Message qp = parseMessage("Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                            "a=3Db =ZZ trailing   \r\nsoft=\r\nbreak=  \r\nx=C3=A9\r\n");
  EXPECT_EQ(qp.bodyText, "a=b =ZZ trailing\r\nsoftbreakx\xC3\xA9\r\n");
}

TEST(ParserBodies, TruncatedBase64Attachment) {
  std::string data = randomBytes(3000, 3);
  std::string enc = base64Encode(data);
  std::string cut = enc.substr(0, 1001);  // not a multiple of 4: a partial group at the end
  std::string raw = crlfText("Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nhi\n--XX\n"
                             "Content-Type: application/octet-stream; name=a.bin\nContent-Transfer-Encoding: base64\n\n") +
                    cut;
  Message p = parseMessage(raw);
  ASSERT_EQ(p.attachments.size(), 1u);
  EXPECT_EQ(p.attachments[0].filename, "a.bin");
  EXPECT_EQ(p.attachments[0].size, 750u);
  EXPECT_EQ(p.attachments[0].data, data.substr(0, 750));
  EXPECT_EQ(p.bodyText, "hi");
}

// ---- Multipart shapes ----

TEST(ParserMultipart, NestedMixedAlternativeRelated) {
  std::string raw = crlfText(
      "From: a@example.com\nSubject: nested\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
      "This is the preamble, not the body.\n"
      "--outer\n"
      "Content-Type: multipart/alternative; boundary=alt\n\n"
      "--alt\nContent-Type: text/plain; charset=us-ascii\n\nplain version\n"
      "--alt\nContent-Type: multipart/related; boundary=\"rel\"; type=\"text/html\"\n\n"
      "--rel\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
      "<b>H=C3=A9llo</b><img src=3D\"cid:img1\">\n"
      "--rel\nContent-Type: image/gif\nContent-ID: <img1>\nContent-Transfer-Encoding: base64\n\nR0lGODlh\n"
      "--rel--\n"
      "--alt--\n"
      "--outer\n"
      "Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"doc.pdf\"\n"
      "Content-Transfer-Encoding: base64\n\nJVBERi0=\n"
      "--outer--\n"
      "epilogue text\n");
  Message p = parseMessage(raw);
  EXPECT_EQ(p.bodyFormat, kFormatHtml);
  EXPECT_EQ(p.bodyText, "<b>Héllo</b><img src=\"cid:img1\">");
  EXPECT_EQ(p.altBodyText, "plain version");
  EXPECT_EQ(p.charset, "utf-8");
  ASSERT_EQ(p.attachments.size(), 2u);
  EXPECT_EQ(p.attachments[0].contentId, "img1");
  EXPECT_EQ(p.attachments[0].contentType, "image/gif");
  EXPECT_EQ(p.attachments[0].data, "GIF89a");
  EXPECT_EQ(p.attachments[0].filename, "part1.gif");
  EXPECT_EQ(p.attachments[1].filename, "doc.pdf");
  EXPECT_EQ(p.attachments[1].data, "%PDF-");
  EXPECT_EQ(p.bodyText.find("preamble"), std::string::npos);
  expectAllUtf8(p);
}

TEST(ParserMultipart, RelatedStartAndReportAndSigned) {
  Message rel = parseMessage(crlfText(
      "Content-Type: multipart/related; boundary=r; start=\"<root@x>\"\n\n"
      "--r\nContent-Type: text/plain\nContent-ID: <notes@x>\n\nnotes\n"
      "--r\nContent-Type: image/png\nContent-ID: <pic@x>\n\nPNG\n"
      "--r\nContent-Type: text/html\nContent-ID: <root@x>\n\n<p>root</p>\n--r--\n"));
  EXPECT_EQ(rel.bodyText, "<p>root</p>");
  ASSERT_EQ(rel.attachments.size(), 2u);
  EXPECT_EQ(rel.attachments[0].contentId, "notes@x");
  EXPECT_EQ(rel.attachments[0].data, "notes");
  EXPECT_EQ(rel.attachments[1].contentId, "pic@x");

  Message report = parseMessage(crlfText(
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
      "--b\nContent-Type: text/plain\n\nDelivery failed.\n"
      "--b\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n"
      "--b\nContent-Type: message/rfc822\n\nSubject: =?utf-8?q?Original_m=C3=BCss/age?=\nFrom: a@x\n\noriginal body\n--b--\n"));
  EXPECT_EQ(report.bodyText, "Delivery failed.");
  ASSERT_EQ(report.attachments.size(), 2u);
  EXPECT_EQ(report.attachments[0].contentType, "message/delivery-status");
  EXPECT_EQ(report.attachments[1].contentType, "message/rfc822");
  EXPECT_EQ(report.attachments[1].filename, "Original müss_age.eml");
  Message inner = parseMessage(report.attachments[1].data);
  EXPECT_EQ(inner.bodyText, "original body");

  Message signedMsg = parseMessage(crlfText(
      "Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=s\n\n"
      "--s\nContent-Type: text/plain\n\nsigned text\n"
      "--s\nContent-Type: application/pgp-signature; name=signature.asc\n\n-----BEGIN PGP SIGNATURE-----\n--s--\n"));
  EXPECT_EQ(signedMsg.bodyText, "signed text");
  ASSERT_EQ(signedMsg.attachments.size(), 1u);
  EXPECT_EQ(signedMsg.attachments[0].filename, "signature.asc");
}

TEST(ParserMultipart, AlternativeWithCalendar) {
  // Meeting invitations: the calendar is an alternative no reader shows as the body.
  Message p = parseMessage(crlfText(
      "Content-Type: multipart/alternative; boundary=a\n\n"
      "--a\nContent-Type: text/plain; charset=utf-8\n\nMeeting at 10\n"
      "--a\nContent-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\n--a--\n"));
  EXPECT_EQ(p.bodyText, "Meeting at 10");
  EXPECT_EQ(p.bodyFormat, kFormatText);
  EXPECT_EQ(p.altBodyText, "");
  ASSERT_EQ(p.attachments.size(), 1u);
  EXPECT_EQ(p.attachments[0].contentType, "text/calendar");
  EXPECT_EQ(p.attachments[0].filename, "part1.ics");
}

TEST(ParserMultipart, AttachedMessageGetsEmlName) {
  Message m = richMessage();
  m.attachments.clear();
  std::string inner = buildMessage(m);
  Message outer;
  outer.fromAddr = "a@example.com";
  outer.bodyText = "see attached";
  outer.addAttachmentData(inner, "forwarded", "message/rfc822");
  Message p = parseMessage(buildMessage(outer));
  EXPECT_EQ(stripTrailingBreaks(p.bodyText), "see attached");
  ASSERT_EQ(p.attachments.size(), 1u);
  EXPECT_EQ(p.attachments[0].filename, "forwarded.eml");
  EXPECT_EQ(p.attachments[0].data, inner);
  EXPECT_EQ(parseMessage(p.attachments[0].data).subject, m.subject);
}

TEST(ParserMultipart, MissingFinalBoundary) {
  std::string raw = crlfText("Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\n\nfirst text\n--b1\n"
                             "Content-Type: text/csv; name=\"t.csv\"\n\na,b\n1,2\n");
  Message p = parseMessage(raw);
  EXPECT_EQ(p.bodyText, "first text");
  ASSERT_EQ(p.attachments.size(), 1u);
  EXPECT_EQ(p.attachments[0].filename, "t.csv");
  EXPECT_EQ(p.attachments[0].data, "a,b\r\n1,2\r\n");
}

TEST(ParserMultipart, NoBoundaryParameterOrBoundaryNeverSeen) {
  Message none = parseMessage("Content-Type: multipart/mixed\r\n\r\nsome text\r\n--x\r\nmore\r\n");
  EXPECT_EQ(none.bodyText, "some text\r\n--x\r\nmore\r\n");
  EXPECT_TRUE(none.attachments.empty());
  Message never = parseMessage("Content-Type: multipart/alternative; boundary=zzz\r\n\r\nplain words\r\n--zz\r\n");
  EXPECT_EQ(never.bodyText, "plain words\r\n--zz\r\n");
  // A boundary that is a prefix of another one does not split it.
  Message prefix = parseMessage(crlfText("Content-Type: multipart/mixed; boundary=ab\n\n--ab\n\ntext\n--ab-1\nstill\n--ab--\n"));
  EXPECT_EQ(prefix.bodyText, "text\r\n--ab-1\r\nstill");
}

TEST(ParserMultipart, BareLineFeeds) {
  Message m = richMessage();
  std::string raw = buildMessage(m);
  std::string lf;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    lf.push_back(raw[i]);
  }
  Message p = parseMessage(lf);
  EXPECT_EQ(p.subject, m.subject);
  EXPECT_EQ(p.fromAddr, m.fromAddr);
  EXPECT_EQ(p.bodyFormat, kFormatHtml);
  EXPECT_EQ(stripTrailingBreaks(p.altBodyText), m.altBodyText);
  ASSERT_EQ(p.attachments.size(), 3u);
  const Attachment* pdf = findAttachment(p, "résumé ünïcode.pdf");
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->data, m.attachments[0].data);
}

TEST(ParserMultipart, Rfc2231FileNames) {
  std::string raw = crlfText(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nbody\n"
      "--b\nContent-Type: application/pdf\nContent-Disposition: attachment;\n"
      " filename*0*=UTF-8''r%C3%A9sum%C3;\n filename*1*=%A9%20final;\n filename*2=\".pdf\"\n\nx\n"
      "--b\nContent-Type: text/plain; name*=iso-8859-1'fr'%E9t%E9.txt\n\ny\n"
      "--b\nContent-Type: application/octet-stream; name=\"=?UTF-8?B?w7xiZXIuYmlu?=\"\n\nz\n"
      "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"..\\\\..\\\\evil.exe\"\n\nw\n"
      "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename*2=c; filename*0=a;"
      " filename*1=b\n\nv\n"
      "--b--\n");
  Message p = parseMessage(raw);
  EXPECT_EQ(p.bodyText, "body");
  ASSERT_EQ(p.attachments.size(), 5u);
  EXPECT_EQ(p.attachments[0].filename, "résumé final.pdf");
  EXPECT_EQ(p.attachments[1].filename, "été.txt");
  EXPECT_EQ(p.attachments[2].filename, "über.bin");
  EXPECT_EQ(p.attachments[3].filename, "evil.exe");
  EXPECT_EQ(p.attachments[4].filename, "abc");
}

// ---- Bounds ----

namespace {
std::string nested(int depth) {
  std::string out;
  for (int d = 0; d < depth; ++d) {
    std::string b = "b" + std::to_string(d);
    out += "Content-Type: multipart/mixed; boundary=" + b + "\r\n\r\n--" + b + "\r\n";
  }
  out += "Content-Type: text/plain\r\n\r\ndeep text";
  for (int d = depth - 1; d >= 0; --d) out += "\r\n--b" + std::to_string(d) + "--\r\n";
  return out;
}
}  // namespace

TEST(ParserBounds, NestingDepthIsBounded) {
  Message shallow = parseMessage(nested(40));
  EXPECT_EQ(shallow.bodyText, "deep text");
  EXPECT_TRUE(shallow.attachments.empty());
  Message deep = parseMessage(nested(60));
  EXPECT_EQ(deep.bodyText, "");
  ASSERT_EQ(deep.attachments.size(), 1u);
  EXPECT_EQ(deep.attachments[0].contentType, "message/rfc822");
  EXPECT_NE(deep.attachments[0].data.find("deep text"), std::string::npos);
  Message veryDeep = parseMessage(nested(5000));
  EXPECT_EQ(veryDeep.attachments.size(), 1u);
}

TEST(ParserBounds, ThousandTinyParts) {
  std::string raw = "Content-Type: multipart/mixed; boundary=t\r\n\r\n--t\r\n\r\nfirst\r\n";
  for (int i = 1; i < 1000; ++i) {
    raw += "--t\r\nContent-Type: application/octet-stream; name=f" + std::to_string(i) + "\r\n\r\n" + std::to_string(i) + "\r\n";
  }
  raw += "--t--\r\n";
  Message p = parseMessage(raw);
  EXPECT_EQ(p.bodyText, "first");
  ASSERT_EQ(p.attachments.size(), 999u);
  EXPECT_EQ(p.attachments[998].filename, "f999");
  EXPECT_EQ(p.attachments[998].data, "999");
}

TEST(ParserBounds, PartBudgetKeepsTheRestWhole) {
  std::string raw = "Content-Type: multipart/mixed; boundary=t\r\n\r\n";
  for (size_t i = 0; i < kMaxMimeParts + 50; ++i) raw += "--t\r\n\r\nx\r\n";
  Message p = parseMessage(raw);
  EXPECT_EQ(p.bodyText, "x");
  ASSERT_EQ(p.attachments.size(), kMaxMimeParts - 2);
  EXPECT_EQ(p.attachments.back().contentType, "application/octet-stream");
  EXPECT_GT(p.attachments.back().size, 50u * 8);
}

TEST(ParserBounds, HugeHeaderSectionIsCut) {
  std::string raw = "Subject: s\r\n";
  std::string big(2000, 'a');
  for (int i = 0; i < 1000; ++i) raw += "X-Big: " + big + "\r\n";
  raw += "X-Late: late\r\n\r\nbody";
  Message p = parseMessage(raw);
  EXPECT_EQ(p.subject, "s");
  EXPECT_EQ(p.getHeader("X-Late"), "");
  EXPECT_LT(p.parsedHeaders.size(), 600u);
  EXPECT_EQ(p.bodyText, "body");
}

// ---- Files ----

TEST(ParserFiles, ImportFromFile) {
  char dir[] = "/tmp/mhparseXXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  std::string path = std::string(dir) + "/m.eml";
  std::string raw = buildMessage(richMessage());
  {
    std::ofstream f(path, std::ios::binary);
    f << raw;
  }
  Message p = importFromFile(path);
  EXPECT_EQ(p.subject, richMessage().subject);
  EXPECT_EQ(p.raw, raw);
  for (const std::string& bad : {std::string(dir) + "/missing.eml", std::string(dir), std::string()}) {
    try {
      importFromFile(bad);
      ADD_FAILURE() << "no error for " << bad;
    } catch (const MailError& e) {
      EXPECT_EQ(e.errCode, 301);
    }
  }
  std::remove(path.c_str());
  rmdir(dir);
}

// ---- Charset module ----

TEST(Charset, Utf8Validation) {
  EXPECT_TRUE(isValidUtf8("plain ascii"));
  EXPECT_TRUE(isValidUtf8("Grüße ✓ \xF0\x9F\x98\x80"));
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xE2\x82"));          // truncated
  EXPECT_EQ(latin1ToUtf8("\xE9\xFF"), "éÿ");
  EXPECT_EQ(normalizeCharsetName(" \"UTF-8\" "), "utf-8");
}

TEST(Charset, ConversionsNeverGiveInvalidUtf8) {
  EXPECT_EQ(toUtf8("\x82\xa0", "shift_jis"), "あ");
  EXPECT_EQ(toUtf8("\x1b$B$\"\x1b(B", "ISO-2022-JP"), "あ");
  EXPECT_EQ(toUtf8(std::string("h\0i\0", 4), "utf-16le"), "hi");
  EXPECT_EQ(toUtf8("\xC4\xE3\xBA\xC3", "gb2312"), "你好");
  const char* charsets[] = {"utf-8", "us-ascii", "iso-8859-1", "windows-1252", "koi8-r", "shift_jis", "iso-2022-jp",
                            "utf-16", "utf-7", "gb2312", "big5", "x-unknown", "../../x", "", "UTF-32BE", "euc-kr"};
  for (unsigned seed = 0; seed < 60; ++seed) {
    std::string bytes = randomBytes(seed % 64 + 1, seed);
    for (const char* cs : charsets) {
      std::string out = toUtf8(bytes, cs);
      ASSERT_TRUE(isValidUtf8(out)) << cs << " seed " << seed;
    }
  }
}

// ---- Garbage ----

TEST(ParserRobustness, RandomInputsNeverCrash) {
  static const char* kPieces[] = {
      "\r\n", "\n", "--b\r\n", "--b--\r\n", "--c\n", "Content-Type: multipart/mixed; boundary=b\r\n",
      "Content-Type: multipart/alternative; boundary=\"c\"\n", "Content-Type: text/html; charset=koi8-r\r\n",
      "Content-Type: message/rfc822\r\n", "Content-Transfer-Encoding: base64\r\n",
      "Content-Transfer-Encoding: quoted-printable\r\n", "Content-Disposition: attachment; filename*0*=utf-8''%C3",
      "; filename*1=x\r\n", "Subject: =?utf-8?B?w6k", "?= =?x?q?=E9?=\r\n", "From: \"a <b@c>, (x\r\n", " folded\r\n",
      "\t", "=?", "?=", "=\r\n", "=E9", "%", "'", "\"", "<", ">", "(", ")", ":", ";", ",", "\xE9", "\xC3", "\0",
      "Content-ID: <x>\r\n", "multipart/related; start=<x>\r\n", "Content-Type: multipart/digest; boundary=b\r\n"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 500; ++round) {
    std::string input;
    if (round % 3 == 0) {
      input = randomBytes(rng() % 4000, unsigned(round));
    } else {
      int n = int(rng() % 200);
      for (int k = 0; k < n; ++k) input += kPieces[rng() % (sizeof kPieces / sizeof *kPieces)];
    }
    Message p = parseMessage(input);
    expectAllUtf8(p);
    EXPECT_EQ(messageText(p), input);
  }
}

TEST(ParserRobustness, TruncationsOfARealMessage) {
  std::string raw = buildMessage(richMessage());
  std::mt19937 rng(99);
  std::vector<size_t> cuts;
  for (int i = 0; i < 300; ++i) cuts.push_back(rng() % raw.size());
  for (size_t c = 0; c < 6000 && c < raw.size(); c += 13) cuts.push_back(c);
  for (size_t cut : cuts) {
    Message p = parseMessage(std::string_view(raw).substr(0, cut));
    expectAllUtf8(p);
  }
  // Flipped bytes in the structure.
  for (int i = 0; i < 200; ++i) {
    std::string s = raw.substr(0, 12000);
    for (int k = 0; k < 10; ++k) s[rng() % s.size()] = char(rng() & 0xFF);
    expectAllUtf8(parseMessage(s));
  }
}
