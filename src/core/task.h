// mailhive engine: Task<T>, the coroutine type every network operation returns.
//
// Protocol code is written once, as straight-line coroutines over a Reactor. A blocking reactor
// (PHP, tools, tests) completes every wait in place, so a Task runs to the end inside runBlocking()
// without ever suspending. The event reactor (Node) suspends on each wait and resumes the coroutine
// from its single I/O thread when the socket is ready: waiting never holds a thread.
#pragma once
#include <coroutine>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>

namespace mailhive {

template <typename T>
class Task;

namespace detail {

struct PromiseBase {
  std::coroutine_handle<> continuation;
  std::exception_ptr error;
  // True while the awaiting coroutine runs this task inline (see Task::await_suspend).
  bool runningInline = false;

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      // Finished inside the awaiter's resume() call: the awaiter simply carries on.
      if (h.promise().runningInline) return std::noop_coroutine();
      auto next = h.promise().continuation;
      return next ? next : std::noop_coroutine();
    }
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <typename T>
struct Promise : PromiseBase {
  std::optional<T> value;
  Task<T> get_return_object() noexcept;
  template <typename U>
  void return_value(U&& v) {
    value.emplace(std::forward<U>(v));
  }
  T take() {
    if (error) std::rethrow_exception(error);
    return std::move(*value);
  }
};

template <>
struct Promise<void> : PromiseBase {
  Task<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void take() {
    if (error) std::rethrow_exception(error);
  }
};

}  // namespace detail

// A lazily started coroutine; co_await it from another Task, or hand it to a driver.
template <typename T = void>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::Promise<T>;
  using Handle = std::coroutine_handle<promise_type>;

  Task() = default;
  explicit Task(Handle h) : h_(h) {}
  Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Task& operator=(Task&& o) noexcept {
    if (this != &o) {
      if (h_) h_.destroy();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() {
    if (h_) h_.destroy();
  }

  bool await_ready() const noexcept { return false; }
  // Runs the task at once on this stack. When it completes without waiting (always, on a blocking
  // reactor) the awaiting coroutine continues without being suspended, so a long run of co_awaits
  // never stacks frames, whatever the optimisation level. When it does wait, it is resumed later by
  // its reactor on the same thread, and resumes the awaiting coroutine when it ends.
  bool await_suspend(std::coroutine_handle<> awaiting) {
    auto& p = h_.promise();
    p.continuation = awaiting;
    p.runningInline = true;
    h_.resume();
    if (h_.done()) return false;
    p.runningInline = false;
    return true;
  }
  T await_resume() { return h_.promise().take(); }

  // Driver interface: start the coroutine; done() tells whether it ran to the end.
  void start() { h_.resume(); }
  bool done() const { return h_ && h_.done(); }
  T result() { return h_.promise().take(); }
  void setContinuation(std::coroutine_handle<> c) { h_.promise().continuation = c; }

 private:
  Handle h_{};
};

namespace detail {
template <typename T>
Task<T> Promise<T>::get_return_object() noexcept {
  return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept {
  return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

// Runs a Task whose waits all complete in place (a BlockingReactor) and returns its result.
template <typename T>
T runBlocking(Task<T> task) {
  task.start();
  if (!task.done()) throw std::logic_error("mailhive: a blocking task suspended");
  return task.result();
}

// Starts a Task that may suspend; `done` is called (with the error, or null) when it finishes.
// The frame of the detached runner owns the task until then.
struct DetachedRun {
  struct promise_type {
    DetachedRun get_return_object() noexcept { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
};

inline DetachedRun runDetached(Task<void> task, std::function<void(std::exception_ptr)> done) {
  std::exception_ptr err;
  try {
    co_await task;
  } catch (...) {
    err = std::current_exception();
  }
  done(err);
}

}  // namespace mailhive
