#include "smtp_wrap.h"

#include "convert.h"
#include "core/error.h"
#include "net/reactor.h"

namespace mailhive::node {

namespace {

// One call in flight: its inputs, and the results copied from the client on the loop thread.
struct Op {
  enum Kind { kConnect, kSend, kDisconnect } kind;
  std::shared_ptr<smtp::Client> client;
  smtp::Settings settings;
  mime::Message message;
  Napi::Promise::Deferred deferred;
  // Results.
  Outcome outcome;
  std::string lastReply, lastRequest, messageId;
  bool connected = false;
  std::vector<std::string> caps, refused;
  TlsResult tls;
  explicit Op(Napi::Env env) : deferred(Napi::Promise::Deferred::New(env)) {}
};

Napi::Array toArray(Napi::Env env, const std::vector<std::string>& v) {
  Napi::Array a = Napi::Array::New(env, v.size());
  for (size_t i = 0; i < v.size(); ++i) a.Set(static_cast<uint32_t>(i), v[i]);
  return a;
}

void settle(Napi::Env env, Napi::Function, void*, Op* op) {
  std::unique_ptr<Op> owned(op);
  if (env == nullptr) return;  // the environment is shutting down
  Napi::HandleScope scope(env);
  Napi::Object r = Napi::Object::New(env);
  r.Set("errCode", op->outcome.errCode);
  r.Set("errDesc", op->outcome.errDesc);
  r.Set("sslError", op->outcome.sslError ? op->outcome.sslError : op->tls.sslError);
  r.Set("sslSpecificError", op->outcome.sslSpecificError ? op->outcome.sslSpecificError : op->tls.sslSpecificError);
  r.Set("serverResponse", op->outcome.serverResponse.empty() ? op->lastReply : op->outcome.serverResponse);
  r.Set("clientRequest", op->lastRequest);
  r.Set("connected", op->connected);
  r.Set("capabilities", toArray(env, op->caps));
  r.Set("refusedRecipients", toArray(env, op->refused));
  r.Set("tls", fromTlsResult(env, op->tls));
  r.Set("messageId", op->messageId);
  op->deferred.Resolve(r);
}

using Settler = Napi::TypedThreadSafeFunction<void, Op, settle>;

Task<void> startOp(Op* op) {
  switch (op->kind) {
    case Op::kConnect: return op->client->connect(op->settings);
    case Op::kSend: return op->client->send(op->settings, std::move(op->message));
    case Op::kDisconnect: break;
  }
  return op->client->disconnect();
}

Napi::Value run(Napi::Env env, std::unique_ptr<Op> op) {
  Napi::Promise promise = op->deferred.Promise();
  auto tsfn = std::make_shared<Settler>(Settler::New(env, "mailhive.smtp", 0, 1));
  op->client->resetAbort();
  Op* raw = op.release();
  EventLoop::instance().post([raw, tsfn]() {
    runDetached(startOp(raw), [raw, tsfn](std::exception_ptr err) {
      try {
        raw->outcome = outcomeOf(err);
      } catch (const std::exception& e) {
        raw->outcome.errCode = kProtocolError;
        raw->outcome.errDesc = e.what();
      }
      const smtp::Client& c = *raw->client;
      raw->lastReply = c.lastReply();
      raw->lastRequest = c.lastRequest();
      raw->connected = c.connected();
      raw->caps = c.capabilities();
      raw->refused = c.refusedRecipients();
      raw->tls = c.tlsResult();
      raw->messageId = c.lastMessageId();
      tsfn->BlockingCall(raw);
      tsfn->Release();
    });
  });
  return promise;
}

}  // namespace

Napi::Function SmtpWrap::Define(Napi::Env env) {
  return DefineClass(env, "NativeSmtp",
                     {InstanceMethod<&SmtpWrap::Connect>("connect"), InstanceMethod<&SmtpWrap::Send>("send"),
                      InstanceMethod<&SmtpWrap::Disconnect>("disconnect"), InstanceMethod<&SmtpWrap::Abort>("abort")});
}

SmtpWrap::SmtpWrap(const Napi::CallbackInfo& info)
    : Napi::ObjectWrap<SmtpWrap>(info), client_(std::make_shared<smtp::Client>(EventLoop::instance())) {}

SmtpWrap::~SmtpWrap() {
  // A call still in flight owns the client through its Op; only an idle client is released here,
  // and its socket must be closed on the loop thread that may still be polling it.
  auto client = std::move(client_);
  EventLoop::instance().post([client]() mutable { client.reset(); });
}

Napi::Value SmtpWrap::Connect(const Napi::CallbackInfo& info) {
  auto op = std::make_unique<Op>(info.Env());
  op->kind = Op::kConnect;
  op->client = client_;
  try {
    op->settings = toSmtpSettings(info[0].As<Napi::Object>());
    smtp::validate(op->settings);
  } catch (...) {
    throwAsJs(info.Env());
  }
  return run(info.Env(), std::move(op));
}

Napi::Value SmtpWrap::Send(const Napi::CallbackInfo& info) {
  auto op = std::make_unique<Op>(info.Env());
  op->kind = Op::kSend;
  op->client = client_;
  try {
    op->settings = toSmtpSettings(info[0].As<Napi::Object>());
    smtp::validate(op->settings);
    op->message = toMessage(info[1].As<Napi::Object>());
  } catch (...) {
    throwAsJs(info.Env());
  }
  return run(info.Env(), std::move(op));
}

Napi::Value SmtpWrap::Disconnect(const Napi::CallbackInfo& info) {
  auto op = std::make_unique<Op>(info.Env());
  op->kind = Op::kDisconnect;
  op->client = client_;
  return run(info.Env(), std::move(op));
}

Napi::Value SmtpWrap::Abort(const Napi::CallbackInfo& info) {
  client_->abort();
  return info.Env().Undefined();
}

}  // namespace mailhive::node
