// Node binding: translation between JS values and the engine's plain structs. No mail logic here.
#pragma once
#include <napi.h>

#include <optional>

#include "mime/message.h"
#include "net/tls.h"
#include "proto/outcome.h"
#include "smtp/client.h"

namespace mailhive::node {

std::string str(const Napi::Object& o, const char* key, const std::string& def = "");
int integer(const Napi::Object& o, const char* key, int def = 0);
bool boolean(const Napi::Object& o, const char* key, bool def = false);

TlsSettings toTlsSettings(const Napi::Object& ssl);

// The fields every mailer's Settings shares (SMTP, POP3, IMAP4); defaults are the Settings' own.
template <typename Settings>
Settings toMailerSettings(const Napi::Object& m) {
  Settings s;
  s.serverName = str(m, "serverName");
  s.portNumber = integer(m, "portNumber", s.portNumber);
  s.userName = str(m, "userName");
  s.password = str(m, "password");
  s.authMethod = integer(m, "authMethod", s.authMethod);
  s.timeout = integer(m, "timeout", s.timeout);
  s.deadline = integer(m, "deadline", s.deadline);
  s.enableLogging = boolean(m, "enableLogging");
  s.logFilePath = str(m, "logFilePath");
  Napi::Value ssl = m.Get("ssl");
  if (ssl.IsObject()) s.ssl = toTlsSettings(ssl.As<Napi::Object>());
  return s;
}
smtp::Settings toSmtpSettings(const Napi::Object& mailer);
mime::Message toMessage(const Napi::Object& msg);
// A parsed (or built) message as the plain object node/lib turns into a Message.
Napi::Object fromMessage(Napi::Env env, const mime::Message& m);

Napi::Value fromCert(Napi::Env env, const std::optional<CertInfo>& cert);
Napi::Object fromTlsResult(Napi::Env env, const TlsResult& r);

// Rethrows the current C++ exception as the right JS error: ArgumentError -> TypeError/RangeError,
// MailError -> Error with errCode. Call inside a catch block.
[[noreturn]] void throwAsJs(Napi::Env env);

}  // namespace mailhive::node
