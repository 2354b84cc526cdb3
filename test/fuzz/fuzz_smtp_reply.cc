// Fuzz target: SMTP reply parsing (smtp/reply.h). The input is what a server sends, cut into lines;
// the parser gets them one by one like SmtpClient does and every complete reply is taken.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "fuzz_common.h"
#include "smtp/reply.h"

using mailhive::MailError;
using mailhive::smtp::ReplyParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  ReplyParser parser;
  for (const std::string& line : fuzz::splitLines(in)) {
    try {
      if (!parser.feed(line)) continue;
      mailhive::smtp::Reply r = parser.take();
      // A complete reply always has a code in range and one text per line.
      if (r.code < 200 || r.code > 599 || r.lines.empty()) fuzz::violated();
      (void)r.positive();
      std::vector<std::string> caps = mailhive::smtp::capabilitiesOf(r);
      if (caps.size() + 1 != r.lines.size()) fuzz::violated();
    } catch (const MailError&) {
      // The client drops the connection after a malformed reply: start again with a fresh parser.
      parser = ReplyParser();
    }
  }
  return 0;
}
