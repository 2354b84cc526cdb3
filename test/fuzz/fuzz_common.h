// mailhive fuzz targets: what every target shares. Input bytes are split into lines the way
// Stream::readLine does (up to '\n', one trailing '\r' removed); expected engine errors are caught,
// anything else escaping a target is a finding (libFuzzer reports the uncaught exception as a crash).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

// Splits `in` into lines without their CRLF/LF. A last line without '\n' is kept: a server may close
// after it, and the parsers must not care.
inline std::vector<std::string> splitLines(std::string_view in) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < in.size()) {
    size_t nl = in.find('\n', pos);
    size_t end = nl == std::string_view::npos ? in.size() : nl;
    size_t stop = end;
    if (stop > pos && in[stop - 1] == '\r') --stop;
    lines.emplace_back(in.substr(pos, stop - pos));
    pos = end == in.size() ? end : end + 1;
  }
  return lines;
}

// A property of the engine was broken: stop here so libFuzzer saves the input.
[[noreturn]] inline void violated() { __builtin_trap(); }

inline bool hasCrLfNul(std::string_view s) { return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos; }

}  // namespace fuzz
