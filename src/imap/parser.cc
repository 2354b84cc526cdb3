#include "imap/parser.h"

#include <iconv.h>

#include <cctype>
#include <cerrno>

#include "core/codec.h"
#include "core/error.h"

namespace mailhive::imap {

namespace {
std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  return out;
}

bool isStatusWord(const std::string& w) {
  return w == "OK" || w == "NO" || w == "BAD" || w == "BYE" || w == "PREAUTH";
}

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

constexpr size_t kMaxRaw = 1 << 20;
}  // namespace

bool Node::isAtom(std::string_view name) const {
  if (type != Type::Atom || text.size() != name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (toupper(static_cast<unsigned char>(text[i])) != toupper(static_cast<unsigned char>(name[i]))) return false;
  }
  return true;
}

std::string Node::str() const {
  switch (type) {
    case Type::Atom:
    case Type::Quoted:
    case Type::Literal:
      return text;
    case Type::Number:
      return std::to_string(number);
    default:
      return "";
  }
}

void ResponseParser::fail(const std::string& why) {
  std::string raw = resp_.raw;
  resp_ = Response{};
  stack_.clear();
  started_ = wantLiteral_ = false;
  total_ = literal_ = 0;
  throw MailError(kProtocolError, "malformed server response: " + why, raw);
}

ResponseParser::Need ResponseParser::feedLine(std::string_view line) {
  if (wantLiteral_) fail("a literal was expected");
  total_ += line.size() + 2;
  if (total_ > limits_.maxTotal) fail("response too large");
  if (started_) {
    if (resp_.raw.size() < kMaxRaw) {
      resp_.raw.append(line.data(), std::min(line.size(), kMaxRaw));
    }
    return parseData(line, 0);
  }
  started_ = true;
  resp_.raw.assign(line.data(), std::min(line.size(), kMaxRaw));
  if (!line.empty() && line[0] == '+') {
    resp_.kind = Response::Kind::Continuation;
    std::string_view rest = line.substr(1);
    if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    resp_.text = std::string(rest);
    return Need::Complete;
  }
  size_t sp = line.find(' ');
  if (sp == 0 || sp == std::string_view::npos) fail("no tag");
  std::string_view tag = line.substr(0, sp);
  for (char c : tag) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '(' || c == ')' || c == '{' || c == '"' || c == '%' || c == '\\') fail("bad tag");
  }
  if (tag == "*") {
    resp_.kind = Response::Kind::Untagged;
  } else {
    resp_.kind = Response::Kind::Tagged;
    resp_.tag = std::string(tag);
  }
  size_t pos = sp + 1;
  size_t end = line.find(' ', pos);
  std::string_view word = line.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  std::string w = upper(word);
  if (isStatusWord(w)) {
    resp_.status = w;
    size_t p = pos + word.size();
    if (p < line.size() && line[p] == ' ') ++p;
    if (p < line.size() && line[p] == '[') {
      int depth = 0;
      size_t q = p;
      for (; q < line.size(); ++q) {
        if (line[q] == '[') ++depth;
        else if (line[q] == ']' && --depth == 0) break;
      }
      if (q >= line.size()) fail("unterminated response code");
      resp_.code = std::string(line.substr(p + 1, q - p - 1));
      p = q + 1;
      if (p < line.size() && line[p] == ' ') ++p;
    }
    resp_.text = std::string(line.substr(std::min(p, line.size())));
    return Need::Complete;
  }
  if (resp_.kind == Response::Kind::Tagged) fail("a tagged response must be OK, NO or BAD");
  if (word.empty()) fail("empty response");
  return parseData(line, pos);
}

ResponseParser::Need ResponseParser::parseData(std::string_view line, size_t pos) {
  if (stack_.empty()) stack_.push_back(&resp_.items);
  while (pos < line.size()) {
    char c = line[pos];
    if (c == ' ') {
      ++pos;
      continue;
    }
    if (c == '(') {
      if (stack_.size() - 1 >= limits_.maxDepth) fail("lists nested deeper than " + std::to_string(limits_.maxDepth));
      Node list;
      list.type = Node::Type::List;
      stack_.back()->push_back(std::move(list));
      stack_.push_back(&stack_.back()->back().items);
      ++pos;
      continue;
    }
    if (c == ')') {
      if (stack_.size() <= 1) fail("unbalanced ')'");
      stack_.pop_back();
      ++pos;
      continue;
    }
    if (c == '"') {
      Node q;
      q.type = Node::Type::Quoted;
      ++pos;
      bool closed = false;
      while (pos < line.size()) {
        char d = line[pos++];
        if (d == '\\') {
          if (pos >= line.size()) break;
          q.text += line[pos++];
        } else if (d == '"') {
          closed = true;
          break;
        } else {
          q.text += d;
        }
      }
      if (!closed) fail("unterminated quoted string");
      stack_.back()->push_back(std::move(q));
      continue;
    }
    if (c == '{') {
      size_t close = line.find('}', pos);
      if (close == std::string_view::npos || close + 1 != line.size()) fail("a literal must end the line");
      std::string_view digits = line.substr(pos + 1, close - pos - 1);
      if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
      if (!allDigits(digits)) fail("bad literal size");
      // Refused before any allocation: more than 12 digits is beyond every limit.
      if (digits.size() > 12) fail("literal of " + std::string(digits) + " bytes exceeds the limit");
      uint64_t n = 0;
      for (char d : digits) n = n * 10 + static_cast<uint64_t>(d - '0');
      if (n > limits_.maxLiteral) fail("literal of " + std::to_string(n) + " bytes exceeds the limit");
      total_ += n;
      if (total_ > limits_.maxTotal) fail("response too large");
      literal_ = n;
      wantLiteral_ = true;
      return Need::Literal;
    }
    // An atom (or number, or NIL); a [section] inside it may hold spaces and parentheses.
    size_t start = pos;
    int bracket = 0;
    while (pos < line.size()) {
      char d = line[pos];
      unsigned char u = static_cast<unsigned char>(d);
      if (u < 0x20 || u == 0x7F) fail("control character in an atom");
      if (bracket > 0) {
        if (d == '[') ++bracket;
        else if (d == ']') --bracket;
        ++pos;
        continue;
      }
      if (d == ' ' || d == '(' || d == ')' || d == '"' || d == '{') break;
      if (d == '[') ++bracket;
      ++pos;
    }
    if (bracket > 0) fail("unterminated '['");
    Node a;
    std::string_view text = line.substr(start, pos - start);
    if (allDigits(text) && text.size() <= 19) {
      a.type = Node::Type::Number;
      for (char d : text) a.number = a.number * 10 + static_cast<uint64_t>(d - '0');
    } else if (text.size() == 3 && upper(text) == "NIL") {
      a.type = Node::Type::Nil;
    } else {
      a.type = Node::Type::Atom;
      a.text = std::string(text);
    }
    stack_.back()->push_back(std::move(a));
  }
  if (stack_.size() > 1) fail("unbalanced '('");
  return Need::Complete;
}

ResponseParser::Need ResponseParser::feedLiteral(std::string bytes) {
  if (!wantLiteral_ || bytes.size() != literal_) fail("unexpected literal data");
  Node n;
  n.type = Node::Type::Literal;
  n.text = std::move(bytes);
  stack_.back()->push_back(std::move(n));
  wantLiteral_ = false;
  return Need::Line;
}

Response ResponseParser::take() {
  Response r = std::move(resp_);
  resp_ = Response{};
  stack_.clear();
  started_ = wantLiteral_ = false;
  literal_ = total_ = 0;
  return r;
}

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Converts `bytes` in `charset` to UTF-8; false when the charset is unknown or the bytes do not fit.
bool toUtf8(std::string charset, const std::string& bytes, std::string& out) {
  size_t star = charset.find('*');  // RFC 2231 language suffix
  if (star != std::string::npos) charset.resize(star);
  std::string cs = upper(charset);
  if (cs == "UTF-8" || cs == "UTF8" || cs == "US-ASCII" || cs == "ASCII") {
    out = bytes;
    return true;
  }
  iconv_t cd = iconv_open("UTF-8", cs.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string result;
  std::string input = bytes;
  char* in = input.data();
  size_t inLeft = input.size();
  char buf[1024];
  bool ok = true;
  while (inLeft > 0) {
    char* o = buf;
    size_t oLeft = sizeof buf;
    size_t r = iconv(cd, &in, &inLeft, &o, &oLeft);
    result.append(buf, static_cast<size_t>(o - buf));
    if (r == static_cast<size_t>(-1) && errno != E2BIG) {
      ok = false;
      break;
    }
  }
  iconv_close(cd);
  if (ok) out = std::move(result);
  return ok;
}
}  // namespace

std::string decodeEncodedWords(std::string_view text) {
  std::string out;
  size_t i = 0;
  bool lastWasWord = false;
  while (i < text.size()) {
    size_t p = text.find("=?", i);
    if (p == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    // =?charset?B|Q?encoded?=
    size_t q1 = text.find('?', p + 2);
    size_t q2 = q1 == std::string_view::npos ? q1 : text.find('?', q1 + 1);
    size_t endw = q2 == std::string_view::npos ? q2 : text.find("?=", q2 + 1);
    bool valid = endw != std::string_view::npos && q1 > p + 2 && q2 == q1 + 2;
    std::string decoded;
    if (valid) {
      std::string charset(text.substr(p + 2, q1 - p - 2));
      char enc = static_cast<char>(toupper(static_cast<unsigned char>(text[q1 + 1])));
      std::string_view payload = text.substr(q2 + 1, endw - q2 - 1);
      for (char c : charset)
        if (c == ' ' || c == '\t') valid = false;
      for (char c : payload)
        if (c == ' ' || c == '\t') valid = false;
      std::string bytes;
      if (valid && enc == 'B') {
        bytes = base64Decode(payload);
      } else if (valid && enc == 'Q') {
        for (size_t k = 0; k < payload.size(); ++k) {
          char c = payload[k];
          if (c == '_') {
            bytes += ' ';
          } else if (c == '=' && k + 2 < payload.size() && hexValue(payload[k + 1]) >= 0 && hexValue(payload[k + 2]) >= 0) {
            bytes += static_cast<char>(hexValue(payload[k + 1]) * 16 + hexValue(payload[k + 2]));
            k += 2;
          } else {
            bytes += c;
          }
        }
      } else {
        valid = false;
      }
      if (valid && !toUtf8(charset, bytes, decoded)) valid = false;
    }
    if (!valid) {
      out.append(text.substr(i, p + 2 - i));
      i = p + 2;
      lastWasWord = false;
      continue;
    }
    std::string_view between = text.substr(i, p - i);
    bool blank = between.find_first_not_of(" \t\r\n") == std::string_view::npos;
    // Whitespace between two encoded words is not part of the text (RFC 2047 6.2).
    if (!(lastWasWord && blank)) out.append(between);
    out += decoded;
    lastWasWord = true;
    i = endw + 2;
  }
  return out;
}

}  // namespace mailhive::imap
