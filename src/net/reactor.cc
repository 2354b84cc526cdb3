#include "net/reactor.h"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>

namespace mailhive {

static int millisUntil(TimePoint deadline) {
  auto now = Clock::now();
  if (deadline <= now) return 0;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1;
  return ms > 24 * 3600 * 1000 ? 24 * 3600 * 1000 : static_cast<int>(ms);
}

bool BlockingReactor::waitNow(int fd, short events, TimePoint deadline, CancelToken* cancel, WaitResult* out) {
  for (;;) {
    if (cancel && cancel->cancelled) {
      *out = WaitResult::Cancelled;
      return true;
    }
    // Wake up at least every 200 ms so that an abort() from another thread is seen.
    int ms = millisUntil(deadline);
    int slice = ms > 200 ? 200 : ms;
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, slice);
    if (n > 0) {
      *out = WaitResult::Ready;
      return true;
    }
    if (n < 0 && errno != EINTR) {
      *out = WaitResult::Ready;  // let the following read/write report the socket error
      return true;
    }
    if (n == 0 && ms <= slice) {
      *out = WaitResult::Timeout;
      return true;
    }
  }
}

BlockingReactor& BlockingReactor::instance() {
  static BlockingReactor r;
  return r;
}

EventLoop& EventLoop::instance() {
  // Never destroyed: Node may unload workers in any order; the thread lives as long as the process.
  static EventLoop* loop = new EventLoop();
  return *loop;
}

EventLoop::EventLoop() {
  epfd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wakefd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = wakefd_;
  ::epoll_ctl(epfd_, EPOLL_CTL_ADD, wakefd_, &ev);
  thread_ = std::thread([this] { run(); });
  thread_.detach();
}

EventLoop::~EventLoop() {
  stop_ = true;
}

void EventLoop::post(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    posted_.push_back(std::move(fn));
  }
  uint64_t one = 1;
  ssize_t w = ::write(wakefd_, &one, sizeof one);
  (void)w;
}

bool EventLoop::waitNow(int fd, short events, TimePoint deadline, CancelToken* cancel, WaitResult* out) {
  if (cancel && cancel->cancelled) {
    *out = WaitResult::Cancelled;
    return true;
  }
  // Already readable/writable: no need to go through epoll (keeps pipelined replies cheap).
  pollfd p{fd, events, 0};
  if (::poll(&p, 1, 0) > 0) {
    *out = WaitResult::Ready;
    return true;
  }
  if (deadline <= Clock::now()) {
    *out = WaitResult::Timeout;
    return true;
  }
  return false;
}

void EventLoop::waitLater(int fd, short events, TimePoint deadline, CancelToken* cancel, WaitResult* out,
                          std::coroutine_handle<> h) {
  waiters_[fd] = Waiter{events, deadline, cancel, out, h};
  timers_.emplace(deadline, fd);
  epoll_event ev{};
  ev.events = ((events & POLLIN) ? EPOLLIN : 0u) | ((events & POLLOUT) ? EPOLLOUT : 0u) | EPOLLONESHOT;
  ev.data.fd = fd;
  if (::epoll_ctl(epfd_, EPOLL_CTL_MOD, fd, &ev) != 0) ::epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev);
}

void EventLoop::offloadLater(std::function<void()> work, std::coroutine_handle<> h) {
  // Name resolution has no non-blocking API in libc: run it on a short-lived thread, resume here.
  std::thread([this, work = std::move(work), h]() {
    work();
    post([h] { h.resume(); });
  }).detach();
}

void EventLoop::cancel(CancelToken* token) {
  token->cancelled = true;
  post([this, token] {
    for (auto& [fd, w] : waiters_) {
      if (w.cancel == token) {
        complete(fd, WaitResult::Cancelled);
        return;
      }
    }
  });
}

void EventLoop::complete(int fd, WaitResult r) {
  auto it = waiters_.find(fd);
  if (it == waiters_.end()) return;
  Waiter w = it->second;
  waiters_.erase(it);
  for (auto t = timers_.lower_bound(w.deadline); t != timers_.end() && t->first == w.deadline; ++t) {
    if (t->second == fd) {
      timers_.erase(t);
      break;
    }
  }
  // The socket stays registered (disarmed by EPOLLONESHOT); it is closed by its owner, which
  // removes it from the epoll set implicitly.
  *w.out = r;
  w.h.resume();
}

int EventLoop::addBeforeWait(std::function<TimePoint()> fn) {
  int id = ++nextHookId_;
  beforeWait_.emplace(id, std::move(fn));
  return id;
}

void EventLoop::removeBeforeWait(int id) { beforeWait_.erase(id); }

void EventLoop::run() {
  std::vector<epoll_event> events(256);
  while (!stop_) {
    TimePoint until = timers_.empty() ? TimePoint::max() : timers_.begin()->first;
    for (auto it = beforeWait_.begin(); it != beforeWait_.end();) {
      auto fn = it->second;  // a hook may remove itself
      ++it;
      until = std::min(until, fn());
    }
    int timeout = until == TimePoint::max() ? -1 : millisUntil(until);
    int n = ::epoll_wait(epfd_, events.data(), static_cast<int>(events.size()), timeout);
    for (int i = 0; i < n; ++i) {
      int fd = events[i].data.fd;
      if (fd == wakefd_) {
        uint64_t v;
        ssize_t r = ::read(wakefd_, &v, sizeof v);
        (void)r;
        continue;
      }
      complete(fd, WaitResult::Ready);
    }
    auto now = Clock::now();
    while (!timers_.empty() && timers_.begin()->first <= now) {
      int fd = timers_.begin()->second;
      timers_.erase(timers_.begin());
      auto it = waiters_.find(fd);
      if (it != waiters_.end()) {
        Waiter w = it->second;
        waiters_.erase(it);
        *w.out = WaitResult::Timeout;
        w.h.resume();
      }
    }
    std::vector<std::function<void()>> ready;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ready.swap(posted_);
    }
    for (auto& fn : ready) fn();
  }
}

}  // namespace mailhive
