#include "mime/charset.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

namespace mailhive::mime {

namespace {

void appendCodePoint(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// windows-1252 0x80..0x9F; the five undefined bytes keep their ISO-8859-1 (C1) meaning.
constexpr unsigned short kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

unsigned cp1252(unsigned char c) { return c >= 0x80 && c < 0xA0 ? kCp1252High[c - 0x80] : c; }

// Length of the well-formed UTF-8 sequence at s[i], 0 when there is none.
size_t utf8SeqLen(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (at(i + 1) < lo || at(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// Valid UTF-8 kept; each byte that starts no valid sequence read as windows-1252.
std::string repairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8SeqLen(s, i);
    if (n == 0) {
      appendCodePoint(out, cp1252(static_cast<unsigned char>(s[i])));
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string cp1252ToUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8 + 8);
  for (unsigned char c : s) appendCodePoint(out, cp1252(c));
  return out;
}

bool isOneOf(const std::string& n, std::initializer_list<const char*> names) {
  for (const char* x : names) {
    if (n == x) return true;
  }
  return false;
}

// Names iconv is given: plain charset tokens only (no "//" suffixes, no paths), and the usual
// mislabels mapped to the superset senders actually used.
std::string iconvName(const std::string& n) {
  if (isOneOf(n, {"gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "x-euc-cn", "csgb2312", "gb_2312-80"})) return "GB18030";
  if (isOneOf(n, {"ks_c_5601-1987", "ks_c_5601", "euc-kr", "x-euc-kr", "ksc5601", "cseuckr"})) return "CP949";
  if (isOneOf(n, {"shift_jis", "shift-jis", "x-sjis", "sjis", "ms_kanji", "windows-31j", "csshiftjis", "x-ms-cp932"})) {
    return "CP932";
  }
  if (isOneOf(n, {"big5", "x-big5", "csbig5", "cn-big5"})) return "BIG5-HKSCS";
  if (isOneOf(n, {"iso-8859-8-i", "iso-8859-8-e", "logical", "visual"})) return "ISO-8859-8";
  if (isOneOf(n, {"iso-8859-6-i", "iso-8859-6-e"})) return "ISO-8859-6";
  if (isOneOf(n, {"unicode-1-1-utf-7", "x-utf-7"})) return "UTF-7";
  if (isOneOf(n, {"x-mac-roman", "mac", "macintosh", "x-mac"})) return "MACINTOSH";
  if (isOneOf(n, {"iso-8859-9", "latin5", "windows-1254"})) return "CP1254";
  if (n.size() > 40) return "";
  for (char c : n) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':' ||
              c == '+';
    if (!ok) return "";
  }
  return n;
}

// false when iconv does not know the charset.
bool iconvToUtf8(std::string_view bytes, const std::string& name, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out.clear();
  std::string buf(bytes.size() * 2 + 64, '\0');
  char* in = const_cast<char*>(bytes.data());
  size_t inLeft = bytes.size();
  while (inLeft > 0) {
    char* o = buf.data();
    size_t oLeft = buf.size();
    size_t r = iconv(cd, &in, &inLeft, &o, &oLeft);
    int err = errno;
    out.append(buf.data(), buf.size() - oLeft);
    if (r != static_cast<size_t>(-1)) break;
    if (err == E2BIG) continue;
    // An invalid sequence: one replacement character, then go on after the offending byte.
    out += kReplacement;
    if (err != EILSEQ) break;  // EINVAL: a truncated sequence at the end
    ++in;
    --inLeft;
  }
  // Return stateful charsets (ISO-2022-JP) to their initial state.
  char* o = buf.data();
  size_t oLeft = buf.size();
  iconv(cd, nullptr, nullptr, &o, &oLeft);
  out.append(buf.data(), buf.size() - oLeft);
  iconv_close(cd);
  return true;
}

}  // namespace

bool isValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8SeqLen(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string latin1ToUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8 + 8);
  for (unsigned char c : s) appendCodePoint(out, c);
  return out;
}

std::string utf8OrLatin1(std::string_view s) { return isValidUtf8(s) ? std::string(s) : latin1ToUtf8(s); }

std::string normalizeCharsetName(std::string_view name) {
  std::string n;
  for (char c : name) {
    if (c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    n.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
  }
  // RFC 2231 language suffix ("utf-8*en").
  size_t star = n.find('*');
  if (star != std::string::npos) n.resize(star);
  return n;
}

std::string toUtf8(std::string_view bytes, std::string_view charset) {
  std::string n = normalizeCharsetName(charset);
  if (n.empty()) return utf8OrLatin1(bytes);
  if (isOneOf(n, {"utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "646", "unicode-1-1-utf-8",
                  "x-unicode20utf8", "csascii", "iso-ir-6", "cp367", "ibm367", "7bit", "8bit"})) {
    return repairUtf8(bytes);
  }
  if (isOneOf(n, {"iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1", "latin-1", "l1", "cp819",
                  "ibm819", "iso-ir-100", "csisolatin1", "windows-1252", "cp1252", "x-cp1252", "cp-1252",
                  "win-1252", "8859-1", "iso8859_1"})) {
    return cp1252ToUtf8(bytes);
  }
  std::string name = iconvName(n);
  std::string out;
  if (name.empty() || !iconvToUtf8(bytes, name, out)) return utf8OrLatin1(bytes);
  return isValidUtf8(out) ? out : repairUtf8(out);
}

}  // namespace mailhive::mime
