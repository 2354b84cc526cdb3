// Fuzz target: the SMTP DATA encoder (smtp/data.h), the last line of defence against SMTP smuggling.
// The input is a message body; the first bytes choose where it is cut into feed() calls. Checked:
// - the output is CRLF-only (no bare CR, no bare LF) and has no NUL;
// - "\r\n.\r\n" (and a leading ".\r\n") appears only as the terminator that finish() writes;
// - un-stuffing the output gives the body with every CR, LF and CRLF as CRLF and NUL removed;
// - the output does not depend on how the body was cut.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "smtp/data.h"

using mailhive::smtp::DataEncoder;

namespace {

// The body as the server must see it after un-stuffing: line ends canonical, NUL dropped.
std::string canonical(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '\r') {
      if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (c == '\n') {
      out += "\r\n";
    } else if (c != '\0') {
      out += c;
    }
  }
  if (!out.empty() && !(out.size() >= 2 && out.compare(out.size() - 2, 2, "\r\n") == 0)) out += "\r\n";
  return out;
}

std::string encode(std::string_view body, std::string_view cuts) {
  DataEncoder enc;
  std::string out;
  size_t pos = 0, k = 0;
  while (pos < body.size()) {
    size_t n = k < cuts.size() ? static_cast<unsigned char>(cuts[k++]) % 17 : body.size() - pos;
    if (n > body.size() - pos) n = body.size() - pos;
    enc.feed(body.substr(pos, n), out);  // n may be 0: an empty feed must change nothing
    pos += n;
  }
  enc.finish(out);
  return out;
}

void check(const std::string& out, std::string_view body) {
  // Ends with the terminator, and it is either the whole output or follows a CRLF.
  if (out.size() < 3 || out.compare(out.size() - 3, 3, ".\r\n") != 0) fuzz::violated();
  if (out.size() > 3 && out.compare(out.size() - 5, 2, "\r\n") != 0) fuzz::violated();
  std::string content = out.substr(0, out.size() - 3);  // CRLF-terminated lines, or empty
  for (size_t i = 0; i < content.size(); ++i) {
    char c = content[i];
    if (c == '\0') fuzz::violated();
    if (c == '\r' && (i + 1 >= content.size() || content[i + 1] != '\n')) fuzz::violated();
    if (c == '\n' && (i == 0 || content[i - 1] != '\r')) fuzz::violated();
  }
  // No line of the content is a lone "." (that would end DATA early), every dot line is stuffed.
  std::string unstuffed;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t e = content.find("\r\n", pos);
    if (e == std::string::npos) fuzz::violated();  // an open last line before the terminator
    std::string_view line(content.data() + pos, e - pos);
    if (line == ".") fuzz::violated();
    if (!line.empty() && line[0] == '.') {
      if (line.size() < 2 || line[1] != '.') fuzz::violated();
      line.remove_prefix(1);
    }
    unstuffed.append(line);
    unstuffed += "\r\n";
    pos = e + 2;
  }
  if (unstuffed != canonical(body)) fuzz::violated();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t ncuts = data[0] % 32;
  if (ncuts > size - 1) ncuts = size - 1;
  std::string_view cuts(reinterpret_cast<const char*>(data + 1), ncuts);
  std::string_view body(reinterpret_cast<const char*>(data + 1 + ncuts), size - 1 - ncuts);

  std::string whole = encode(body, {});
  check(whole, body);
  std::string pieces = encode(body, cuts);
  if (pieces != whole) fuzz::violated();
  // Byte by byte, the worst case for state kept between feed() calls.
  DataEncoder enc;
  std::string bytewise;
  for (char c : body) enc.feed(std::string_view(&c, 1), bytewise);
  enc.finish(bytewise);
  if (bytewise != whole) fuzz::violated();
  return 0;
}
