// mailhive engine: reactors, the only place where the engine waits.
//
// A Reactor answers two questions for a coroutine: "wake me when this socket is ready or the
// deadline passes" and "run this blocking call (name resolution) somewhere and wake me".
// BlockingReactor answers in place with poll(); EventLoop runs one epoll thread per process that
// serves every connection of every mailer (the Node binding's driver).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace mailhive {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;

enum class WaitResult { Ready, Timeout, Cancelled };

// Shared between a mailer's coroutine and the thread that may abort it.
struct CancelToken {
  std::atomic<bool> cancelled{false};
};

class Reactor {
 public:
  virtual ~Reactor() = default;
  // Returns true when the wait completed in place (result in *out); false: the reactor will resume
  // `h` later, after writing *out. `events` are poll() bits (POLLIN/POLLOUT).
  virtual bool waitNow(int fd, short events, TimePoint deadline, CancelToken* cancel, WaitResult* out) = 0;
  virtual void waitLater(int fd, short events, TimePoint deadline, CancelToken* cancel, WaitResult* out,
                         std::coroutine_handle<> h) = 0;
  // Runs `work` (which may block, must not throw) and resumes afterwards. Returns true when done in place.
  virtual bool offloadNow(const std::function<void()>& work) = 0;
  virtual void offloadLater(std::function<void()> work, std::coroutine_handle<> h) = 0;
  // Wakes a pending wait guarded by `cancel` (thread-safe); it then reports WaitResult::Cancelled.
  virtual void cancel(CancelToken* cancel) = 0;
};

// co_await reactor.wait(...) / co_await reactor.offload(...)
struct WaitAwaiter {
  Reactor& r;
  int fd;
  short events;
  TimePoint deadline;
  CancelToken* cancel;
  WaitResult result = WaitResult::Ready;
  bool await_ready() { return r.waitNow(fd, events, deadline, cancel, &result); }
  void await_suspend(std::coroutine_handle<> h) { r.waitLater(fd, events, deadline, cancel, &result, h); }
  WaitResult await_resume() const noexcept { return result; }
};

// Trivially destructible on purpose: GCC 12 destroys some co_await temporaries twice.
struct OffloadAwaiter {
  Reactor& r;
  const std::function<void()>* work;
  bool await_ready() { return r.offloadNow(*work); }
  void await_suspend(std::coroutine_handle<> h) { r.offloadLater(*work, h); }
  void await_resume() const noexcept {}
};

// Waits in place with poll(): for PHP, command-line tools and the engine tests.
class BlockingReactor final : public Reactor {
 public:
  bool waitNow(int fd, short events, TimePoint deadline, CancelToken* cancel, WaitResult* out) override;
  void waitLater(int, short, TimePoint, CancelToken*, WaitResult*, std::coroutine_handle<>) override {}
  bool offloadNow(const std::function<void()>& work) override {
    work();
    return true;
  }
  void offloadLater(std::function<void()>, std::coroutine_handle<>) override {}
  void cancel(CancelToken* c) override { c->cancelled = true; }
  static BlockingReactor& instance();
};

// One epoll thread for the whole process. Coroutines are started and resumed only on this thread.
class EventLoop final : public Reactor {
 public:
  static EventLoop& instance();
  ~EventLoop() override;

  // Runs `fn` on the loop thread (thread-safe).
  void post(std::function<void()> fn);

  bool waitNow(int fd, short events, TimePoint deadline, CancelToken* cancel, WaitResult* out) override;
  void waitLater(int fd, short events, TimePoint deadline, CancelToken* cancel, WaitResult* out,
                 std::coroutine_handle<> h) override;
  bool offloadNow(const std::function<void()>&) override { return false; }
  void offloadLater(std::function<void()> work, std::coroutine_handle<> h) override;
  void cancel(CancelToken* cancel) override;

  // Loop thread only. `fn` runs each time the loop is about to wait for I/O and returns the latest
  // time the loop may sleep until (TimePoint::max(): no limit). Used to hand results over in groups
  // without holding any of them back for long. Returns an id for removeBeforeWait().
  int addBeforeWait(std::function<TimePoint()> fn);
  void removeBeforeWait(int id);

 private:
  EventLoop();
  void run();
  void complete(int fd, WaitResult r);

  struct Waiter {
    short events;
    TimePoint deadline;
    CancelToken* cancel;
    WaitResult* out;
    std::coroutine_handle<> h;
  };
  int epfd_ = -1;
  int wakefd_ = -1;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::function<void()>> posted_;
  // Loop-thread state only.
  std::unordered_map<int, Waiter> waiters_;
  std::multimap<TimePoint, int> timers_;
  std::map<int, std::function<TimePoint()>> beforeWait_;
  int nextHookId_ = 0;
  std::atomic<bool> stop_{false};
};

}  // namespace mailhive
