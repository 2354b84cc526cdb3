// mailhive engine: the session transcript (enableLogging/logFilePath). Protocol code hands it lines
// that are already masked: passwords, AUTH payloads and tokens never reach this file.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

namespace mailhive {

class Transcript {
 public:
  ~Transcript();
  // Opens (appends to) `path` when `enabled`; closes any previous file otherwise.
  void configure(bool enabled, const std::string& path);
  bool active() const { return file_ != nullptr; }
  void client(std::string_view line) { write("C: ", line); }
  void server(std::string_view line) { write("S: ", line); }
  void note(std::string_view line) { write("*  ", line); }

 private:
  void write(const char* prefix, std::string_view line);
  FILE* file_ = nullptr;
  std::string path_;
};

}  // namespace mailhive
