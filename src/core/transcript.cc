#include "core/transcript.h"

#include <ctime>

namespace mailhive {

Transcript::~Transcript() {
  if (file_) fclose(file_);
}

void Transcript::configure(bool enabled, const std::string& path) {
  if (enabled && !path.empty() && file_ && path == path_) return;
  if (file_) {
    fclose(file_);
    file_ = nullptr;
  }
  path_.clear();
  if (enabled && !path.empty()) {
    file_ = fopen(path.c_str(), "a");
    if (file_) path_ = path;
  }
}

void Transcript::write(const char* prefix, std::string_view line) {
  if (!file_) return;
  char stamp[32];
  time_t now = time(nullptr);
  struct tm tmv;
  gmtime_r(&now, &tmv);
  strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &tmv);
  fputs(stamp, file_);
  fputs(prefix, file_);
  fwrite(line.data(), 1, line.size(), file_);
  fputc('\n', file_);
  fflush(file_);
}

}  // namespace mailhive
