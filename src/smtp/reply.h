// mailhive engine: SMTP reply parsing, I/O-free. Feed it lines; it tells when a reply is complete.
#pragma once
#include <string>
#include <vector>

namespace mailhive::smtp {

struct Reply {
  int code = 0;                    // 200..599
  std::string enhanced;            // "2.1.0" when the server sent an enhanced status code
  std::vector<std::string> lines;  // the text after "NNN-" / "NNN " of every line
  std::string raw;                 // every line as received, joined with CRLF
  bool positive() const { return code >= 200 && code < 400; }
};

class ReplyParser {
 public:
  // Adds one line (without CRLF). Returns true when the reply is complete. Throws MailError(116)
  // for a malformed line, a code outside 200..599, a code that changes mid-reply, or too many lines.
  bool feed(const std::string& line);
  Reply take();
  static constexpr size_t kMaxLines = 1000;
  static constexpr size_t kMaxLineLength = 4096;

 private:
  Reply cur_;
};

// Capability lines of an EHLO reply (the first line, the greeting, is skipped), upper-cased keyword first.
std::vector<std::string> capabilitiesOf(const Reply& ehloReply);

}  // namespace mailhive::smtp
