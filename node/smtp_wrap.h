// Node binding: the native half of SMTP. Each call copies its arguments into plain structs on the
// JS thread, runs on the engine's event loop (no libuv pool thread is held while waiting) and
// settles its Promise back on the JS thread through a thread-safe function.
#pragma once
#include <napi.h>

#include <memory>

#include "smtp/client.h"

namespace mailhive::node {

class SmtpWrap : public Napi::ObjectWrap<SmtpWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit SmtpWrap(const Napi::CallbackInfo& info);
  ~SmtpWrap() override;

 private:
  Napi::Value Connect(const Napi::CallbackInfo& info);
  Napi::Value Send(const Napi::CallbackInfo& info);
  Napi::Value SendMany(const Napi::CallbackInfo& info);
  Napi::Value Disconnect(const Napi::CallbackInfo& info);
  Napi::Value Abort(const Napi::CallbackInfo& info);

  std::shared_ptr<smtp::Client> client_;
};

}  // namespace mailhive::node
