// Node binding entry: registers the native classes and the synchronous helpers used by node/lib.
#include <napi.h>

#include <gnutls/gnutls.h>

#include "convert.h"
#include "mime/parser.h"
#include "core/error.h"
#include "smtp_wrap.h"

namespace mailhive::node {

Napi::Function definePop3(Napi::Env env);
Napi::Function defineImap4(Napi::Env env);

namespace {

Napi::Value CheckSingleLine(const Napi::CallbackInfo& info) {
  try {
    requireSingleLine(info[0].ToString().Utf8Value(), info[1].ToString().Utf8Value().c_str());
  } catch (...) {
    throwAsJs(info.Env());
  }
  return info.Env().Undefined();
}

// Validates a header the way Message.setHeader will store it.
Napi::Value CheckHeader(const Napi::CallbackInfo& info) {
  try {
    mime::Message m;
    m.setHeader(info[0].ToString().Utf8Value(), info[1].ToString().Utf8Value());
  } catch (...) {
    throwAsJs(info.Env());
  }
  return info.Env().Undefined();
}

Napi::Value ProbeAttachment(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  mime::Message m;
  try {
    m.addAttachment(info[0].ToString().Utf8Value(), info[1].ToString().Utf8Value(), info[2].ToString().Utf8Value(),
                    info[3].ToString().Utf8Value());
  } catch (...) {
    throwAsJs(env);
  }
  const mime::Attachment& a = m.attachments.back();
  Napi::Object o = Napi::Object::New(env);
  o.Set("filename", a.filename);
  o.Set("contentType", a.contentType);
  o.Set("contentId", a.contentId);
  o.Set("size", static_cast<double>(a.size));
  return o;
}

Napi::Value ProbeAttachmentData(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  mime::Message m;
  try {
    m.addAttachmentData(std::string(), info[0].ToString().Utf8Value(), info[1].ToString().Utf8Value());
  } catch (...) {
    throwAsJs(env);
  }
  const mime::Attachment& a = m.attachments.back();
  Napi::Object o = Napi::Object::New(env);
  o.Set("filename", a.filename);
  o.Set("contentType", a.contentType);
  return o;
}

Napi::Value BuildMessage(const Napi::CallbackInfo& info) {
  try {
    // Bytes, not a string: a parsed message keeps its original (possibly 8-bit) bytes.
    std::string raw = mime::messageText(toMessage(info[0].As<Napi::Object>()));
    return Napi::Buffer<char>::Copy(info.Env(), raw.data(), raw.size());
  } catch (...) {
    throwAsJs(info.Env());
  }
}

Napi::Value SaveMessage(const Napi::CallbackInfo& info) {
  try {
    mime::saveMessage(toMessage(info[0].As<Napi::Object>()), info[1].ToString().Utf8Value());
  } catch (...) {
    throwAsJs(info.Env());
  }
  return Napi::Boolean::New(info.Env(), true);
}

// rawBody = ... and retrieved messages: the MIME parser never fails on odd mail.
Napi::Value ParseMessage(const Napi::CallbackInfo& info) {
  try {
    if (info[0].IsBuffer()) {
      auto buf = info[0].As<Napi::Buffer<char>>();
      return fromMessage(info.Env(), mime::parseMessage(std::string_view(buf.Data(), buf.Length())));
    }
    return fromMessage(info.Env(), mime::parseMessage(info[0].ToString().Utf8Value()));
  } catch (...) {
    throwAsJs(info.Env());
  }
}

Napi::Value ImportFromFile(const Napi::CallbackInfo& info) {
  try {
    return fromMessage(info.Env(), mime::importFromFile(info[0].ToString().Utf8Value()));
  } catch (...) {
    throwAsJs(info.Env());
  }
}

// Loads the trust store / client certificate chosen on an SSL object now, so that a bad file is
// reported by selectServerCertStore/selectClientCert and not at the next connect.
Napi::Value LoadCredentials(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object r = Napi::Object::New(env);
  try {
    auto cred = TlsCredentials::forSettings(toTlsSettings(info[0].As<Napi::Object>()));
    r.Set("ok", true);
    r.Set("sslError", 0);
    r.Set("clientCert", fromCert(env, cred->clientCert()));
  } catch (const MailError& e) {
    r.Set("ok", false);
    r.Set("sslError", e.sslError);
    r.Set("sslSpecificError", e.sslSpecificError);
    r.Set("errDesc", e.what());
    r.Set("clientCert", env.Null());
  } catch (...) {
    throwAsJs(env);
  }
  return r;
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  ensureGnutlsInit();
  exports.Set("NativeSmtp", SmtpWrap::Define(env));
  exports.Set("NativePop3", definePop3(env));
  exports.Set("NativeImap4", defineImap4(env));
  exports.Set("checkSingleLine", Napi::Function::New(env, CheckSingleLine));
  exports.Set("checkHeader", Napi::Function::New(env, CheckHeader));
  exports.Set("probeAttachment", Napi::Function::New(env, ProbeAttachment));
  exports.Set("probeAttachmentData", Napi::Function::New(env, ProbeAttachmentData));
  exports.Set("buildMessage", Napi::Function::New(env, BuildMessage));
  exports.Set("saveMessage", Napi::Function::New(env, SaveMessage));
  exports.Set("parseMessage", Napi::Function::New(env, ParseMessage));
  exports.Set("importFromFile", Napi::Function::New(env, ImportFromFile));
  exports.Set("loadCredentials", Napi::Function::New(env, LoadCredentials));
  exports.Set("gnutlsVersion", Napi::String::New(env, gnutls_check_version(nullptr)));
  return exports;
}

}  // namespace mailhive::node

static Napi::Object InitMailhive(Napi::Env env, Napi::Object exports) { return mailhive::node::Init(env, exports); }
NODE_API_MODULE(mailhive, InitMailhive)
