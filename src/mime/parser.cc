#include "mime/parser.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/codec.h"
#include "core/error.h"
#include "mime/charset.h"

namespace mailhive::mime {

namespace {

constexpr size_t kMaxEncodedWord = 1024;  // RFC 2047 says 75; real mail is sloppier, but not unbounded
constexpr size_t kMaxBoundary = 200;      // RFC 2046 says 70
constexpr size_t kMaxFilename = 200;      // bytes of a generated (subject-based) file name

bool isWsp(char c) { return c == ' ' || c == '\t'; }

char lowerChar(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lowerChar(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lowerChar(a[i]) != lowerChar(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Single-line text for the Message fields: the builder rejects CR, LF and NUL.
std::string singleLine(std::string s) {
  for (char& c : s) {
    if (c == '\r' || c == '\n' || c == '\0') c = ' ';
  }
  return std::string(trim(s));
}

// Line ends as CRLF (bare LF and bare CR included), as the builder writes them.
std::string crlf(std::string_view in) {
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
  return out;
}

// ---- Transfer encodings ----

// RFC 2045 quoted-printable, leniently: trailing white space dropped, "=" at a line end is a soft
// break, an "=" not followed by two hex digits is kept as it is; hard line breaks become CRLF.
std::string quotedPrintableDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t pos = 0;
  while (pos < in.size()) {
    size_t nl = in.find('\n', pos);
    bool hasBreak = nl != std::string_view::npos;
    std::string_view line = in.substr(pos, (hasBreak ? nl : in.size()) - pos);
    pos = hasBreak ? nl + 1 : in.size();
    while (!line.empty() && (isWsp(line.back()) || line.back() == '\r')) line.remove_suffix(1);
    bool soft = !line.empty() && line.back() == '=';
    if (soft) line.remove_suffix(1);
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '=' && i + 2 < line.size()) {
        int hi = hexValue(line[i + 1]);
        int lo = hexValue(line[i + 2]);
        if (hi >= 0 && lo >= 0) {
          out.push_back(char(hi * 16 + lo));
          i += 2;
          continue;
        }
      }
      out.push_back(line[i]);
    }
    if (hasBreak && !soft) out += "\r\n";
  }
  return out;
}

std::string percentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
      out.push_back(char(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

// ---- RFC 2047 encoded words ----

bool isCharsetChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == ':' || c == '*' || c == '+';
}

// Reads "=?charset?B|Q?text?=" at s[i]. Returns the index after it, or 0 when there is none; then
// `resume` is where scanning may go on (no encoded word can start before it).
size_t readEncodedWord(std::string_view s, size_t i, std::string& charset, std::string& bytes, size_t& resume) {
  resume = i + 2;
  size_t p = i + 2;
  while (p < s.size() && p - (i + 2) <= 64 && isCharsetChar(s[p])) ++p;
  if (p == i + 2 || p + 2 >= s.size() || s[p] != '?') return 0;
  char enc = lowerChar(s[p + 1]);
  if ((enc != 'b' && enc != 'q') || s[p + 2] != '?') return 0;
  size_t textStart = p + 3;
  size_t q = textStart;
  while (q < s.size() && q - textStart <= kMaxEncodedWord) {
    if (s[q] == '?' && q + 1 < s.size() && s[q + 1] == '=') break;
    if (isWsp(s[q])) break;
    ++q;
  }
  if (q >= s.size() || s[q] != '?') {
    // Stopped at white space or the end without "?=": no word can end before that point either.
    if (q >= s.size() || isWsp(s[q])) resume = q;
    return 0;
  }
  charset.assign(s.substr(i + 2, p - (i + 2)));
  std::string_view text = s.substr(textStart, q - textStart);
  if (enc == 'b') {
    bytes = base64Decode(text);
  } else {
    bytes.clear();
    for (size_t k = 0; k < text.size(); ++k) {
      if (text[k] == '_') {
        bytes.push_back(' ');
      } else if (text[k] == '=' && k + 2 < text.size() && hexValue(text[k + 1]) >= 0 && hexValue(text[k + 2]) >= 0) {
        bytes.push_back(char(hexValue(text[k + 1]) * 16 + hexValue(text[k + 2])));
        k += 2;
      } else {
        bytes.push_back(text[k]);
      }
    }
  }
  return q + 2;
}

// ---- Addresses ----

// A display name as the Message fields write it: quoted when the builder's address parser would
// otherwise split or misread it.
std::string formatAddress(const std::string& name, const std::string& addr) {
  if (name.empty()) return addr;
  bool quote = name.front() == ' ' || name.back() == ' ' || name.find_first_of(",;<>()\"\\:@[]") != std::string::npos;
  std::string n;
  if (quote) {
    n = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') n.push_back('\\');
      n.push_back(c);
    }
    n.push_back('"');
  } else {
    n = name;
  }
  return addr.empty() ? n : n + " <" + addr + ">";
}

// ---- Header sections and parameters ----

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Raw 8-bit as UTF-8 (else Latin-1), trimmed; encoded words still encoded.
std::string cleanValue(std::string_view v) { return utf8OrLatin1(trim(v)); }

// Reads the header lines at the start of `s` (unfolded: the line break of a continuation is dropped,
// a tab that starts it becomes a space). Returns the offset of the body. A line that is neither a
// header nor a continuation ends the section (the body starts with it); at the top an mbox "From "
// line is skipped. Header bytes past kMaxHeaderBytes are not kept.
size_t parseHeaderSection(std::string_view s, HeaderList& out, bool top) {
  size_t pos = 0, bytes = 0;
  bool first = true, have = false;
  std::string name, value;
  auto flush = [&] {
    if (have) out.emplace_back(std::move(name), cleanValue(value));
    have = false;
    name.clear();
    value.clear();
  };
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    size_t end = nl == std::string_view::npos ? s.size() : nl;
    size_t next = nl == std::string_view::npos ? s.size() : nl + 1;
    std::string_view line = s.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      return next;
    }
    bytes += line.size() + 1;
    bool keep = bytes <= kMaxHeaderBytes;
    if (isWsp(line[0])) {
      if (have && keep) {
        value.push_back(' ');
        value.append(line.substr(1));
      }
      pos = next;
      first = false;
      continue;
    }
    if (first && top && line.substr(0, 5) == "From ") {
      pos = next;
      first = false;
      continue;
    }
    first = false;
    size_t colon = line.find(':');
    std::string_view field = colon == std::string_view::npos ? std::string_view() : line.substr(0, colon);
    while (!field.empty() && isWsp(field.back())) field.remove_suffix(1);
    bool valid = !field.empty() && std::all_of(field.begin(), field.end(), [](char c) {
      return static_cast<unsigned char>(c) > 32 && static_cast<unsigned char>(c) < 127;
    });
    if (!valid) {
      flush();
      return pos;
    }
    flush();
    if (keep) {
      name.assign(field);
      value.assign(line.substr(colon + 1));
      have = true;
    }
    pos = next;
  }
  flush();
  return s.size();
}

struct Param {
  std::string name;  // lower case
  std::string value;
};

// "main; a=b; c=\"d\"" -> main and the parameters (quotes removed, backslash escapes undone).
void parseParams(std::string_view v, std::string& main, std::vector<Param>& params) {
  size_t semi = v.find(';');
  main.assign(trim(v.substr(0, semi)));
  if (semi == std::string_view::npos) return;
  size_t i = semi + 1;
  while (i < v.size()) {
    while (i < v.size() && (isWsp(v[i]) || v[i] == ';')) ++i;
    size_t nameStart = i;
    while (i < v.size() && v[i] != '=' && v[i] != ';') ++i;
    if (i >= v.size() || v[i] == ';') continue;
    std::string name = lower(trim(v.substr(nameStart, i - nameStart)));
    ++i;
    while (i < v.size() && isWsp(v[i])) ++i;
    std::string value;
    if (i < v.size() && v[i] == '"') {
      for (++i; i < v.size() && v[i] != '"'; ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;
        value.push_back(v[i]);
      }
      while (i < v.size() && v[i] != ';') ++i;
    } else {
      size_t start = i;
      while (i < v.size() && v[i] != ';') ++i;
      value.assign(trim(v.substr(start, i - start)));
    }
    if (!name.empty()) params.push_back({std::move(name), std::move(value)});
  }
}

const std::string* rawParam(const std::vector<Param>& ps, std::string_view name) {
  for (const Param& p : ps) {
    if (p.name == name) return &p.value;
  }
  return nullptr;
}

// RFC 2231 "charset'lang'%xx..." -> charset and bytes.
void splitExtended(std::string_view v, std::string& charset, std::string& bytes) {
  size_t q1 = v.find('\'');
  size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) {
    charset.clear();
    bytes = percentDecode(v);
    return;
  }
  charset.assign(v.substr(0, q1));
  bytes = percentDecode(v.substr(q2 + 1));
}

}  // namespace

std::string decodeHeaderText(std::string_view value) {
  std::string v = utf8OrLatin1(value);
  std::string out, pendingWs, cs, curCharset, curBytes, bytes;
  bool lastWasWord = false, haveWord = false;
  auto flushWord = [&] {
    if (haveWord) out += toUtf8(curBytes, curCharset);
    haveWord = false;
    curBytes.clear();
  };
  auto plain = [&] {
    flushWord();
    out += pendingWs;
    pendingWs.clear();
    lastWasWord = false;
  };
  size_t i = 0;
  while (i < v.size()) {
    char c = v[i];
    if (c == '=' && i + 1 < v.size() && v[i + 1] == '?') {
      size_t resume = 0;
      size_t end = readEncodedWord(v, i, cs, bytes, resume);
      if (end) {
        // White space between adjacent encoded words is dropped; bytes of adjacent words in one
        // charset are joined first, so a character split across two words still decodes.
        if (!lastWasWord) out += pendingWs;
        pendingWs.clear();
        std::string n = normalizeCharsetName(cs);
        if (!haveWord || n != curCharset) {
          flushWord();
          curCharset = n;
          haveWord = true;
        }
        curBytes += bytes;
        lastWasWord = true;
        i = end;
        continue;
      }
      plain();
      out.append(v, i, resume - i);
      i = resume;
      continue;
    }
    if (isWsp(c)) {
      pendingWs.push_back(c);
      ++i;
      continue;
    }
    plain();
    out.push_back(c);
    ++i;
  }
  flushWord();
  out += pendingWs;
  return singleLine(std::move(out));
}

std::string decodeAddressList(std::string_view value) {
  std::string v = utf8OrLatin1(value);
  struct Word {
    std::string text;
    bool quoted;
    bool spaceBefore;
  };
  std::vector<Word> words;
  std::string angle, comment, result;
  bool haveAngle = false, space = false;
  auto finish = [&] {
    std::string name, addr;
    auto phrase = [&] {
      std::string s;
      for (size_t k = 0; k < words.size(); ++k) {
        if (k && words[k].spaceBefore) s.push_back(' ');
        s += words[k].text;
      }
      return decodeHeaderText(s);
    };
    if (haveAngle) {
      addr = singleLine(angle);
      // Obsolete source route "@a,@b:user@host".
      size_t colon = addr.find(':');
      if (!addr.empty() && addr[0] == '@' && colon != std::string::npos) addr = addr.substr(colon + 1);
      name = phrase();
    } else {
      bool hasAt = std::any_of(words.begin(), words.end(),
                               [](const Word& w) { return !w.quoted && w.text.find('@') != std::string::npos; });
      if (hasAt) {
        for (const Word& w : words) addr += w.quoted ? "\"" + w.text + "\"" : w.text;
        addr = singleLine(addr);
        name = decodeHeaderText(comment);
      } else {
        name = phrase();
      }
    }
    if (!name.empty() || !addr.empty()) {
      if (!result.empty()) result += ", ";
      result += formatAddress(name, addr);
    }
    words.clear();
    angle.clear();
    comment.clear();
    haveAngle = false;
    space = false;
  };
  size_t i = 0;
  std::string cs, bytes;
  while (i < v.size()) {
    char c = v[i];
    size_t resume = 0;
    size_t wordEnd = c == '=' && i + 1 < v.size() && v[i + 1] == '?' ? readEncodedWord(v, i, cs, bytes, resume) : 0;
    if (wordEnd) {
      // An encoded word is one atom, even when its text holds specials such as ",".
      words.push_back({v.substr(i, wordEnd - i), false, space});
      space = false;
      i = wordEnd;
    } else if (c == '"') {
      std::string text;
      for (++i; i < v.size() && v[i] != '"'; ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;
        text.push_back(v[i]);
      }
      ++i;
      words.push_back({std::move(text), true, space || words.empty()});
      space = false;
    } else if (c == '(') {
      int depth = 0;
      std::string text;
      for (; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) {
          text.push_back(v[++i]);
          continue;
        }
        if (v[i] == '(' && depth++ == 0) continue;
        if (v[i] == ')' && --depth == 0) break;
        text.push_back(v[i]);
      }
      ++i;
      if (comment.empty()) comment = std::string(trim(text));
      space = true;
    } else if (c == '<') {
      size_t close = v.find('>', i + 1);
      if (close == std::string::npos) close = v.size();
      angle.assign(v, i + 1, close - i - 1);
      haveAngle = true;
      i = close + 1;
    } else if (c == ',' || c == ';') {
      finish();
      ++i;
    } else if (c == ':') {
      // A group "name: a, b;": the members count, not the group's name.
      if (!haveAngle) {
        words.clear();
        comment.clear();
      }
      ++i;
    } else if (isWsp(c)) {
      space = true;
      ++i;
    } else {
      size_t start = i;
      while (i < v.size() && !isWsp(v[i]) && v[i] != '"' && v[i] != '(' && v[i] != '<' && v[i] != ',' &&
             v[i] != ';' && v[i] != ':') {
        ++i;
      }
      // An atom glued to an encoded word keeps its place; "@" glued to a quoted local part too.
      words.push_back({std::string(v, start, i - start), false, space});
      space = false;
    }
  }
  finish();
  return singleLine(result);
}

namespace {

// A decoded parameter: RFC 2231 name* / name*0* name*1 ... (charset'lang'percent) first, else name=
// (RFC 2047 words decoded). "" when absent.
std::string paramText(const std::vector<Param>& ps, std::string_view name) {
  std::string ext = std::string(name) + "*";
  std::string charset, bytes;
  if (const std::string* v = rawParam(ps, ext)) {
    splitExtended(*v, charset, bytes);
    return singleLine(toUtf8(bytes, charset));
  }
  struct Segment {
    int index;
    bool encoded;
    const std::string* value;
  };
  std::vector<Segment> segs;
  for (const Param& p : ps) {
    if (p.name.size() <= ext.size() || p.name.compare(0, ext.size(), ext) != 0) continue;
    std::string_view rest = std::string_view(p.name).substr(ext.size());
    bool encoded = rest.back() == '*';
    if (encoded) rest.remove_suffix(1);
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (rest.empty() || rest.size() > 4 || !std::all_of(rest.begin(), rest.end(), digit)) continue;
    segs.push_back({std::stoi(std::string(rest)), encoded, &p.value});
  }
  if (!segs.empty()) {
    std::stable_sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) { return a.index < b.index; });
    std::string all;
    for (size_t k = 0; k < segs.size(); ++k) {
      if (k && segs[k].index == segs[k - 1].index) continue;
      if (!segs[k].encoded) {
        all += *segs[k].value;
      } else if (k == 0) {
        splitExtended(*segs[k].value, charset, bytes);
        all += bytes;
      } else {
        all += percentDecode(*segs[k].value);
      }
    }
    return singleLine(toUtf8(all, charset));
  }
  if (const std::string* v = rawParam(ps, name)) return decodeHeaderText(*v);
  return "";
}

// ---- The entity tree ----

struct Entity {
  HeaderList headers;
  std::string_view whole;  // headers and body
  std::string_view body;
  std::string type = "text", subtype = "plain";
  std::vector<Param> typeParams, dispParams;
  std::string disposition, encoding;
  std::vector<Entity> kids;
  bool multipart = false;
  bool opaque = false;  // kept whole as an attachment (too deep, or past the part budget)

  const std::string* header(std::string_view name) const {
    for (const auto& h : headers) {
      if (iequals(h.first, name)) return &h.second;
    }
    return nullptr;
  }
};

struct ParseState {
  size_t parts = 0;
};

// The first token of a header value, lower case ("Base64 (comment)" -> "base64").
std::string firstToken(std::string_view v) {
  v = trim(v);
  size_t end = 0;
  while (end < v.size() && !isWsp(v[end]) && v[end] != ';' && v[end] != '(') ++end;
  return lower(v.substr(0, end));
}

void interpret(Entity& e, bool digestChild) {
  const std::string* ct = e.header("content-type");
  if (!ct || trim(*ct).empty()) {
    if (digestChild) {
      e.type = "message";
      e.subtype = "rfc822";
    }
  } else {
    std::string main;
    parseParams(*ct, main, e.typeParams);
    std::string t = firstToken(main);
    size_t slash = t.find('/');
    // An unreadable type is text/plain (RFC 2045 5.2), keeping its charset.
    if (slash != std::string::npos && slash > 0 && slash + 1 < t.size()) {
      e.type = t.substr(0, slash);
      e.subtype = t.substr(slash + 1);
    }
  }
  if (const std::string* cte = e.header("content-transfer-encoding")) e.encoding = firstToken(*cte);
  if (const std::string* cd = e.header("content-disposition")) {
    std::string main;
    parseParams(*cd, main, e.dispParams);
    e.disposition = firstToken(main);
  }
  e.multipart = e.type == "multipart";
}

// Splits a multipart body at "--boundary" lines. Returns false when the boundary never appears. At
// most `limit` pieces: then the last one runs to the end of the body (`truncated`). A missing closing
// delimiter lets the last part run to the end; preamble and epilogue are dropped.
bool splitMultipart(std::string_view body, std::string_view boundary, size_t limit, std::vector<std::string_view>& pieces,
                    bool& truncated) {
  truncated = false;
  bool started = false;
  size_t partStart = 0, pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    size_t end = nl == std::string_view::npos ? body.size() : nl;
    size_t next = nl == std::string_view::npos ? body.size() : nl + 1;
    std::string_view line = body.substr(pos, end - pos);
    if (line.size() >= boundary.size() + 2 && line[0] == '-' && line[1] == '-' &&
        line.compare(2, boundary.size(), boundary) == 0) {
      std::string_view rest = line.substr(boundary.size() + 2);
      bool close = rest.size() >= 2 && rest[0] == '-' && rest[1] == '-';
      if (close) rest.remove_prefix(2);
      if (std::all_of(rest.begin(), rest.end(), [](char c) { return isWsp(c) || c == '\r'; })) {
        if (started) {
          // The line break before a delimiter belongs to the delimiter.
          size_t partEnd = pos;
          if (partEnd > partStart && body[partEnd - 1] == '\n') --partEnd;
          if (partEnd > partStart && body[partEnd - 1] == '\r') --partEnd;
          pieces.push_back(body.substr(partStart, partEnd - partStart));
        }
        if (close) return true;
        started = true;
        partStart = next;
        if (pieces.size() + 1 >= limit) {
          pieces.push_back(body.substr(partStart));
          truncated = true;
          return true;
        }
      }
    }
    pos = next;
  }
  if (started) pieces.push_back(body.substr(partStart));
  return started;
}

void parseEntity(std::string_view s, Entity& e, int depth, bool digestChild, bool top, ParseState& st) {
  ++st.parts;
  size_t bodyStart = parseHeaderSection(s, e.headers, top);
  e.whole = s;
  e.body = s.substr(bodyStart);
  interpret(e, digestChild);
  if (!e.multipart) return;
  if (depth >= kMaxMimeDepth) {
    e.opaque = true;
    return;
  }
  const std::string* boundary = rawParam(e.typeParams, "boundary");
  std::vector<std::string_view> pieces;
  bool truncated = false;
  size_t limit = st.parts < kMaxMimeParts ? kMaxMimeParts - st.parts : 1;
  if (!boundary || boundary->empty() || boundary->size() > kMaxBoundary ||
      !splitMultipart(e.body, *boundary, limit, pieces, truncated)) {
    // No usable boundary: the whole body is text.
    e.multipart = false;
    e.type = "text";
    e.subtype = "plain";
    return;
  }
  e.kids.resize(pieces.size());
  for (size_t k = 0; k < pieces.size(); ++k) {
    Entity& kid = e.kids[k];
    if (truncated && k + 1 == pieces.size()) {
      kid.whole = kid.body = pieces[k];
      kid.type = "application";
      kid.subtype = "octet-stream";
      kid.opaque = true;
      continue;
    }
    parseEntity(pieces[k], kid, depth + 1, e.subtype == "digest", false, st);
  }
}

std::string decodeBody(const Entity& e) {
  if (e.encoding == "base64") return base64Decode(e.body);
  if (e.encoding == "quoted-printable") return quotedPrintableDecode(e.body);
  return std::string(e.body);  // 7bit, 8bit, binary and anything unknown
}

std::string charsetParam(const Entity& e) {
  const std::string* cs = rawParam(e.typeParams, "charset");
  return cs ? *cs : std::string();
}

std::string textOf(const Entity& e) { return crlf(toUtf8(decodeBody(e), charsetParam(e))); }

// Directory parts and control characters removed ("C:\\x\\a.pdf" -> "a.pdf").
std::string cleanFilename(std::string name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  name.erase(std::remove_if(name.begin(), name.end(),
                            [](char c) { return static_cast<unsigned char>(c) < 32 || c == 127; }),
             name.end());
  name = std::string(trim(name));
  if (name == "." || name == "..") name.clear();
  return name;
}

// A subject as a file name: characters file systems reject replaced, at most kMaxFilename bytes.
std::string subjectFilename(std::string s) {
  for (char& c : s) {
    if (std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos) c = '_';
  }
  s = cleanFilename(s);
  if (s.size() > kMaxFilename) {
    size_t cut = kMaxFilename;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
  }
  return s;
}

const char* extensionFor(const std::string& type) {
  static const std::pair<const char*, const char*> kExt[] = {
      {"text/plain", ".txt"},          {"text/html", ".html"},        {"text/calendar", ".ics"},
      {"text/csv", ".csv"},            {"message/rfc822", ".eml"},    {"message/global", ".eml"},
      {"message/delivery-status", ".txt"}, {"text/rfc822-headers", ".txt"}, {"image/png", ".png"},
      {"image/jpeg", ".jpg"},          {"image/gif", ".gif"},         {"image/svg+xml", ".svg"},
      {"application/pdf", ".pdf"},     {"application/zip", ".zip"},   {"application/json", ".json"},
      {"application/xml", ".xml"},     {"application/pgp-signature", ".asc"},
      {"application/pkcs7-signature", ".p7s"}, {"application/x-pkcs7-signature", ".p7s"},
  };
  for (const auto& [t, ext] : kExt) {
    if (type == t) return ext;
  }
  return ".bin";
}

bool endsWithEml(const std::string& name) {
  return name.size() >= 4 && iequals(std::string_view(name).substr(name.size() - 4), ".eml");
}

// Fills the Message body and attachments from the entity tree.
class BodyCollector {
 public:
  explicit BodyCollector(Message& m) : m_(m) {}

  void visit(const Entity& e, bool wantBody, bool top) {
    if (e.opaque) {
      attach(e);
      return;
    }
    if (!e.multipart) {
      if (wantBody && !haveBody_ && eligibleText(e, top)) {
        m_.bodyText = textOf(e);
        m_.bodyFormat = e.subtype == "html" ? kFormatHtml : kFormatText;
        m_.charset = charsetLabel(e);
        haveBody_ = true;
      } else if (!skip_.count(&e)) {
        attach(e);
      }
      return;
    }
    if (e.subtype == "alternative" && wantBody && !haveBody_) {
      // The richest alternative (the last HTML one, else the last plain one) is the body; the other
      // text renderings are dropped, or kept as altBodyText for an HTML body.
      const Entity* chosen = nullptr;
      const Entity* plainKid = nullptr;
      const Entity* plainLeaf = nullptr;
      for (const Entity& k : e.kids) {
        const Entity* leaf = primaryLeaf(k, false);
        if (!leaf) continue;
        if (leaf->subtype == "html") chosen = &k;
        else {
          plainKid = &k;
          plainLeaf = leaf;
        }
      }
      if (!chosen) chosen = plainKid;
      for (const Entity& k : e.kids) {
        if (&k == chosen) continue;
        if (const Entity* leaf = primaryLeaf(k, false)) skip_.insert(leaf);
      }
      if (chosen) visit(*chosen, true, false);
      if (haveBody_ && m_.bodyFormat == kFormatHtml && plainLeaf && chosen != plainKid) {
        m_.altBodyText = textOf(*plainLeaf);
      }
      for (const Entity& k : e.kids) {
        if (&k != chosen) visit(k, false, false);
      }
      return;
    }
    if (e.subtype == "related") {
      size_t root = relatedRoot(e);
      for (size_t k = 0; k < e.kids.size(); ++k) visit(e.kids[k], k == root && wantBody, false);
      return;
    }
    // mixed, report, signed, digest and unknown kinds: the first part that gives a body is the body.
    for (const Entity& k : e.kids) visit(k, wantBody && !haveBody_, false);
  }

 private:
  static bool eligibleText(const Entity& e, bool top) {
    if (e.multipart || e.opaque || e.type != "text" || (e.subtype != "plain" && e.subtype != "html")) return false;
    if (e.disposition == "attachment") return false;
    // A named text part inside a multipart is a file; a single-part message is always its own body.
    return top || (paramText(e.dispParams, "filename").empty() && paramText(e.typeParams, "name").empty());
  }

  static size_t relatedRoot(const Entity& e) {
    if (const std::string* start = rawParam(e.typeParams, "start")) {
      std::string id = cid(*start);
      for (size_t k = 0; k < e.kids.size(); ++k) {
        const std::string* kidId = e.kids[k].header("content-id");
        if (kidId && !id.empty() && cid(*kidId) == id) return k;
      }
    }
    return 0;
  }

  // The leaf that visit() would make the body of `e`, or nullptr.
  static const Entity* primaryLeaf(const Entity& e, bool top) {
    if (e.opaque) return nullptr;
    if (!e.multipart) return eligibleText(e, top) ? &e : nullptr;
    if (e.subtype == "alternative") {
      const Entity* best = nullptr;
      for (const Entity& k : e.kids) {
        const Entity* leaf = primaryLeaf(k, false);
        if (leaf && (leaf->subtype == "html" || !best || best->subtype != "html")) best = leaf;
      }
      return best;
    }
    if (e.subtype == "related") return e.kids.empty() ? nullptr : primaryLeaf(e.kids[relatedRoot(e)], false);
    for (const Entity& k : e.kids) {
      if (const Entity* leaf = primaryLeaf(k, false)) return leaf;
    }
    return nullptr;
  }

  static std::string cid(std::string_view v) {
    v = trim(v);
    if (!v.empty() && v.front() == '<') v.remove_prefix(1);
    if (!v.empty() && v.back() == '>') v.remove_suffix(1);
    return singleLine(std::string(trim(v)));
  }

  static std::string charsetLabel(const Entity& e) {
    std::string cs = normalizeCharsetName(charsetParam(e));
    bool token = !cs.empty() && cs.size() <= 40 && std::all_of(cs.begin(), cs.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || std::string_view("-_.:+").find(c) != std::string_view::npos;
    });
    return token ? cs : "utf-8";
  }

  void attach(const Entity& e) {
    Attachment a;
    bool isMessage = false;
    if (e.opaque) {
      a.contentType = e.multipart ? "message/rfc822" : "application/octet-stream";
      a.data.assign(e.whole);
      isMessage = e.multipart;
    } else {
      a.contentType = e.type + "/" + e.subtype;
      a.data = decodeBody(e);
      isMessage = e.type == "message" && (e.subtype == "rfc822" || e.subtype == "global");
    }
    std::string name = cleanFilename(paramText(e.dispParams, "filename"));
    if (name.empty()) name = cleanFilename(paramText(e.typeParams, "name"));
    if (isMessage && name.empty()) {
      HeaderList inner;
      parseHeaderSection(a.data, inner, true);
      for (const auto& [n, v] : inner) {
        if (iequals(n, "subject")) {
          name = subjectFilename(decodeHeaderText(v));
          break;
        }
      }
      if (!name.empty()) name += ".eml";
    }
    if (name.empty()) name = "part" + std::to_string(m_.attachments.size() + 1) + extensionFor(a.contentType);
    else if (isMessage && !endsWithEml(name)) name += ".eml";
    a.filename = std::move(name);
    if (const std::string* id = e.header("content-id")) a.contentId = cid(*id);
    a.size = a.data.size();
    m_.attachments.push_back(std::move(a));
  }

  Message& m_;
  bool haveBody_ = false;
  std::set<const Entity*> skip_;
};

// FNV-1a, 64 bit.
class Fingerprint {
 public:
  void add(std::string_view s) {
    add(uint64_t(s.size()));
    for (unsigned char c : s) step(c);
  }
  void add(uint64_t v) {
    for (int k = 0; k < 8; ++k) step(static_cast<unsigned char>(v >> (8 * k)));
  }
  uint64_t value() const { return h_; }

 private:
  void step(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ULL;
  }
  uint64_t h_ = 1469598103934665603ULL;
};

}  // namespace

Message parseMessage(std::string_view raw) {
  Message m;
  if (raw.empty()) return m;
  ParseState st;
  auto root = std::make_unique<Entity>();
  parseEntity(raw, *root, 0, false, true, st);
  bool seenSubject = false, seenDate = false, seenId = false;
  for (const auto& [name, value] : root->headers) {
    std::string n = lower(name);
    std::string decoded = decodeHeaderText(value);
    std::string* list = n == "from" ? &m.fromAddr
                        : n == "to" ? &m.toAddr
                        : n == "cc" ? &m.ccAddr
                        : n == "bcc" ? &m.bccAddr
                        : n == "reply-to" ? &m.replyToAddr
                                          : nullptr;
    if (list) {
      // Repeated address headers (invalid, but seen) are merged.
      std::string addrs = decodeAddressList(value);
      if (!addrs.empty()) *list += (list->empty() ? "" : ", ") + addrs;
    } else if (n == "subject" && !seenSubject) {
      m.subject = decoded;
      seenSubject = true;
    } else if (n == "date" && !seenDate) {
      m.date = decoded;
      seenDate = true;
    } else if (n == "message-id" && !seenId) {
      m.messageId = decoded;
      seenId = true;
    }
    m.parsedHeaders.emplace_back(name, std::move(decoded));
  }
  m.priority = priorityFromHeaders(m.parsedHeaders);
  BodyCollector(m).visit(*root, true, true);
  m.raw.assign(raw);
  m.rawFingerprint = messageFingerprint(m);
  return m;
}

Message importFromFile(const std::string& path) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    throw MailError(kFileError, "file not found or unreadable: " + path);
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw MailError(kFileError, "file not found or unreadable: " + path);
  std::string data;
  char buf[65536];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, f.get())) > 0) data.append(buf, got);
  if (std::ferror(f.get())) throw MailError(kFileError, "file not found or unreadable: " + path);
  return parseMessage(data);
}

uint64_t messageFingerprint(const Message& m) {
  Fingerprint h;
  for (const std::string* s : {&m.fromAddr, &m.toAddr, &m.ccAddr, &m.bccAddr, &m.replyToAddr, &m.subject, &m.bodyText,
                               &m.altBodyText, &m.charset, &m.date, &m.messageId}) {
    h.add(*s);
  }
  h.add(uint64_t(int64_t(m.bodyFormat)));
  h.add(uint64_t(int64_t(m.priority)));
  for (const auto* list : {&m.headers, &m.parsedHeaders}) {
    h.add(uint64_t(list->size()));
    for (const auto& [name, value] : *list) {
      h.add(name);
      h.add(value);
    }
  }
  h.add(uint64_t(m.attachments.size()));
  for (const Attachment& a : m.attachments) {
    h.add(a.filename);
    h.add(a.contentType);
    h.add(a.contentId);
    h.add(a.path);
    h.add(a.data);
    h.add(a.size);
  }
  return h.value();
}

std::string messageText(const Message& m) {
  if (!m.raw.empty() && messageFingerprint(m) == m.rawFingerprint) return m.raw;
  return buildMessage(m);
}

}  // namespace mailhive::mime
