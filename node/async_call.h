// Node binding: one mailer call run on the engine's event loop and settled on the JS thread.
// The JS thread copies arguments into the call (plain structs), the loop thread runs the engine's
// Task and copies results out of the client, and the JS thread turns them into a result object.
// No libuv pool thread is used at any point.
#pragma once
#include <napi.h>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/progress.h"
#include "net/reactor.h"
#include "core/task.h"
#include "net/tls.h"
#include "proto/outcome.h"

namespace mailhive::node {

// Relays engine progress reports (loop thread) to a JS callback (JS thread), never blocking the loop.
class ProgressRelay : public std::enable_shared_from_this<ProgressRelay> {
 public:
  // Null when `fn` is not a function.
  static std::shared_ptr<ProgressRelay> create(Napi::Env env, Napi::Value fn);
  ~ProgressRelay();
  ProgressFn fn();

 private:
  Napi::ThreadSafeFunction tsfn_;
};

class AsyncCall {
 public:
  explicit AsyncCall(Napi::Env env) : deferred(Napi::Promise::Deferred::New(env)) {}
  virtual ~AsyncCall() = default;
  // Loop thread: the engine call.
  virtual Task<void> start() = 0;
  // Loop thread, after the call ended (also after a failure): copy what JS needs out of the client.
  virtual void collect() = 0;
  // JS thread: add the call's own fields to the result object (errCode etc. are already set).
  virtual void fill(Napi::Env env, Napi::Object result) = 0;
  // The engine client the call ran on (identifies its mailer for tlsChanged()).
  virtual const void* clientKey() const = 0;

  Outcome outcome;
  std::shared_ptr<ProgressRelay> progress;  // set by the JS thread before dispatch
  // Common mailer state, filled by collect().
  std::string lastReply, lastRequest;
  bool connected = false;
  TlsResult tls;
  Napi::Promise::Deferred deferred;
};

// JS thread. A mailer's results carry the TLS state (certificates and all) only when it changed
// since the last one it got: building it is most of the cost of a result. Each wrap registers its
// client for its lifetime; results of unregistered clients always carry it.
void trackTls(const void* client);
void untrackTls(const void* client);
bool tlsChanged(const void* client, const TlsResult& tls, bool callOk);
std::string tlsKey(const TlsResult& t);

// Queues `call` on the engine loop; returns its Promise (always resolved with a result object).
Napi::Value dispatch(Napi::Env env, std::unique_ptr<AsyncCall> call);

// Per-client state copied after every call (IMAP's selected mailbox, capabilities ...).
// Specialise for a client type before its calls are instantiated.
template <typename Client>
struct ExtraState {
  void collect(const Client&) {}
  void fill(Napi::Env, Napi::Object) {}
};

struct None {};

// An AsyncCall made of lambdas, for the many small calls of POP3 and IMAP.
template <typename Client, typename Value>
class LambdaCall : public AsyncCall {
 public:
  using Starter = std::function<Task<void>(Client&, Value&)>;
  using Filler = std::function<Napi::Value(Napi::Env, const Value&)>;
  LambdaCall(Napi::Env env, std::shared_ptr<Client> client, Starter s, Filler f)
      : AsyncCall(env), client_(std::move(client)), start_(std::move(s)), fill_(std::move(f)) {}
  Task<void> start() override {
    client_->setProgress(progress ? progress->fn() : ProgressFn{});
    return start_(*client_, value_);
  }
  void collect() override {
    client_->setProgress(ProgressFn{});
    lastReply = client_->lastReply();
    lastRequest = client_->lastRequest();
    connected = client_->connected();
    tls = client_->tlsResult();
    extra_.collect(*client_);
  }
  void fill(Napi::Env env, Napi::Object result) override {
    extra_.fill(env, result);
    if (outcome.ok() && fill_) result.Set("value", fill_(env, value_));
  }
  const void* clientKey() const override { return client_.get(); }

 private:
  std::shared_ptr<Client> client_;
  Starter start_;
  Filler fill_;
  Value value_{};
  ExtraState<Client> extra_;
};

// Awaits `make(client)` and keeps its result for the JS thread. Parameters are copied into the
// coroutine frame (never captured by reference).
template <typename T, typename Client>
Task<void> storeResult(Client& c, T& out, std::function<Task<T>(Client&)> make) {
  out = co_await make(c);
}

// Runs a call that produces a value; `conv` turns it into JS on the JS thread.
template <typename T, typename Client>
Napi::Value callValue(Napi::Env env, const std::shared_ptr<Client>& client, std::function<Task<T>(Client&)> make,
                      std::function<Napi::Value(Napi::Env, const T&)> conv, Napi::Value onProgress = Napi::Value()) {
  client->resetAbort();
  typename LambdaCall<Client, T>::Starter starter = [make](Client& c, T& out) { return storeResult<T, Client>(c, out, make); };
  auto call = std::make_unique<LambdaCall<Client, T>>(env, client, starter, conv);
  if (!onProgress.IsEmpty()) call->progress = ProgressRelay::create(env, onProgress);
  return dispatch(env, std::move(call));
}

template <typename Client>
Napi::Value callVoid(Napi::Env env, const std::shared_ptr<Client>& client, std::function<Task<void>(Client&)> make) {
  client->resetAbort();
  typename LambdaCall<Client, None>::Starter starter = [make](Client& c, None&) { return make(c); };
  return dispatch(env, std::make_unique<LambdaCall<Client, None>>(env, client, starter, nullptr));
}

Napi::Array toArray(Napi::Env env, const std::vector<std::string>& v);

// The result object every call settles with (JS thread). `tls` null: the TLS state did not change
// since the previous report, and the object has no "tls" member.
Napi::Object resultObject(Napi::Env env, const Outcome& o, const std::string& lastReply, const std::string& lastRequest,
                          bool connected, const TlsResult* tls);

// One engine call that serves several JS calls queued back to back (sends, message downloads: the
// engine pipelines them). Each one is reported as soon as it is done, through `onEach(index, result)`
// on the JS thread, in order; the call's own Promise settles after the last report was queued.
// Reports carry the TLS state only when it changed (first report, a new connection, an error).
template <typename Client, typename Value>
class BatchCall : public AsyncCall {
 public:
  using Each = std::function<void(size_t, std::exception_ptr, Value)>;
  using Runner = std::function<Task<void>(Client&, Each)>;
  using Filler = Napi::Value (*)(Napi::Env, const Value&);  // null: the reports carry no value

  BatchCall(Napi::Env env, std::shared_ptr<Client> client, Runner run, Filler fill, Napi::Function onEach)
      : AsyncCall(env), client_(std::move(client)), run_(std::move(run)), fill_(fill) {
    each_ = Napi::ThreadSafeFunction::New(env, onEach, "mailhive.each", 0, 1);
  }
  Task<void> start() override {
    hook_ = EventLoop::instance().addBeforeWait([this] { return beforeWait(); });
    return run_(*client_, [this](size_t i, std::exception_ptr e, Value v) { report(i, e, std::move(v)); });
  }
  void collect() override {
    lastReply = client_->lastReply();
    lastRequest = client_->lastRequest();
    connected = client_->connected();
    tls = client_->tlsResult();
    flush();
    EventLoop::instance().removeBeforeWait(hook_);
    each_.Release();  // reports already queued are still delivered
  }
  void fill(Napi::Env, Napi::Object) override {}
  const void* clientKey() const override { return client_.get(); }

 private:
  // Reports go to the JS thread in groups, so that it is not woken once per message: a group leaves
  // when it is full, when the call ends, or at the latest kHold after its first report (the loop
  // does not sleep past that).
  static constexpr size_t kGroup = 64;
  static constexpr std::chrono::milliseconds kHold{2};

  struct Report {
    size_t index = 0;
    Outcome outcome;
    std::string lastReply, lastRequest;
    bool connected = false;
    std::optional<TlsResult> tls;
    Value value{};
    ExtraState<Client> extra;
    Filler fill = nullptr;
  };
  using Group = std::vector<std::unique_ptr<Report>>;

  // Loop thread.
  void report(size_t i, std::exception_ptr e, Value v) {
    auto r = std::make_unique<Report>();
    r->index = i;
    try {
      r->outcome = outcomeOf(e);
    } catch (const std::exception& x) {
      r->outcome.errCode = kProtocolError;  // not expected from the engine's batch calls
      r->outcome.errDesc = x.what();
    }
    r->lastReply = client_->lastReply();
    r->lastRequest = client_->lastRequest();
    r->connected = client_->connected();
    const TlsResult& t = client_->tlsResult();
    std::string key = tlsKey(t);
    if (!r->outcome.ok() || key != reportedTls_) {
      r->tls = t;
      reportedTls_ = r->outcome.ok() ? key : std::string();
    }
    r->value = std::move(v);
    r->extra.collect(*client_);
    if constexpr (requires(ExtraState<Client>& e) { e.omitRepeats(e); }) {
      if (lastExtra_) r->extra.omitRepeats(*lastExtra_);
      lastExtra_ = r->extra;
    }
    r->fill = fill_;
    if (pending_.empty()) firstAt_ = Clock::now();
    pending_.push_back(std::move(r));
    if (pending_.size() >= kGroup) flush();
  }
  TimePoint beforeWait() {
    if (pending_.empty()) return TimePoint::max();
    TimePoint due = firstAt_ + kHold;
    if (Clock::now() < due) return due;
    flush();
    return TimePoint::max();
  }
  void flush() {
    if (pending_.empty()) return;
    auto* group = new Group(std::move(pending_));
    pending_.clear();
    if (each_.NonBlockingCall(group, deliver) != napi_ok) delete group;
  }
  // JS thread.
  static void deliver(Napi::Env env, Napi::Function onEach, Group* raw) {
    std::unique_ptr<Group> group(raw);
    if (env == nullptr) return;
    for (auto& r : *group) {
      Napi::HandleScope scope(env);
      Napi::Object o = resultObject(env, r->outcome, r->lastReply, r->lastRequest, r->connected, r->tls ? &*r->tls : nullptr);
      r->extra.fill(env, o);
      if (r->outcome.ok() && r->fill) o.Set("value", r->fill(env, r->value));
      double index = static_cast<double>(r->index);
      r.reset();  // the engine's copy of a message goes as soon as JS has its own
      try {
        onEach.Call({Napi::Number::New(env, index), o});
      } catch (const Napi::Error&) {
        // node/lib's handler does not throw; the other reports are delivered either way.
      }
    }
  }

  std::shared_ptr<Client> client_;
  Runner run_;
  Filler fill_;
  Napi::ThreadSafeFunction each_;
  // Loop thread only.
  std::string reportedTls_;
  std::optional<ExtraState<Client>> lastExtra_;  // what the previous report carried
  Group pending_;
  TimePoint firstAt_{};
  int hook_ = 0;
};

template <typename Client, typename Value>
Napi::Value callBatch(Napi::Env env, const std::shared_ptr<Client>& client, typename BatchCall<Client, Value>::Runner run,
                      typename BatchCall<Client, Value>::Filler fill, Napi::Value onEach) {
  if (!onEach.IsFunction()) throw Napi::TypeError::New(env, "a report callback is required");
  client->resetAbort();
  return dispatch(env, std::make_unique<BatchCall<Client, Value>>(env, client, std::move(run), fill, onEach.As<Napi::Function>()));
}

}  // namespace mailhive::node
