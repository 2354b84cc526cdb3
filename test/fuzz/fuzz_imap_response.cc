// Fuzz target: the IMAP response parser (imap/parser.h) and the mailbox name codec (imap/utf7.h).
// The input is cut the way Client::readResponse reads the wire: a line (up to '\n', CR removed); when
// the parser asks for a literal, exactly literalSize() raw bytes; then a line again. The first input
// byte picks the limits: odd = tight ParserLimits (small depth, literal and total caps), so that
// every limit is reached; even = the client's defaults.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "fuzz_common.h"
#include "imap/parser.h"
#include "imap/utf7.h"

using mailhive::ArgumentError;
using mailhive::MailError;
namespace imap = mailhive::imap;

namespace {

bool validUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp, min;
    if ((c >> 5) == 6) n = 1, cp = c & 0x1F, min = 0x80;
    else if ((c >> 4) == 14) n = 2, cp = c & 0x0F, min = 0x800;
    else if ((c >> 3) == 30) n = 3, cp = c & 0x07, min = 0x10000;
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// What the client does with a string of a response: mailbox names (LIST/STATUS) are decoded from
// modified UTF-7, envelope texts from RFC 2047.
void useString(const std::string& s) {
  std::string name = imap::decodeMailboxName(s);
  (void)imap::decodeEncodedWords(s);
  // Property: any valid UTF-8 name survives encode -> decode unchanged.
  if (validUtf8(name)) {
    std::string wire;
    try {
      wire = imap::encodeMailboxName(name);
    } catch (const ArgumentError&) {
      fuzz::violated();  // documented to throw only for invalid UTF-8
    }
    for (char c : wire)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) fuzz::violated();
    if (imap::decodeMailboxName(wire) != name) fuzz::violated();
  }
}

void walk(const imap::Node& n, size_t depth, size_t maxDepth) {
  if (depth > maxDepth + 1) fuzz::violated();  // the nesting bound holds
  (void)n.isAtom("FETCH");
  std::string s = n.str();
  if (n.isString() || n.type == imap::Node::Type::Atom) useString(s);
  for (const imap::Node& child : n.items) walk(child, depth + 1, maxDepth);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  imap::ParserLimits limits;
  if (data[0] & 1) {
    limits.maxDepth = 1 + (data[0] >> 4);
    limits.maxLiteral = 64;
    limits.maxTotal = 4096;
  }
  std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  imap::ResponseParser parser(limits);
  imap::ResponseParser::Need need = imap::ResponseParser::Need::Line;
  size_t pos = 0;
  while (pos < in.size()) {
    try {
      if (need == imap::ResponseParser::Need::Literal) {
        uint64_t n = parser.literalSize();
        if (n > limits.maxLiteral) fuzz::violated();  // refused before anything is allocated
        if (n > in.size() - pos) break;              // the server closed mid-literal
        need = parser.feedLiteral(std::string(in.substr(pos, n)));
        pos += n;
      } else {
        size_t nl = in.find('\n', pos);
        size_t end = nl == std::string_view::npos ? in.size() : nl;
        size_t stop = end > pos && in[end - 1] == '\r' ? end - 1 : end;
        std::string_view line = in.substr(pos, stop - pos);
        pos = end == in.size() ? end : end + 1;
        need = parser.feedLine(line);
      }
      if (need == imap::ResponseParser::Need::Complete) {
        imap::Response r = parser.take();
        if (r.kind == imap::Response::Kind::Tagged && r.tag.empty()) fuzz::violated();
        for (const imap::Node& item : r.items) walk(item, 1, limits.maxDepth);
        useString(r.text);
        need = imap::ResponseParser::Need::Line;
      }
    } catch (const MailError&) {
      // The parser resets itself on error; the client would drop the connection, we read on.
      need = imap::ResponseParser::Need::Line;
    }
  }
  return 0;
}
