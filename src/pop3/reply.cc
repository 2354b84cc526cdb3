#include "pop3/reply.h"

#include <gnutls/crypto.h>

#include <cctype>
#include <limits>

#include "core/codec.h"
#include "core/error.h"

namespace mailhive::pop3 {

namespace {

// The line as it may appear in an error description: at most 80 characters, controls replaced.
std::string shown(const std::string& line) {
  std::string s = line.substr(0, 80);
  for (auto& c : s)
    if (static_cast<unsigned char>(c) < 32) c = '?';
  return s;
}

bool startsWithNoCase(const std::string& s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (toupper(static_cast<unsigned char>(s[i])) != toupper(static_cast<unsigned char>(prefix[i]))) return false;
  }
  return true;
}

// Reads a decimal number at `pos` (advancing it); false when there is none or it overflows `max`.
bool readNumber(const std::string& s, size_t& pos, uint64_t max, uint64_t& out) {
  size_t start = pos;
  uint64_t v = 0;
  while (pos < s.size() && isdigit(static_cast<unsigned char>(s[pos]))) {
    unsigned d = static_cast<unsigned>(s[pos] - '0');
    if (v > (max - d) / 10) return false;
    v = v * 10 + d;
    ++pos;
  }
  out = v;
  return pos > start;
}

void skipSpaces(const std::string& s, size_t& pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
}

[[noreturn]] void malformed(const char* what, const std::string& line) {
  throw MailError(kProtocolError, std::string("malformed ") + what + " from server: \"" + shown(line) + "\"",
                  line.substr(0, 512));
}

}  // namespace

Status parseStatus(const std::string& line, bool allowContinuation) {
  Status st;
  st.raw = line;
  auto rest = [&](size_t n) {
    std::string t = line.substr(n);
    size_t p = 0;
    skipSpaces(t, p);
    return t.substr(p);
  };
  // A continuation is "+" alone or "+ " then text; "+OK" is a status even inside AUTH.
  if (startsWithNoCase(line, "+OK") && (line.size() == 3 || !isalnum(static_cast<unsigned char>(line[3])))) {
    st.ok = true;
    st.text = rest(3);
    return st;
  }
  if (startsWithNoCase(line, "-ERR") && (line.size() == 4 || !isalnum(static_cast<unsigned char>(line[4])))) {
    st.text = rest(4);
    return st;
  }
  if (allowContinuation && (line == "+" || startsWithNoCase(line, "+ "))) {
    st.continuation = true;
    st.text = line.size() > 2 ? line.substr(2) : "";
    return st;
  }
  malformed("reply", line);
}

bool unstuffLine(std::string& line) {
  if (line.empty() || line[0] != '.') return true;
  if (line.size() == 1) return false;
  line.erase(0, 1);
  return true;
}

bool MultiLineCollector::feed(std::string line) {
  if (!unstuffLine(line)) return true;
  if (text_.size() + line.size() + 2 > max_) {
    throw MailError(kProtocolError, "the server's response exceeds " + std::to_string(max_) + " bytes");
  }
  text_ += line;
  text_ += "\r\n";
  ++lines_;
  return false;
}

Stat parseStat(const std::string& text) {
  Stat st;
  size_t pos = 0;
  uint64_t count = 0;
  skipSpaces(text, pos);
  if (!readNumber(text, pos, static_cast<uint64_t>(std::numeric_limits<int>::max()), count)) malformed("STAT reply", text);
  size_t before = pos;
  skipSpaces(text, pos);
  if (pos == before || !readNumber(text, pos, std::numeric_limits<uint64_t>::max(), st.size)) malformed("STAT reply", text);
  if (pos < text.size() && text[pos] != ' ' && text[pos] != '\t') malformed("STAT reply", text);
  st.count = static_cast<int>(count);
  return st;
}

ListEntry parseListLine(const std::string& line) {
  ListEntry e;
  size_t pos = 0;
  uint64_t index = 0;
  skipSpaces(line, pos);
  if (!readNumber(line, pos, static_cast<uint64_t>(std::numeric_limits<int>::max()), index) || index == 0) {
    malformed("LIST line", line);
  }
  size_t before = pos;
  skipSpaces(line, pos);
  if (pos == before || !readNumber(line, pos, std::numeric_limits<uint64_t>::max(), e.size)) malformed("LIST line", line);
  if (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') malformed("LIST line", line);
  e.index = static_cast<int>(index);
  return e;
}

UidEntry parseUidlLine(const std::string& line) {
  UidEntry e;
  size_t pos = 0;
  uint64_t index = 0;
  skipSpaces(line, pos);
  if (!readNumber(line, pos, static_cast<uint64_t>(std::numeric_limits<int>::max()), index) || index == 0) {
    malformed("UIDL line", line);
  }
  size_t before = pos;
  skipSpaces(line, pos);
  size_t start = pos;
  while (pos < line.size() && line[pos] > 0x20 && line[pos] < 0x7f) ++pos;
  size_t len = pos - start;
  // RFC 1939 allows 1..70 characters; trailing spaces are tolerated, anything else is not.
  size_t end = pos;
  skipSpaces(line, end);
  if (pos == before || len == 0 || len > 70 || end != line.size()) malformed("UIDL line", line);
  e.index = static_cast<int>(index);
  e.uid = line.substr(start, len);
  return e;
}

std::string apopTimestamp(const std::string& greetingText) {
  size_t open = greetingText.find('<');
  if (open == std::string::npos) return "";
  size_t close = greetingText.find('>', open);
  if (close == std::string::npos) return "";
  std::string ts = greetingText.substr(open, close - open + 1);
  // A msg-id: printable, no spaces, and an '@' (RFC 1939 section 7).
  for (char c : ts)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) return "";
  if (ts.find('@') == std::string::npos || ts.size() < 3) return "";
  return ts;
}

std::string apopDigest(const std::string& timestamp, const std::string& password) {
  std::string input = timestamp + password;
  unsigned char digest[16];
  gnutls_hash_fast(GNUTLS_DIG_MD5, input.data(), input.size(), digest);
  return hexLower(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

namespace {
// The keyword of a CAPA line and the rest (its arguments).
std::string keywordOf(const std::string& line, std::string* args) {
  size_t sp = line.find(' ');
  std::string kw = line.substr(0, sp);
  for (auto& c : kw) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  if (args) *args = sp == std::string::npos ? "" : line.substr(sp + 1);
  return kw;
}
}  // namespace

bool hasCapability(const std::vector<std::string>& caps, std::string_view name) {
  for (const auto& c : caps) {
    std::string kw = keywordOf(c, nullptr);
    if (kw.size() == name.size() && startsWithNoCase(kw, name)) return true;
  }
  return false;
}

bool offersSasl(const std::vector<std::string>& caps, std::string_view mech) {
  for (const auto& c : caps) {
    std::string args;
    if (keywordOf(c, &args) != "SASL") continue;
    size_t pos = 0;
    while (pos < args.size()) {
      size_t sp = args.find(' ', pos);
      std::string m = args.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
      if (m.size() == mech.size() && startsWithNoCase(m, mech)) return true;
      if (sp == std::string::npos) break;
      pos = sp + 1;
    }
  }
  return false;
}

}  // namespace mailhive::pop3
