#include "async_call.h"

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

void settle(Napi::Env env, Napi::Function, void*, AsyncCall* call) {
  std::unique_ptr<AsyncCall> owned(call);
  if (env == nullptr) return;  // the environment is shutting down
  Napi::HandleScope scope(env);
  Napi::Object r = resultObject(env, call->outcome, call->lastReply, call->lastRequest, call->connected, &call->tls);
  call->fill(env, r);
  call->deferred.Resolve(r);
}

using Settler = Napi::TypedThreadSafeFunction<void, AsyncCall, settle>;

}  // namespace

Napi::Value dispatch(Napi::Env env, std::unique_ptr<AsyncCall> call) {
  Napi::Promise promise = call->deferred.Promise();
  auto tsfn = std::make_shared<Settler>(Settler::New(env, "mailhive.call", 0, 1));
  AsyncCall* raw = call.release();
  EventLoop::instance().post([raw, tsfn]() {
    runDetached(raw->start(), [raw, tsfn](std::exception_ptr err) {
      try {
        raw->outcome = outcomeOf(err);
      } catch (const std::exception& e) {
        raw->outcome.errCode = kProtocolError;
        raw->outcome.errDesc = e.what();
      }
      raw->collect();
      tsfn->BlockingCall(raw);
      tsfn->Release();
    });
  });
  return promise;
}

}  // namespace mailhive::node
