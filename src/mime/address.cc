#include <string>
#include <vector>

#include "core/error.h"
#include "mime/message.h"

namespace mailhive::mime {

namespace {

bool isWsp(char c) { return c == ' ' || c == '\t'; }

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && isWsp(s[b])) ++b;
  while (e > b && isWsp(s[e - 1])) --e;
  return s.substr(b, e - b);
}

[[noreturn]] void bad(const char* what, const std::string& detail) {
  throw MailError(kBadAddress, std::string(what) + ": invalid address syntax: " + detail);
}

// Removes RFC 5322 comments "(...)" (nested, with backslash escapes) outside quoted strings and
// checks that quotes are balanced. Comments are replaced by a space.
std::string stripComments(const std::string& s, const char* what) {
  std::string out;
  bool inQuote = false;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (depth > 0) {
      if (c == '\\' && i + 1 < s.size()) ++i;
      else if (c == '(') ++depth;
      else if (c == ')' && --depth == 0) out.push_back(' ');
      continue;
    }
    if (inQuote) {
      out.push_back(c);
      if (c == '\\' && i + 1 < s.size()) out.push_back(s[++i]);
      else if (c == '"') inQuote = false;
      continue;
    }
    if (c == '"') inQuote = true;
    else if (c == '(') {
      depth = 1;
      continue;
    } else if (c == ')') {
      bad(what, "unbalanced parenthesis in \"" + s + "\"");
    }
    out.push_back(c);
  }
  if (inQuote) bad(what, "unbalanced quotes in \"" + s + "\"");
  if (depth > 0) bad(what, "unbalanced parenthesis in \"" + s + "\"");
  return out;
}

// Display name: quoted parts are unquoted and unescaped, runs of white space become one space.
std::string decodePhrase(const std::string& s) {
  std::string out;
  bool inQuote = false;
  bool pendingSpace = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      inQuote = !inQuote;
      continue;
    }
    if (inQuote && c == '\\' && i + 1 < s.size()) c = s[++i];
    else if (!inQuote && isWsp(c)) {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out.push_back(' ');
    pendingSpace = false;
    out.push_back(c);
  }
  return out;
}

void checkAddr(const std::string& addr, const std::string& item, const char* what) {
  if (addr.empty()) bad(what, "empty address in \"" + item + "\"");
  if (addr.size() > 254) bad(what, "address too long: \"" + addr + "\"");
  bool quotedLocal = addr[0] == '"';
  size_t at = addr.rfind('@');
  if (at == std::string::npos) bad(what, "missing @ in \"" + addr + "\"");
  if (at == 0) bad(what, "empty local part in \"" + addr + "\"");
  if (at + 1 == addr.size()) bad(what, "empty domain in \"" + addr + "\"");
  bool inQuote = false;
  for (size_t i = 0; i < addr.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(addr[i]);
    if (c < 33 || c == 127) bad(what, "space or control character in \"" + addr + "\"");
    if (c == '<' || c == '>') bad(what, "unexpected angle bracket in \"" + addr + "\"");
    if (c == '"') {
      // Quotes only as a whole quoted local part.
      if (!quotedLocal || (i != 0 && i + 1 != at)) bad(what, "misplaced quote in \"" + addr + "\"");
      inQuote = !inQuote;
      continue;
    }
    if (c == '\\' && !inQuote) bad(what, "backslash outside quotes in \"" + addr + "\"");
    if (!inQuote && (c == ',' || c == ';' || c == '(' || c == ')' || c == ':')) {
      bad(what, "unexpected '" + std::string(1, char(c)) + "' in \"" + addr + "\"");
    }
    if (!inQuote && c == '@' && i != at) bad(what, "more than one @ in \"" + addr + "\"");
  }
  if (inQuote) bad(what, "unbalanced quotes in \"" + addr + "\"");
  std::string domain = addr.substr(at + 1);
  bool literal = domain.front() == '[' && domain.back() == ']';
  if (!literal && (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string::npos)) {
    bad(what, "bad domain in \"" + addr + "\"");
  }
  if (!literal && (domain.find('[') != std::string::npos || domain.find(']') != std::string::npos)) {
    bad(what, "bad domain in \"" + addr + "\"");
  }
}

Address parseOne(const std::string& raw, const char* what) {
  std::string item = trim(stripComments(raw, what));
  Address a;
  // Position of '<' / '>' outside quoted strings.
  size_t lt = std::string::npos, gt = std::string::npos;
  bool inQuote = false;
  for (size_t i = 0; i < item.size(); ++i) {
    char c = item[i];
    if (inQuote) {
      if (c == '\\') ++i;
      else if (c == '"') inQuote = false;
      continue;
    }
    if (c == '"') inQuote = true;
    else if (c == '<') {
      if (lt != std::string::npos) bad(what, "more than one '<' in \"" + raw + "\"");
      lt = i;
    } else if (c == '>') {
      if (lt == std::string::npos || gt != std::string::npos) bad(what, "unbalanced angle brackets in \"" + raw + "\"");
      gt = i;
    }
  }
  if (lt != std::string::npos) {
    if (gt == std::string::npos) bad(what, "unbalanced angle brackets in \"" + raw + "\"");
    if (!trim(item.substr(gt + 1)).empty()) bad(what, "text after '>' in \"" + raw + "\"");
    a.name = decodePhrase(trim(item.substr(0, lt)));
    a.addr = trim(item.substr(lt + 1, gt - lt - 1));
  } else {
    a.addr = item;
  }
  checkAddr(a.addr, raw, what);
  return a;
}

}  // namespace

std::vector<Address> parseAddressList(const std::string& list, const char* what) {
  requireSingleLine(list, what);
  std::vector<Address> out;
  // Split at ',' or ';' outside quotes, comments and angle brackets.
  std::string cur;
  bool inQuote = false, inAngle = false;
  int depth = 0;
  auto flush = [&] {
    if (!trim(cur).empty()) out.push_back(parseOne(cur, what));
    cur.clear();
  };
  for (size_t i = 0; i < list.size(); ++i) {
    char c = list[i];
    if ((inQuote || depth > 0) && c == '\\' && i + 1 < list.size()) {
      cur.push_back(c);
      cur.push_back(list[++i]);
      continue;
    }
    if (inQuote) {
      if (c == '"') inQuote = false;
    } else if (depth > 0) {
      if (c == '(') ++depth;
      else if (c == ')') --depth;
    } else if (c == '"') {
      inQuote = true;
    } else if (c == '(') {
      depth = 1;
    } else if (c == '<') {
      inAngle = true;
    } else if (c == '>') {
      inAngle = false;
    } else if ((c == ',' || c == ';') && !inAngle) {
      flush();
      continue;
    }
    cur.push_back(c);
  }
  flush();
  return out;
}

}  // namespace mailhive::mime
