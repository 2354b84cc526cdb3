#include "imap/utf7.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.h"

namespace mailhive::imap {

namespace {
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int alphabetIndex(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == ',') return 63;
  return -1;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Next code point of `s` at `i` (advanced), or nothing for invalid UTF-8 (overlong, surrogate, > 10FFFF).
std::optional<uint32_t> nextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len;
  uint32_t cp;
  if (c < 0x80) {
    ++i;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + len > s.size()) return std::nullopt;
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const uint32_t minFor[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < minFor[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += len;
  return cp;
}

void flushBase64(std::string& out, std::vector<uint16_t>& units) {
  if (units.empty()) return;
  out += '&';
  uint32_t acc = 0;
  int bits = 0;
  for (uint16_t u : units) {
    acc = (acc << 16) | u;
    bits += 16;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 0x3F];
    }
    acc &= (1u << bits) - 1;
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 0x3F];
  out += '-';
  units.clear();
}
}  // namespace

std::string encodeMailboxName(std::string_view utf8) {
  std::string out;
  std::vector<uint16_t> units;
  size_t i = 0;
  while (i < utf8.size()) {
    auto cp = nextCodePoint(utf8, i);
    if (!cp) throw ArgumentError("mailbox name is not valid UTF-8");
    if (*cp >= 0x20 && *cp <= 0x7E) {
      flushBase64(out, units);
      if (*cp == '&') out += "&-";
      else out += static_cast<char>(*cp);
    } else if (*cp >= 0x10000) {
      uint32_t v = *cp - 0x10000;
      units.push_back(static_cast<uint16_t>(0xD800 | (v >> 10)));
      units.push_back(static_cast<uint16_t>(0xDC00 | (v & 0x3FF)));
    } else {
      units.push_back(static_cast<uint16_t>(*cp));
    }
  }
  flushBase64(out, units);
  return out;
}

std::string decodeMailboxName(std::string_view in) {
  std::string out;
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    unsigned char uc = static_cast<unsigned char>(c);
    if (uc < 0x20 || uc > 0x7E) return std::string(in);
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    size_t dash = in.find('-', i + 1);
    if (dash == std::string_view::npos) return std::string(in);
    if (dash == i + 1) {
      out += '&';
      i = dash + 1;
      continue;
    }
    // Base64 of UTF-16 units; leftover bits must be zero and fewer than 6.
    uint32_t acc = 0;
    int bits = 0;
    std::vector<uint16_t> units;
    for (size_t k = i + 1; k < dash; ++k) {
      int v = alphabetIndex(in[k]);
      if (v < 0) return std::string(in);
      acc = (acc << 6) | static_cast<uint32_t>(v);
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        units.push_back(static_cast<uint16_t>((acc >> bits) & 0xFFFF));
        acc &= (1u << bits) - 1;
      }
    }
    if (bits >= 6 || acc != 0 || units.empty()) return std::string(in);
    for (size_t k = 0; k < units.size(); ++k) {
      uint32_t u = units[k];
      if (u >= 0xD800 && u <= 0xDBFF) {
        if (k + 1 >= units.size() || units[k + 1] < 0xDC00 || units[k + 1] > 0xDFFF) return std::string(in);
        u = 0x10000 + ((u - 0xD800) << 10) + (units[k + 1] - 0xDC00);
        ++k;
      } else if (u >= 0xDC00 && u <= 0xDFFF) {
        return std::string(in);
      } else if (u >= 0x20 && u <= 0x7E) {
        return std::string(in);  // printable ASCII must not be base64-encoded
      }
      appendUtf8(out, u);
    }
    i = dash + 1;
  }
  return out;
}

}  // namespace mailhive::imap
