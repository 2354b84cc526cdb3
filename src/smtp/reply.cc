#include "smtp/reply.h"

#include <cctype>

#include "core/error.h"

namespace mailhive::smtp {

bool ReplyParser::feed(const std::string& line) {
  if (line.size() < 3 || !isdigit(static_cast<unsigned char>(line[0])) ||
      !isdigit(static_cast<unsigned char>(line[1])) || !isdigit(static_cast<unsigned char>(line[2])) ||
      (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
    std::string shown = line.substr(0, 80);
    for (auto& c : shown)
      if (static_cast<unsigned char>(c) < 32) c = '?';
    throw MailError(kProtocolError, "malformed reply from server: \"" + shown + "\"", cur_.raw.empty() ? line.substr(0, 512) : cur_.raw);
  }
  int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  if (code < 200 || code > 599) {
    throw MailError(kProtocolError, "reply code out of range: " + line.substr(0, 3), line.substr(0, 512));
  }
  if (cur_.code != 0 && code != cur_.code) {
    throw MailError(kProtocolError, "reply code changed inside a multi-line reply", cur_.raw);
  }
  if (cur_.lines.size() >= kMaxLines) throw MailError(kProtocolError, "reply has too many lines", cur_.raw.substr(0, 4096));
  cur_.code = code;
  std::string text = line.size() > 4 ? line.substr(4) : "";
  // Enhanced status code (RFC 3463): class.subject.detail with the same class as the reply.
  if (cur_.lines.empty() && text.size() >= 5 && text[0] == line[0] && text[1] == '.') {
    size_t end = text.find(' ');
    std::string candidate = text.substr(0, end);
    bool ok = true;
    int dots = 0;
    for (char c : candidate) {
      if (c == '.') ++dots;
      else if (!isdigit(static_cast<unsigned char>(c))) ok = false;
    }
    if (ok && dots == 2) cur_.enhanced = candidate;
  }
  cur_.lines.push_back(text);
  if (!cur_.raw.empty()) cur_.raw += "\r\n";
  cur_.raw += line;
  return line.size() == 3 || line[3] == ' ';
}

Reply ReplyParser::take() {
  Reply r = std::move(cur_);
  cur_ = Reply{};
  return r;
}

std::vector<std::string> capabilitiesOf(const Reply& r) {
  std::vector<std::string> caps;
  for (size_t i = 1; i < r.lines.size(); ++i) {
    std::string c = r.lines[i];
    size_t sp = c.find(' ');
    for (size_t k = 0; k < c.size() && k < sp; ++k) c[k] = static_cast<char>(toupper(static_cast<unsigned char>(c[k])));
    caps.push_back(c);
  }
  return caps;
}

}  // namespace mailhive::smtp
