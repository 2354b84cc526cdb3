#include "smtp/data.h"

namespace mailhive::smtp {

void DataEncoder::feed(std::string_view in, std::string& out) {
  out.reserve(out.size() + in.size() + in.size() / 64 + 8);
  size_t i = 0;
  const size_t n = in.size();
  while (i < n) {
    if (pendingCr_) {
      pendingCr_ = false;
      out += "\r\n";
      lineStart_ = true;
      if (in[i] == '\n') {
        ++i;
        continue;
      }
    }
    // Copy the plain run up to the next special byte in one go (the common case).
    size_t j = i;
    if (lineStart_ && in[j] == '.') {
      out += '.';
    }
    while (j < n && in[j] != '\r' && in[j] != '\n' && in[j] != '\0') ++j;
    if (j > i) {
      out.append(in.data() + i, j - i);
      lineStart_ = false;
    }
    if (j == n) break;
    char c = in[j];
    if (c == '\r') {
      pendingCr_ = true;
    } else if (c == '\n') {
      out += "\r\n";
      lineStart_ = true;
    }
    i = j + 1;
  }
}

void DataEncoder::finish(std::string& out) {
  if (pendingCr_) {
    out += "\r\n";
    pendingCr_ = false;
    lineStart_ = true;
  }
  if (!lineStart_) out += "\r\n";
  out += ".\r\n";
  lineStart_ = true;
}

}  // namespace mailhive::smtp
