// mailhive engine: progress of a large transfer (message data sent, message downloaded).
// Called on the thread that runs the call, at most every kStep bytes and once at the end.
#pragma once
#include <cstdint>
#include <functional>

namespace mailhive {

using ProgressFn = std::function<void(uint64_t done, uint64_t total)>;

class ProgressMeter {
 public:
  static constexpr uint64_t kStep = 256 * 1024;
  void reset(const ProgressFn* fn, uint64_t total) {
    fn_ = fn && *fn ? fn : nullptr;
    total_ = total;
    last_ = 0;
  }
  // `done` bytes so far; `final` forces a report.
  void update(uint64_t done, bool final = false) {
    if (!fn_) return;
    if (!final && done - last_ < kStep) return;
    last_ = done;
    (*fn_)(done, total_ > done ? total_ : done);
  }

 private:
  const ProgressFn* fn_ = nullptr;
  uint64_t total_ = 0;
  uint64_t last_ = 0;
};

}  // namespace mailhive
