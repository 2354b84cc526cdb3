#include "async_call.h"

#include <unordered_map>

#include "convert.h"
#include "core/error.h"
#include "net/reactor.h"

namespace mailhive::node {

Napi::Array toArray(Napi::Env env, const std::vector<std::string>& v) {
  Napi::Array a = Napi::Array::New(env, v.size());
  for (size_t i = 0; i < v.size(); ++i) a.Set(static_cast<uint32_t>(i), v[i]);
  return a;
}

std::shared_ptr<ProgressRelay> ProgressRelay::create(Napi::Env env, Napi::Value fn) {
  if (fn.IsEmpty() || !fn.IsFunction()) return nullptr;
  auto relay = std::shared_ptr<ProgressRelay>(new ProgressRelay());
  relay->tsfn_ = Napi::ThreadSafeFunction::New(env, fn.As<Napi::Function>(), "mailhive.progress", 0, 1);
  return relay;
}

ProgressRelay::~ProgressRelay() { tsfn_.Release(); }

ProgressFn ProgressRelay::fn() {
  auto self = shared_from_this();
  return [self](uint64_t done, uint64_t total) {
    auto* data = new std::pair<uint64_t, uint64_t>(done, total);
    napi_status st = self->tsfn_.NonBlockingCall(data, [](Napi::Env env, Napi::Function cb, std::pair<uint64_t, uint64_t>* d) {
      std::unique_ptr<std::pair<uint64_t, uint64_t>> owned(d);
      if (env == nullptr) return;
      try {
        cb.Call({Napi::Number::New(env, static_cast<double>(d->first)), Napi::Number::New(env, static_cast<double>(d->second))});
      } catch (const Napi::Error&) {
        // A throwing progress callback must not end the transfer.
      }
    });
    if (st != napi_ok) delete data;
  };
}

Napi::Object resultObject(Napi::Env env, const Outcome& o, const std::string& lastReply, const std::string& lastRequest,
                          bool connected, const TlsResult* tls) {
  Napi::Object r = Napi::Object::New(env);
  r.Set("errCode", o.errCode);
  r.Set("errDesc", o.errDesc);
  r.Set("sslError", o.sslError || !tls ? o.sslError : tls->sslError);
  r.Set("sslSpecificError", o.sslSpecificError || !tls ? o.sslSpecificError : tls->sslSpecificError);
  r.Set("serverResponse", o.serverResponse.empty() ? lastReply : o.serverResponse);
  r.Set("clientRequest", lastRequest);
  r.Set("connected", connected);
  if (tls) r.Set("tls", fromTlsResult(env, *tls));
  return r;
}

namespace {
// JS thread (one map per thread: main thread and each worker): client -> TLS state last reported.
thread_local std::unordered_map<const void*, std::string> reportedTls;
}  // namespace

std::string tlsKey(const TlsResult& t) {
  return (t.serverCert ? t.serverCert->fingerprintSha256 : std::string("-")) + "|" + t.negotiatedProtocol + "|" +
         t.cipherSuite + "|" + std::to_string(t.sslError) + "|" + std::to_string(t.sslSpecificError) + "|" +
         std::to_string(t.chain.size());
}

void trackTls(const void* client) { reportedTls[client].clear(); }
void untrackTls(const void* client) { reportedTls.erase(client); }

bool tlsChanged(const void* client, const TlsResult& tls, bool callOk) {
  auto it = reportedTls.find(client);
  if (it == reportedTls.end()) return true;
  std::string key = tlsKey(tls);
  if (callOk && !it->second.empty() && key == it->second) return false;
  // A failed call always reports it (and forgets what was reported: the next success does too).
  it->second = callOk ? key : std::string();
  return true;
}

namespace {

// One thread-safe function per JS environment (main thread, each worker) settles every call: it is
// created once and referenced only while calls are in flight, so an idle process can exit.
struct SettleContext;
void settle(Napi::Env env, Napi::Function, SettleContext* ctx, AsyncCall* call);
using Settler = Napi::TypedThreadSafeFunction<SettleContext, AsyncCall, settle>;

struct SettleContext {
  Settler tsfn;
  size_t pending = 0;  // JS thread only
};

thread_local std::unordered_map<napi_env, SettleContext*> settlers;

void dropSettler(void* arg) {
  auto* ctx = static_cast<SettleContext*>(arg);
  for (auto it = settlers.begin(); it != settlers.end(); ++it) {
    if (it->second == ctx) {
      settlers.erase(it);
      break;
    }
  }
  ctx->tsfn.Release();  // in-flight calls hold their own acquisition; the object goes with the last
}

SettleContext& settlerFor(Napi::Env env) {
  auto it = settlers.find(env);
  if (it != settlers.end()) return *it->second;
  auto* ctx = new SettleContext();  // lives as long as the environment (one per environment)
  ctx->tsfn = Settler::New(env, "mailhive.call", 0, 1, ctx);
  ctx->tsfn.Unref(env);
  settlers.emplace(env, ctx);
  napi_add_env_cleanup_hook(env, dropSettler, ctx);
  return *ctx;
}

void settle(Napi::Env env, Napi::Function, SettleContext* ctx, AsyncCall* call) {
  std::unique_ptr<AsyncCall> owned(call);
  if (env == nullptr) return;  // the environment is shutting down
  if (ctx && --ctx->pending == 0) ctx->tsfn.Unref(env);
  Napi::HandleScope scope(env);
  bool withTls = tlsChanged(call->clientKey(), call->tls, call->outcome.ok());
  Napi::Object r = resultObject(env, call->outcome, call->lastReply, call->lastRequest, call->connected,
                                withTls ? &call->tls : nullptr);
  call->fill(env, r);
  call->deferred.Resolve(r);
}

}  // namespace

Napi::Value dispatch(Napi::Env env, std::unique_ptr<AsyncCall> call) {
  Napi::Promise promise = call->deferred.Promise();
  SettleContext& ctx = settlerFor(env);
  if (ctx.pending++ == 0) ctx.tsfn.Ref(env);
  ctx.tsfn.Acquire();  // released by the loop thread once the result is queued
  Settler tsfn = ctx.tsfn;
  AsyncCall* raw = call.release();
  EventLoop::instance().post([raw, tsfn]() mutable {
    runDetached(raw->start(), [raw, tsfn](std::exception_ptr err) mutable {
      try {
        raw->outcome = outcomeOf(err);
      } catch (const std::exception& e) {
        raw->outcome.errCode = kProtocolError;
        raw->outcome.errDesc = e.what();
      }
      raw->collect();
      if (tsfn.BlockingCall(raw) != napi_ok) delete raw;
      tsfn.Release();
    });
  });
  return promise;
}

}  // namespace mailhive::node
