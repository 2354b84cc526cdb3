#include "core/codec.h"

namespace mailhive {

namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr char kHexLower[] = "0123456789abcdef";

// 6-bit value of a base64 character, -1 for anything else.
int b64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Encodes 1-3 bytes as 4 characters (with '=' padding for short groups).
void encodeGroup(const unsigned char* p, size_t n, char* dst) {
  unsigned v = unsigned(p[0]) << 16;
  if (n > 1) v |= unsigned(p[1]) << 8;
  if (n > 2) v |= p[2];
  dst[0] = kB64[(v >> 18) & 63];
  dst[1] = kB64[(v >> 12) & 63];
  dst[2] = n > 1 ? kB64[(v >> 6) & 63] : '=';
  dst[3] = n > 2 ? kB64[v & 63] : '=';
}

}  // namespace

std::string base64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  auto p = reinterpret_cast<const unsigned char*>(in.data());
  char buf[4];
  for (size_t i = 0; i < in.size(); i += 3) {
    size_t n = in.size() - i < 3 ? in.size() - i : 3;
    encodeGroup(p + i, n, buf);
    out.append(buf, 4);
  }
  return out;
}

// 6-bit values of every byte, -1 for characters that are not base64 (skipped when decoding).
struct DecodeTable {
  signed char v[256];
  DecodeTable() {
    for (int c = 0; c < 256; ++c) v[c] = static_cast<signed char>(b64Value(static_cast<unsigned char>(c)));
  }
};

std::string base64Decode(std::string_view in) {
  static const DecodeTable table;
  const signed char* t = table.v;
  std::string out(in.size() / 4 * 3 + 3, '\0');
  char* o = out.data();
  size_t n = 0;
  auto p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t len = in.size();
  unsigned acc = 0;
  int bits = 0;
  size_t i = 0;
  while (i < len) {
    // Fast path: four valid characters on a group boundary decode to three bytes at once.
    if (bits == 0 && i + 4 <= len) {
      int a = t[p[i]], b = t[p[i + 1]], c = t[p[i + 2]], d = t[p[i + 3]];
      if ((a | b | c | d) >= 0) {
        unsigned v = (unsigned(a) << 18) | (unsigned(b) << 12) | (unsigned(c) << 6) | unsigned(d);
        o[n++] = char(v >> 16);
        o[n++] = char((v >> 8) & 0xFF);
        o[n++] = char(v & 0xFF);
        i += 4;
        continue;
      }
    }
    int v = t[p[i++]];
    if (v < 0) continue;
    acc = (acc << 6) | unsigned(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      o[n++] = char((acc >> bits) & 0xFF);
    }
  }
  out.resize(n);
  return out;
}

void base64EncodeLines(std::string_view in, std::string& out, std::string& carry, size_t& col, bool final) {
  // Output is written in place: groups are 4 characters and lines 76 (19 groups), so a line always
  // ends on a group boundary and col stays a multiple of 4.
  size_t start = out.size();
  out.resize(start + (in.size() + carry.size() + 2) / 3 * 4 * 78 / 76 + 12);
  char* o = out.data() + start;
  auto put = [&](const unsigned char* p, size_t n) {
    encodeGroup(p, n, o);
    o += 4;
    col += 4;
    if (col == 76) {
      *o++ = '\r';
      *o++ = '\n';
      col = 0;
    }
  };
  size_t i = 0;
  while (!carry.empty() && carry.size() < 3 && i < in.size()) carry.push_back(in[i++]);
  if (carry.size() == 3) {
    put(reinterpret_cast<const unsigned char*>(carry.data()), 3);
    carry.clear();
  }
  auto p = reinterpret_cast<const unsigned char*>(in.data());
  for (; i + 3 <= in.size(); i += 3) put(p + i, 3);
  carry.append(in.substr(i));
  if (final) {
    if (!carry.empty()) put(reinterpret_cast<const unsigned char*>(carry.data()), carry.size());
    carry.clear();
    if (col > 0) {
      *o++ = '\r';
      *o++ = '\n';
      col = 0;
    }
  }
  out.resize(static_cast<size_t>(o - out.data()));
}

unsigned long long base64LinesSize(unsigned long long n) {
  unsigned long long chars = (n + 2) / 3 * 4;
  return chars + (chars + 75) / 76 * 2;
}

std::string quotedPrintableEncode(std::string_view in) {
  std::string out;
  out.reserve(in.size() + in.size() / 8 + 8);
  size_t col = 0;
  size_t i = 0;
  while (i < in.size()) {
    // One logical line: up to LF (a CR right before it belongs to the line end).
    size_t lf = in.find('\n', i);
    bool hasEnd = lf != std::string_view::npos;
    size_t end = hasEnd ? lf : in.size();
    size_t contentEnd = end;
    if (hasEnd && contentEnd > i && in[contentEnd - 1] == '\r') --contentEnd;
    for (size_t k = i; k < contentEnd; ++k) {
      unsigned char c = static_cast<unsigned char>(in[k]);
      bool last = k + 1 == contentEnd;
      // Literal unless it is special, trailing white space, or a dot that would start a line.
      auto needsEncoding = [&](size_t column) {
        if (c == '=' || c > 126 || (c < 32 && c != '\t')) return true;
        if ((c == ' ' || c == '\t') && last) return true;
        return c == '.' && column == 0;
      };
      size_t len = needsEncoding(col) ? 3 : 1;
      // Room for the soft-break '=' is needed unless this is the last char of the line.
      size_t limit = last ? 76 : 75;
      if (col + len > limit) {
        out += "=\r\n";
        col = 0;
        len = needsEncoding(col) ? 3 : 1;
      }
      if (len == 3) {
        out.push_back('=');
        out.push_back(kHexUpper[c >> 4]);
        out.push_back(kHexUpper[c & 15]);
      } else {
        out.push_back(char(c));
      }
      col += len;
    }
    if (hasEnd) {
      out += "\r\n";
      col = 0;
    }
    i = end + (hasEnd ? 1 : 0);
  }
  return out;
}

std::string hexLower(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHexLower[c >> 4]);
    out.push_back(kHexLower[c & 15]);
  }
  return out;
}

}  // namespace mailhive
