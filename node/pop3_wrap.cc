// Node binding: the native half of POP3 (see async_call.h for how calls run).
#include <napi.h>

#include "async_call.h"
#include "convert.h"
#include "core/error.h"
#include "net/reactor.h"
#include "pop3/client.h"

namespace mailhive::node {

template <>
struct ExtraState<pop3::Client> {
  std::vector<std::string> caps;
  void collect(const pop3::Client& c) { caps = c.capabilities(); }
  void fill(Napi::Env env, Napi::Object r) { r.Set("capabilities", toArray(env, caps)); }
};

namespace {

using Client = pop3::Client;


int indexArg(const Napi::CallbackInfo& info, size_t n) {
  if (!info[n].IsNumber()) throw Napi::TypeError::New(info.Env(), "the message index must be a number");
  double d = info[n].As<Napi::Number>().DoubleValue();
  if (d != static_cast<double>(static_cast<int64_t>(d)) || d < 1 || d > 2147483647.0)
    throw Napi::RangeError::New(info.Env(), "the message index must be an integer >= 1");
  return static_cast<int>(d);
}

Napi::Value num(Napi::Env env, const uint64_t& v) { return Napi::Number::New(env, static_cast<double>(v)); }
Napi::Value integerValue(Napi::Env env, const int& v) { return Napi::Number::New(env, v); }
Napi::Value text(Napi::Env env, const std::string& v) { return Napi::String::New(env, v); }
// Message bytes go to JS as a Buffer: 8-bit mail is not necessarily UTF-8.
Napi::Value bytes(Napi::Env env, const std::string& v) { return Napi::Buffer<char>::Copy(env, v.data(), v.size()); }
Napi::Value texts(Napi::Env env, const std::vector<std::string>& v) { return toArray(env, v); }

class Pop3Wrap : public Napi::ObjectWrap<Pop3Wrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativePop3",
                       {InstanceMethod<&Pop3Wrap::Connect>("connect"),
                        InstanceMethod<&Pop3Wrap::Disconnect>("disconnect"),
                        InstanceMethod<&Pop3Wrap::Abort>("abort"),
                        InstanceMethod<&Pop3Wrap::MessageCount>("messageCount"),
                        InstanceMethod<&Pop3Wrap::TotalSize>("totalSize"),
                        InstanceMethod<&Pop3Wrap::GetMessageSize>("getMessageSize"),
                        InstanceMethod<&Pop3Wrap::GetMessageUID>("getMessageUID"),
                        InstanceMethod<&Pop3Wrap::Search>("search"),
                        InstanceMethod<&Pop3Wrap::Retrieve>("retrieveSingleMessage"),
                        InstanceMethod<&Pop3Wrap::RetrieveHeaders>("retrieveSingleMessageHeaders"),
                        InstanceMethod<&Pop3Wrap::Delete>("deleteMessage"),
                        InstanceMethod<&Pop3Wrap::UndeleteAll>("undeleteAll")});
  }
  explicit Pop3Wrap(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<Pop3Wrap>(info), client_(std::make_shared<Client>(EventLoop::instance())) {
    trackTls(client_.get());
  }
  ~Pop3Wrap() override {
    untrackTls(client_.get());
    auto client = std::move(client_);
    EventLoop::instance().post([client]() mutable { client.reset(); });
  }

 private:
  Napi::Value Connect(const Napi::CallbackInfo& info) {
    pop3::Settings s;
    try {
      s = toMailerSettings<pop3::Settings>(info[0].As<Napi::Object>());
      pop3::validate(s);
    } catch (...) {
      throwAsJs(info.Env());
    }
    return callVoid<Client>(info.Env(), client_, [s](Client& c) { return c.connect(s); });
  }
  Napi::Value Disconnect(const Napi::CallbackInfo& info) {
    return callVoid<Client>(info.Env(), client_, [](Client& c) { return c.disconnect(); });
  }
  Napi::Value Abort(const Napi::CallbackInfo& info) {
    client_->abort();
    return info.Env().Undefined();
  }
  Napi::Value MessageCount(const Napi::CallbackInfo& info) {
    return callValue<int, Client>(info.Env(), client_, [](Client& c) { return c.messageCount(); }, integerValue);
  }
  Napi::Value TotalSize(const Napi::CallbackInfo& info) {
    return callValue<uint64_t, Client>(info.Env(), client_, [](Client& c) { return c.totalSize(); }, num);
  }
  Napi::Value GetMessageSize(const Napi::CallbackInfo& info) {
    int i = indexArg(info, 0);
    return callValue<uint64_t, Client>(info.Env(), client_, [i](Client& c) { return c.getMessageSize(i); }, num);
  }
  Napi::Value GetMessageUID(const Napi::CallbackInfo& info) {
    int i = indexArg(info, 0);
    return callValue<std::string, Client>(info.Env(), client_, [i](Client& c) { return c.getMessageUID(i); }, text);
  }
  Napi::Value Search(const Napi::CallbackInfo& info) {
    return callValue<std::vector<std::string>, Client>(info.Env(), client_, [](Client& c) { return c.search(); }, texts);
  }
  Napi::Value Retrieve(const Napi::CallbackInfo& info) {
    int i = indexArg(info, 0);
    return callValue<std::string, Client>(info.Env(), client_, [i](Client& c) { return c.retrieveSingleMessage(i); },
                                          bytes, info[1]);
  }
  Napi::Value RetrieveHeaders(const Napi::CallbackInfo& info) {
    int i = indexArg(info, 0);
    int lines = 0;
    if (info.Length() > 1 && !info[1].IsUndefined()) {
      double d = info[1].ToNumber().DoubleValue();
      if (d < 0 || d > 2147483647.0) throw Napi::RangeError::New(info.Env(), "bodyLines must be >= 0");
      lines = static_cast<int>(d);
    }
    return callValue<std::string, Client>(
        info.Env(), client_, [i, lines](Client& c) { return c.retrieveSingleMessageHeaders(i, lines); }, bytes);
  }
  Napi::Value Delete(const Napi::CallbackInfo& info) {
    int i = indexArg(info, 0);
    return callVoid<Client>(info.Env(), client_, [i](Client& c) { return c.deleteMessage(i); });
  }
  Napi::Value UndeleteAll(const Napi::CallbackInfo& info) {
    return callVoid<Client>(info.Env(), client_, [](Client& c) { return c.undeleteAll(); });
  }

  std::shared_ptr<Client> client_;
};

}  // namespace

Napi::Function definePop3(Napi::Env env) { return Pop3Wrap::Define(env); }

}  // namespace mailhive::node
