// mailhive engine: the DATA phase encoder (RFC 5321 4.5.2), I/O-free. Turns any bytes into a
// canonical DATA stream: every CR, LF or CRLF becomes CRLF (no bare CR or LF ever reaches the wire,
// which closes the SMTP smuggling vectors), NUL is dropped, a '.' at a line start is doubled.
#pragma once
#include <string>
#include <string_view>

namespace mailhive::smtp {

class DataEncoder {
 public:
  // Appends the encoded form of `in` to `out`.
  void feed(std::string_view in, std::string& out);
  // Appends the end of the data: a CRLF if the last line is open, then ".\r\n".
  void finish(std::string& out);

 private:
  bool lineStart_ = true;
  bool pendingCr_ = false;
};

}  // namespace mailhive::smtp
