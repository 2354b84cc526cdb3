#include "smtp_wrap.h"

#include "async_call.h"
#include "convert.h"
#include "core/error.h"
#include "net/reactor.h"

namespace mailhive::node {

// What every report of a batch of sends carries besides the common state.
template <>
struct ExtraState<smtp::Client> {
  std::vector<std::string> caps, refused;
  std::string messageId;
  void collect(const smtp::Client& c) {
    caps = c.capabilities();
    refused = c.refusedRecipients();
    messageId = c.lastMessageId();
  }
  bool capsRepeated = false;
  // In a batch: the capabilities went with an earlier report already.
  void omitRepeats(const ExtraState& prev) { capsRepeated = caps == prev.caps; }
  void fill(Napi::Env env, Napi::Object r) {
    if (!capsRepeated) r.Set("capabilities", toArray(env, caps));
    r.Set("refusedRecipients", toArray(env, refused));
    r.Set("messageId", messageId);
  }
};

namespace {

class SmtpCall : public AsyncCall {
 public:
  enum Kind { kConnect, kSend, kDisconnect };
  SmtpCall(Napi::Env env, Kind kind, std::shared_ptr<smtp::Client> client)
      : AsyncCall(env), kind_(kind), client_(std::move(client)) {}
  smtp::Settings settings;
  mime::Message message;

  Task<void> start() override {
    client_->setProgress(progress ? progress->fn() : ProgressFn{});
    switch (kind_) {
      case kConnect: return client_->connect(settings);
      case kSend: return client_->send(settings, std::move(message));
      case kDisconnect: break;
    }
    return client_->disconnect();
  }
  void collect() override {
    client_->setProgress(ProgressFn{});
    lastReply = client_->lastReply();
    lastRequest = client_->lastRequest();
    connected = client_->connected();
    tls = client_->tlsResult();
    caps_ = client_->capabilities();
    refused_ = client_->refusedRecipients();
    messageId_ = client_->lastMessageId();
  }
  const void* clientKey() const override { return client_.get(); }
  void fill(Napi::Env env, Napi::Object r) override {
    r.Set("capabilities", toArray(env, caps_));
    r.Set("refusedRecipients", toArray(env, refused_));
    r.Set("messageId", messageId_);
  }

 private:
  Kind kind_;
  std::shared_ptr<smtp::Client> client_;
  std::vector<std::string> caps_, refused_;
  std::string messageId_;
};

}  // namespace

Napi::Function SmtpWrap::Define(Napi::Env env) {
  return DefineClass(env, "NativeSmtp",
                     {InstanceMethod<&SmtpWrap::Connect>("connect"), InstanceMethod<&SmtpWrap::Send>("send"),
                      InstanceMethod<&SmtpWrap::SendMany>("sendMany"),
                      InstanceMethod<&SmtpWrap::Disconnect>("disconnect"), InstanceMethod<&SmtpWrap::Abort>("abort")});
}

SmtpWrap::SmtpWrap(const Napi::CallbackInfo& info)
    : Napi::ObjectWrap<SmtpWrap>(info), client_(std::make_shared<smtp::Client>(EventLoop::instance())) {
  trackTls(client_.get());
}

SmtpWrap::~SmtpWrap() {
  untrackTls(client_.get());
  // A call in flight owns the client too; the last owner releases it on the loop thread, which
  // is the only thread that touches its socket.
  auto client = std::move(client_);
  EventLoop::instance().post([client]() mutable { client.reset(); });
}

Napi::Value SmtpWrap::Connect(const Napi::CallbackInfo& info) {
  auto call = std::make_unique<SmtpCall>(info.Env(), SmtpCall::kConnect, client_);
  try {
    call->settings = toSmtpSettings(info[0].As<Napi::Object>());
    smtp::validate(call->settings);
  } catch (...) {
    throwAsJs(info.Env());
  }
  client_->resetAbort();
  return dispatch(info.Env(), std::move(call));
}

Napi::Value SmtpWrap::Send(const Napi::CallbackInfo& info) {
  auto call = std::make_unique<SmtpCall>(info.Env(), SmtpCall::kSend, client_);
  try {
    call->settings = toSmtpSettings(info[0].As<Napi::Object>());
    smtp::validate(call->settings);
    call->message = toMessage(info[1].As<Napi::Object>());
  } catch (...) {
    throwAsJs(info.Env());
  }
  if (info.Length() > 2) call->progress = ProgressRelay::create(info.Env(), info[2]);
  client_->resetAbort();
  return dispatch(info.Env(), std::move(call));
}

// sendMany(settings, messages[], onEach(index, result)): the messages go out back to back, pipelined.
Napi::Value SmtpWrap::SendMany(const Napi::CallbackInfo& info) {
  smtp::Settings settings;
  std::vector<mime::Message> messages;
  try {
    settings = toSmtpSettings(info[0].As<Napi::Object>());
    smtp::validate(settings);
    Napi::Array list = info[1].As<Napi::Array>();
    messages.reserve(list.Length());
    for (uint32_t i = 0; i < list.Length(); ++i) messages.push_back(toMessage(list.Get(i).As<Napi::Object>()));
  } catch (...) {
    throwAsJs(info.Env());
  }
  using Batch = BatchCall<smtp::Client, None>;
  auto shared = std::make_shared<std::vector<mime::Message>>(std::move(messages));
  Batch::Runner run = [settings, shared](smtp::Client& c, Batch::Each each) {
    return c.sendMany(settings, std::move(*shared), [each](size_t i, std::exception_ptr e) { each(i, e, None{}); });
  };
  return callBatch<smtp::Client, None>(info.Env(), client_, std::move(run), nullptr, info[2]);
}

Napi::Value SmtpWrap::Disconnect(const Napi::CallbackInfo& info) {
  client_->resetAbort();
  return dispatch(info.Env(), std::make_unique<SmtpCall>(info.Env(), SmtpCall::kDisconnect, client_));
}

Napi::Value SmtpWrap::Abort(const Napi::CallbackInfo& info) {
  client_->abort();
  return info.Env().Undefined();
}

}  // namespace mailhive::node
