#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <iconv.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/codec.h"
#include "core/error.h"
#include "mime/message.h"
#include "mime/parser.h"

namespace mailhive::mime {

// Defined in message.cc.
std::string guessContentType(const std::string& filename);

namespace {

constexpr size_t kPiece = 64 * 1024;  // target size of one next() piece
constexpr size_t kChunk = 48 * 1024;  // attachment read size, a multiple of 3 so no carry between chunks
constexpr size_t kFoldAt = 78;
constexpr size_t kMaxLine = 998;

bool isAlnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return s;
}

std::string randomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  if (gnutls_rnd(GNUTLS_RND_NONCE, raw.data(), raw.size()) != 0) {
    throw MailError(kFileError, "random number generator failed");
  }
  return hexLower(raw);
}

std::string nowRfc5322() {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = std::time(nullptr);
  std::tm tm {};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

// Length of the UTF-8 sequence starting at s[i]; 1 for an invalid or truncated sequence.
size_t utf8Len(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) return 1;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

bool qLiteral(unsigned char c) { return isAlnum(c) || std::strchr("!*+-/", c) != nullptr; }

// RFC 2047 encoded words for `text`; the first word is at most `firstMax` chars, the others 75.
// UTF-8 sequences are never split; Q or B, whichever is shorter.
std::vector<std::string> encodeWords(std::string_view text, size_t firstMax) {
  size_t qLen = 0;
  for (unsigned char c : text) qLen += (qLiteral(c) || c == ' ') ? 1 : 3;
  bool useB = qLen > (text.size() + 2) / 3 * 4;
  const std::string prefix = useB ? "=?UTF-8?B?" : "=?UTF-8?Q?";
  const size_t overhead = prefix.size() + 2;
  std::vector<std::string> words;
  std::string chunk;     // raw bytes of the current word (B)
  std::string payload;   // encoded text of the current word (Q)
  auto maxLen = [&] { return words.empty() ? firstMax : size_t(75); };
  auto flush = [&] {
    if (useB ? chunk.empty() : payload.empty()) return;
    words.push_back(prefix + (useB ? base64Encode(chunk) : payload) + "?=");
    chunk.clear();
    payload.clear();
  };
  static const char kHex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8Len(text, i);
    std::string_view ch = text.substr(i, n);
    i += n;
    if (useB) {
      size_t len = overhead + (chunk.size() + n + 2) / 3 * 4;
      if (len > maxLen() && !chunk.empty()) flush();
      chunk.append(ch);
    } else {
      std::string enc;
      for (unsigned char c : ch) {
        if (c == ' ') enc.push_back('_');
        else if (qLiteral(c)) enc.push_back(char(c));
        else {
          enc.push_back('=');
          enc.push_back(kHex[c >> 4]);
          enc.push_back(kHex[c & 15]);
        }
      }
      if (overhead + payload.size() + enc.size() > maxLen() && !payload.empty()) flush();
      payload += enc;
    }
  }
  flush();
  return words;
}

size_t firstWordMax(size_t col) { return col + 75 <= 76 ? 75 : std::max<size_t>(76 - std::min<size_t>(col, 52), 24); }

std::string joinFolded(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) out += "\r\n ";
    out += words[i];
  }
  return out;
}

// Folds printable ASCII at white space so lines stay <= 78 where possible; `col` is the length of
// what precedes the text on its first line. Returns false when a line would still exceed 998.
bool foldAscii(std::string_view text, size_t col, std::string& out) {
  out.clear();
  size_t lineLen = col;
  bool lineHasWord = false;
  size_t maxLen = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t wsEnd = i;
    while (wsEnd < text.size() && (text[wsEnd] == ' ' || text[wsEnd] == '\t')) ++wsEnd;
    size_t wordEnd = wsEnd;
    while (wordEnd < text.size() && text[wordEnd] != ' ' && text[wordEnd] != '\t') ++wordEnd;
    size_t len = wordEnd - i;
    // Break before the white space (which then starts the continuation line).
    if (lineHasWord && wsEnd > i && wordEnd > wsEnd && lineLen + len > kFoldAt) {
      out += "\r\n";
      maxLen = std::max(maxLen, lineLen);
      lineLen = 0;
    }
    out.append(text.substr(i, len));
    lineLen += len;
    if (wordEnd > wsEnd) lineHasWord = true;
    i = wordEnd;
  }
  maxLen = std::max(maxLen, lineLen);
  return maxLen <= kMaxLine;
}

bool printableAscii(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 32 && c != '\t') || c > 126) return false;
  }
  return true;
}

// Header text at column `col` (after "Name: "): folded ASCII, or encoded words.
std::string encodeHeaderTextAt(const std::string& utf8, size_t col) {
  requireSingleLine(utf8, "header value");
  if (utf8.empty()) return "";
  std::string folded;
  // Text that looks like an encoded word is encoded so readers do not decode it.
  if (printableAscii(utf8) && utf8.find("=?") == std::string::npos && foldAscii(utf8, col, folded)) return folded;
  return joinFolded(encodeWords(utf8, firstWordMax(col)));
}

}  // namespace

std::string encodeHeaderText(const std::string& utf8) { return encodeHeaderTextAt(utf8, 0); }

namespace {

bool isAtext(unsigned char c) { return isAlnum(c) || std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr; }

std::string quoteString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// The display name as header tokens (each may be preceded by a fold).
std::vector<std::string> nameTokens(const std::string& name) {
  if (name.empty()) return {};
  bool ascii = true, atoms = true;
  for (unsigned char c : name) {
    if (c < 32 || c > 126) ascii = false;
    else if (c != ' ' && !isAtext(c)) atoms = false;
  }
  if (ascii && name.size() <= 70 && name.find("=?") == std::string::npos) {
    if (!atoms || name.front() == ' ' || name.back() == ' ' || name.find("  ") != std::string::npos) {
      return {quoteString(name)};
    }
    std::vector<std::string> words;
    size_t i = 0;
    while (i <= name.size()) {
      size_t sp = name.find(' ', i);
      if (sp == std::string::npos) sp = name.size();
      words.push_back(name.substr(i, sp - i));
      i = sp + 1;
    }
    return words;
  }
  return encodeWords(name, 75);
}

// "Name: a, b, ..." folded at token boundaries, ending CRLF.
std::string addressHeader(const char* header, const std::vector<Address>& list) {
  std::vector<std::string> tokens;
  for (size_t i = 0; i < list.size(); ++i) {
    std::vector<std::string> t = nameTokens(list[i].name);
    t.push_back(t.empty() ? list[i].addr : "<" + list[i].addr + ">");
    if (i + 1 < list.size()) t.back() += ",";
    tokens.insert(tokens.end(), t.begin(), t.end());
  }
  std::string out = std::string(header) + ":";
  size_t lineLen = out.size();
  bool lineHasToken = false;
  for (const std::string& t : tokens) {
    if (lineHasToken && lineLen + 1 + t.size() > kFoldAt) {
      out += "\r\n";
      lineLen = 0;
    }
    out += " " + t;
    lineLen += 1 + t.size();
    lineHasToken = true;
  }
  return out + "\r\n";
}

bool hasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) > 127; });
}

// Line ends to CRLF (bare CR and bare LF included), non-empty text ends with CRLF.
std::string normalizeCrlf(std::string_view in) {
  std::string out;
  out.reserve(in.size() + in.size() / 32 + 2);
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\r') {
      if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0)) out += "\r\n";
  return out;
}

// UTF-8 to `charset` with iconv; false when the charset is unknown or cannot represent the text.
bool convertCharset(const std::string& in, const std::string& charset, std::string& out) {
  iconv_t cd = iconv_open(charset.c_str(), "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.assign(in.size() * 4 + 16, '\0');
  char* inp = const_cast<char*>(in.data());
  size_t inLeft = in.size();
  char* outp = out.data();
  size_t outLeft = out.size();
  size_t r = iconv(cd, &inp, &inLeft, &outp, &outLeft);
  bool ok = r == 0 && inLeft == 0 && iconv(cd, nullptr, nullptr, &outp, &outLeft) == 0;
  iconv_close(cd);
  out.resize(out.size() - outLeft);
  // Charsets that are not ASCII compatible (UTF-16, ...) would break the CRLF structure.
  if (ok && out.find('\0') != std::string::npos && in.find('\0') == std::string::npos) ok = false;
  return ok;
}

struct Part {
  std::string headers;     // complete header lines (CRLF ended)
  std::string body;        // literal content, CRLF ended or empty
  int attachment = -1;     // index of an attachment whose base64 content is streamed
  std::string subtype;     // multipart subtype when kids are set
  std::vector<Part> kids;
};

Part textPart(const std::string& text, const char* subtype, std::string charset) {
  std::string body = normalizeCrlf(text);
  std::string lc = lower(charset);
  if (lc != "utf-8" && lc != "utf8") {
    std::string converted;
    if (convertCharset(body, charset, converted)) body.swap(converted);
    else charset = "utf-8";
  }
  size_t nonAscii = 0, lineLen = 0, maxLine = 0;
  bool nul = false;
  for (char ch : body) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c > 127) ++nonAscii;
    if (c == 0) nul = true;
    if (c == '\n') lineLen = 0;
    else maxLine = std::max(maxLine, ++lineLen);
  }
  Part p;
  std::string cte;
  // maxLine counts the CR of CRLF, hence 999.
  if (nonAscii == 0 && !nul && maxLine <= kMaxLine + 1) {
    cte = "7bit";
    p.body = std::move(body);
  } else if (nonAscii * 10 > body.size() * 3) {
    cte = "base64";
    std::string carry;
    size_t col = 0;
    base64EncodeLines(body, p.body, carry, col, true);
  } else {
    cte = "quoted-printable";
    p.body = quotedPrintableEncode(body);
  }
  p.headers = std::string("Content-Type: text/") + subtype + "; charset=" + charset +
              "\r\nContent-Transfer-Encoding: " + cte + "\r\n";
  return p;
}

// RFC 2231 attr-char (not percent-encoded).
bool attrChar(unsigned char c) { return isAlnum(c) || std::strchr("!#$&+-.^_`|~", c) != nullptr; }

// The file name parameter lines (without the trailing CRLF) for Content-Disposition, e.g. " filename=\"a.pdf\"".
std::string filenameParams(const std::string& fname) {
  if (printableAscii(fname) && fname.size() <= 60 && fname.find('\t') == std::string::npos) {
    return " filename=" + quoteString(fname);
  }
  // Percent-encoded characters, so that segments never split a UTF-8 sequence.
  std::vector<std::string> chars;
  size_t total = 0;
  static const char kHex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < fname.size();) {
    size_t n = utf8Len(fname, i);
    std::string enc;
    for (size_t k = i; k < i + n; ++k) {
      unsigned char c = static_cast<unsigned char>(fname[k]);
      if (attrChar(c)) enc.push_back(char(c));
      else {
        enc.push_back('%');
        enc.push_back(kHex[c >> 4]);
        enc.push_back(kHex[c & 15]);
      }
    }
    total += enc.size();
    chars.push_back(std::move(enc));
    i += n;
  }
  const std::string single = " filename*=utf-8''";
  if (single.size() + total <= kFoldAt) {
    std::string out = single;
    for (const auto& c : chars) out += c;
    return out;
  }
  std::string out;
  std::string line;
  int seg = 0;
  auto startLine = [&] {
    line = " filename*" + std::to_string(seg) + "*=" + (seg == 0 ? "utf-8''" : "");
  };
  startLine();
  size_t lineBase = line.size();
  for (const auto& c : chars) {
    // Room for the ';' that ends every segment but the last.
    if (line.size() > lineBase && line.size() + c.size() + 1 > kFoldAt) {
      out += line + ";\r\n";
      ++seg;
      startLine();
      lineBase = line.size();
    }
    line += c;
  }
  return out + line;
}

// The name= parameter value for Content-Type: quoted ASCII, or RFC 2047 words for old clients.
std::string nameParam(const std::string& fname) {
  if (printableAscii(fname) && fname.size() <= 900 && fname.find("=?") == std::string::npos) return quoteString(fname);
  return "\"" + joinFolded(encodeWords(fname, 68)) + "\"";
}

std::string stripAngles(std::string s) {
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
  return s;
}

void requireToken(const std::string& v, const char* what) {
  requireSingleLine(v, what);
  if (v.empty()) throw ArgumentError(std::string(what) + " must not be empty");
  for (unsigned char c : v) {
    if (!isAlnum(c) && !std::strchr("-_.:+", c)) throw ArgumentError(std::string("invalid ") + what + ": " + v);
  }
}

void requireFieldName(const std::string& name) {
  if (name.empty() || name.size() > 900) throw ArgumentError("header name must be 1 to 900 characters");
  for (unsigned char c : name) {
    if (c < 33 || c > 126 || c == ':') throw ArgumentError("invalid header name: " + name);
  }
}

Part attachmentPart(const Attachment& a, bool inlineDisposition) {
  std::string fname = a.filename;
  if (fname.empty() && !a.path.empty()) {
    size_t slash = a.path.find_last_of('/');
    fname = slash == std::string::npos ? a.path : a.path.substr(slash + 1);
  }
  if (fname.empty()) fname = "attachment";
  requireSingleLine(fname, "attachment name");
  requireSingleLine(a.contentType, "contentType");
  requireSingleLine(a.contentId, "contentId");
  std::string type = a.contentType.empty() ? guessContentType(fname) : a.contentType;
  Part p;
  p.headers = "Content-Type: " + type + ";\r\n name=" + nameParam(fname) + "\r\n";
  p.headers += "Content-Transfer-Encoding: base64\r\n";
  if (!a.contentId.empty()) p.headers += "Content-ID: <" + stripAngles(a.contentId) + ">\r\n";
  p.headers += std::string("Content-Disposition: ") + (inlineDisposition ? "inline" : "attachment") + ";\r\n" +
               filenameParams(fname) + "\r\n";
  return p;
}

Part multipart(const char* subtype, std::vector<Part> kids) {
  Part p;
  p.subtype = subtype;
  p.kids = std::move(kids);
  return p;
}

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

// One piece of output: literal text, or an attachment to stream as base64 lines.
struct Segment {
  std::string text;
  bool source = false;
  std::string path;  // read from the file when set
  std::string data;  // else these bytes
  uint64_t size = 0;
};

}  // namespace

struct MessageWriter::Impl {
  std::vector<Segment> segs;
  uint64_t total = 0;
  bool smtpUtf8 = false;
  std::string date, messageId;
  // Streaming state of the current segment.
  size_t idx = 0;
  size_t pos = 0;
  uint64_t done = 0;
  std::string carry;
  size_t col = 0;
  FilePtr file{nullptr, &std::fclose};
  std::string buf;

  void literal(const std::string& s) {
    if (segs.empty() || segs.back().source) segs.emplace_back();
    segs.back().text += s;
  }

  void emit(const Part& p, const std::vector<Attachment>& atts, bool top) {
    if (!p.kids.empty()) {
      std::string boundary = "----=_mh_" + randomHex(12);
      literal("Content-Type: multipart/" + p.subtype + ";\r\n boundary=\"" + boundary + "\"\r\n\r\n");
      if (top) literal("This is a multi-part message in MIME format.\r\n");
      // RFC 2046: the CRLF before a delimiter belongs to the delimiter, so every part after its own
      // last line end gets one more; a text body's final line break survives a round trip.
      bool first = true;
      for (const Part& k : p.kids) {
        literal(std::string(first ? "" : "\r\n") + "--" + boundary + "\r\n");
        first = false;
        emit(k, atts, false);
      }
      literal("\r\n--" + boundary + "--\r\n");
      return;
    }
    literal(p.headers + "\r\n");
    if (p.attachment < 0) {
      literal(p.body);
      return;
    }
    const Attachment& a = atts[size_t(p.attachment)];
    Segment s;
    s.source = true;
    s.path = a.path;
    if (a.path.empty()) s.data = a.data;
    s.size = a.path.empty() ? a.data.size() : a.size;
    segs.push_back(std::move(s));
  }

  // Streams the next chunk of source segment `s`; true when it is complete.
  bool pump(Segment& s, std::string& out) {
    uint64_t want = std::min<uint64_t>(kChunk, s.size - done);
    std::string_view chunk;
    if (!s.path.empty()) {
      if (!file) {
        file.reset(std::fopen(s.path.c_str(), "rb"));
        if (!file) throw MailError(kFileError, "file not found or unreadable: " + s.path);
      }
      buf.resize(size_t(want));
      size_t got = want ? std::fread(buf.data(), 1, size_t(want), file.get()) : 0;
      if (got < want) throw MailError(kFileError, "file not found or unreadable (shorter than when added): " + s.path);
      if (done + got == s.size && std::fgetc(file.get()) != EOF) {
        throw MailError(kFileError, "file not found or unreadable (longer than when added): " + s.path);
      }
      chunk = std::string_view(buf.data(), got);
    } else {
      chunk = std::string_view(s.data).substr(size_t(done), size_t(want));
    }
    done += want;
    bool final = done == s.size;
    base64EncodeLines(chunk, out, carry, col, final);
    if (final) {
      file.reset();
      done = 0;
      col = 0;
      carry.clear();
      std::string().swap(s.data);
    }
    return final;
  }
};

MessageWriter::MessageWriter(const Message& m) : impl_(std::make_unique<Impl>()) {
  Impl& w = *impl_;
  auto from = parseAddressList(m.fromAddr, "fromAddr");
  auto to = parseAddressList(m.toAddr, "toAddr");
  auto cc = parseAddressList(m.ccAddr, "ccAddr");
  auto bcc = parseAddressList(m.bccAddr, "bccAddr");
  auto replyTo = parseAddressList(m.replyToAddr, "replyToAddr");
  for (const auto* list : {&from, &to, &cc, &bcc, &replyTo}) {
    for (const Address& a : *list) {
      if (hasNonAscii(a.addr)) w.smtpUtf8 = true;
    }
  }
  requireSingleLine(m.subject, "subject");
  requireSingleLine(m.date, "date");
  requireSingleLine(m.messageId, "messageId");
  std::string charset = m.charset.empty() ? "utf-8" : m.charset;
  requireToken(charset, "charset");

  w.date = m.date.empty() ? nowRfc5322() : m.date;
  if (m.messageId.empty()) {
    std::string domain = "mailhive.local";
    if (!from.empty()) {
      std::string d = from[0].addr.substr(from[0].addr.rfind('@') + 1);
      bool plain = std::all_of(d.begin(), d.end(), [](char c) {
        return isAlnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
      });
      if (plain && !d.empty()) domain = d;
    }
    w.messageId = "<" + randomHex(16) + "@" + domain + ">";
  } else {
    w.messageId = m.messageId.front() == '<' ? m.messageId : "<" + m.messageId + ">";
  }

  std::string h;
  auto textHeader = [&](const std::string& name, const std::string& value) {
    h += name + ": " + encodeHeaderTextAt(value, name.size() + 2) + "\r\n";
  };
  textHeader("Date", w.date);
  if (!from.empty()) h += addressHeader("From", from);
  if (!replyTo.empty()) h += addressHeader("Reply-To", replyTo);
  if (!to.empty()) h += addressHeader("To", to);
  if (!cc.empty()) h += addressHeader("Cc", cc);
  if (!m.subject.empty()) textHeader("Subject", m.subject);
  textHeader("Message-ID", w.messageId);
  if (m.priority >= 1 && m.priority <= 5) {
    static const char* kPrio[] = {"1 (Highest)", "2 (High)", "3 (Normal)", "4 (Low)", "5 (Lowest)"};
    h += std::string("X-Priority: ") + kPrio[m.priority - 1] + "\r\n";
    if (m.priority != 3) h += std::string("Importance: ") + (m.priority < 3 ? "High" : "Low") + "\r\n";
  }
  for (const auto& [name, value] : m.headers) {
    requireFieldName(name);
    std::string ln = lower(name);
    if (ln == "bcc" || ln == "mime-version" || ln == "content-type" || ln == "content-transfer-encoding") {
      throw ArgumentError("header " + name + " is set by the message builder");
    }
    if (value.empty()) continue;
    textHeader(name, value);
  }
  h += "MIME-Version: 1.0\r\n";
  w.literal(h);

  // The body tree, simplest structure that fits.
  bool html = m.bodyFormat == kFormatHtml;
  std::vector<Part> inlines, attached;
  for (size_t i = 0; i < m.attachments.size(); ++i) {
    const Attachment& a = m.attachments[i];
    bool isInline = html && !a.contentId.empty();
    Part p = attachmentPart(a, isInline);
    p.attachment = int(i);
    (isInline ? inlines : attached).push_back(std::move(p));
  }
  Part body;
  if (html) {
    body = textPart(m.bodyText, "html", charset);
    if (!inlines.empty()) {
      inlines.insert(inlines.begin(), std::move(body));
      body = multipart("related", std::move(inlines));
    }
    if (!m.altBodyText.empty()) body = multipart("alternative", {textPart(m.altBodyText, "plain", charset), std::move(body)});
  } else {
    body = textPart(m.bodyText, "plain", charset);
  }
  if (!attached.empty()) {
    attached.insert(attached.begin(), std::move(body));
    body = multipart("mixed", std::move(attached));
  }
  w.emit(body, m.attachments, true);

  for (const Segment& s : w.segs) w.total += s.source ? base64LinesSize(s.size) : s.text.size();
}

MessageWriter::~MessageWriter() = default;

bool MessageWriter::next(std::string& out) {
  Impl& w = *impl_;
  size_t added = 0;
  while (w.idx < w.segs.size()) {
    Segment& s = w.segs[w.idx];
    if (!s.source) {
      size_t take = std::min(s.text.size() - w.pos, kPiece - added);
      out.append(s.text, w.pos, take);
      w.pos += take;
      added += take;
      if (w.pos == s.text.size()) {
        std::string().swap(s.text);
        ++w.idx;
        w.pos = 0;
      }
      if (added >= kPiece) break;
      continue;
    }
    // A base64 chunk is about 64 KiB by itself: return what we have first.
    if (added > 0) break;
    size_t before = out.size();
    if (w.pump(s, out)) ++w.idx;
    added += out.size() - before;
    if (added > 0) break;
  }
  return added > 0;
}

uint64_t MessageWriter::size() const { return impl_->total; }
bool MessageWriter::needs8BitMime() const { return impl_->smtpUtf8; }
bool MessageWriter::needsSmtpUtf8() const { return impl_->smtpUtf8; }
const std::string& MessageWriter::date() const { return impl_->date; }
const std::string& MessageWriter::messageId() const { return impl_->messageId; }

std::string buildMessage(const Message& m) {
  MessageWriter w(m);
  std::string out;
  out.reserve(size_t(w.size()));
  while (w.next(out)) {
  }
  return out;
}

void saveMessage(const Message& m, const std::string& path) {
  // A parsed message that was not changed is saved as its original bytes, like rawBody.
  const bool original = !m.raw.empty() && messageFingerprint(m) == m.rawFingerprint;
  // Built first so that a bad message leaves an existing file untouched.
  std::unique_ptr<MessageWriter> w;
  if (!original) w = std::make_unique<MessageWriter>(m);
  FilePtr f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f) throw MailError(kFileError, "cannot write file: " + path);
  try {
    std::string chunk;
    if (original) chunk = m.raw;
    while (original ? !chunk.empty() : w->next(chunk)) {
      if (std::fwrite(chunk.data(), 1, chunk.size(), f.get()) != chunk.size()) {
        throw MailError(kFileError, "cannot write file: " + path);
      }
      chunk.clear();
    }
    if (std::fclose(f.release()) != 0) throw MailError(kFileError, "cannot write file: " + path);
  } catch (...) {
    f.reset();
    std::remove(path.c_str());
    throw;
  }
}

}  // namespace mailhive::mime
