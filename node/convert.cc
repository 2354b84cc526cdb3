#include "convert.h"

#include "core/error.h"

namespace mailhive::node {

std::string str(const Napi::Object& o, const char* key, const std::string& def) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return def;
  return v.ToString().Utf8Value();
}

int integer(const Napi::Object& o, const char* key, int def) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return def;
  return v.ToNumber().Int32Value();
}

bool boolean(const Napi::Object& o, const char* key, bool def) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return def;
  return v.ToBoolean().Value();
}

TlsSettings toTlsSettings(const Napi::Object& ssl) {
  TlsSettings t;
  t.enabled = boolean(ssl, "enabled");
  t.useStartTls = boolean(ssl, "useStartTls");
  t.autosetPortAndSsl = boolean(ssl, "autosetPortAndSsl", true);
  t.protocol = integer(ssl, "protocol");
  t.verifyServerCert = boolean(ssl, "verifyServerCert", true);
  t.expectedHostName = str(ssl, "expectedHostName");
  t.pinSha256 = str(ssl, "pinSha256");
  t.storeType = integer(ssl, "_storeType");
  t.storePath = str(ssl, "_storePath", "ROOT");
  t.storeOptions = integer(ssl, "_storeOptions");
  t.clientCertPath = str(ssl, "_clientCertPath");
  t.clientCertPassword = str(ssl, "_clientCertPassword");
  t.clientKeyPath = str(ssl, "_clientKeyPath");
  return t;
}

smtp::Settings toSmtpSettings(const Napi::Object& m) {
  auto s = toMailerSettings<smtp::Settings>(m);
  s.domain = str(m, "domain");
  s.allowRefusedRecipients = boolean(m, "allowRefusedRecipients");
  return s;
}

mime::Message toMessage(const Napi::Object& o) {
  mime::Message m;
  m.fromAddr = str(o, "fromAddr");
  m.toAddr = str(o, "toAddr");
  m.ccAddr = str(o, "ccAddr");
  m.bccAddr = str(o, "bccAddr");
  m.replyToAddr = str(o, "replyToAddr");
  m.subject = str(o, "subject");
  m.bodyText = str(o, "bodyText");
  m.bodyFormat = integer(o, "bodyFormat");
  m.altBodyText = str(o, "altBodyText");
  m.charset = str(o, "charset", "utf-8");
  m.date = str(o, "date");
  m.messageId = str(o, "messageId");
  m.priority = integer(o, "priority");
  Napi::Value hv = o.Get("_headers");
  if (hv.IsArray()) {
    Napi::Array arr = hv.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); ++i) {
      Napi::Array pair = arr.Get(i).As<Napi::Array>();
      m.headers.emplace_back(pair.Get(0u).ToString().Utf8Value(), pair.Get(1u).ToString().Utf8Value());
    }
  }
  Napi::Value ph = o.Get("_parsedHeaders");
  if (ph.IsArray()) {
    Napi::Array arr = ph.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); ++i) {
      Napi::Array pair = arr.Get(i).As<Napi::Array>();
      m.parsedHeaders.emplace_back(pair.Get(0u).ToString().Utf8Value(), pair.Get(1u).ToString().Utf8Value());
    }
  }
  Napi::Value raw = o.Get("_raw");
  if (raw.IsBuffer()) {
    auto buf = raw.As<Napi::Buffer<char>>();
    m.raw.assign(buf.Data(), buf.Length());
    m.rawFingerprint = std::stoull(str(o, "_rawFingerprint", "0"));
  }
  Napi::Value av = o.Get("_attachments");
  if (av.IsArray()) {
    Napi::Array arr = av.As<Napi::Array>();
    for (uint32_t i = 0; i < arr.Length(); ++i) {
      Napi::Object a = arr.Get(i).As<Napi::Object>();
      mime::Attachment att;
      att.filename = str(a, "filename");
      att.contentType = str(a, "contentType");
      att.contentId = str(a, "contentId");
      att.path = str(a, "_path");
      Napi::Value data = a.Get("_data");
      if (data.IsBuffer()) {
        auto buf = data.As<Napi::Buffer<char>>();
        att.data.assign(buf.Data(), buf.Length());
      }
      att.size = static_cast<uint64_t>(a.Get("size").ToNumber().Int64Value());
      m.attachments.push_back(std::move(att));
    }
  }
  return m;
}

Napi::Object fromMessage(Napi::Env env, const mime::Message& m) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("fromAddr", m.fromAddr);
  o.Set("toAddr", m.toAddr);
  o.Set("ccAddr", m.ccAddr);
  o.Set("bccAddr", m.bccAddr);
  o.Set("replyToAddr", m.replyToAddr);
  o.Set("subject", m.subject);
  o.Set("bodyText", m.bodyText);
  o.Set("bodyFormat", m.bodyFormat);
  o.Set("altBodyText", m.altBodyText);
  o.Set("charset", m.charset);
  o.Set("date", m.date);
  o.Set("messageId", m.messageId);
  o.Set("priority", m.priority);
  auto pairs = [&](const std::vector<std::pair<std::string, std::string>>& v) {
    Napi::Array a = Napi::Array::New(env, v.size());
    for (size_t i = 0; i < v.size(); ++i) {
      Napi::Array p = Napi::Array::New(env, 2);
      p.Set(0u, v[i].first);
      p.Set(1u, v[i].second);
      a.Set(static_cast<uint32_t>(i), p);
    }
    return a;
  };
  o.Set("_headers", pairs(m.headers));
  o.Set("_parsedHeaders", pairs(m.parsedHeaders));
  o.Set("_raw", Napi::Buffer<char>::Copy(env, m.raw.data(), m.raw.size()));
  o.Set("_rawFingerprint", std::to_string(m.rawFingerprint));
  Napi::Array atts = Napi::Array::New(env, m.attachments.size());
  for (size_t i = 0; i < m.attachments.size(); ++i) {
    const auto& a = m.attachments[i];
    Napi::Object x = Napi::Object::New(env);
    x.Set("filename", a.filename);
    x.Set("contentType", a.contentType);
    x.Set("contentId", a.contentId);
    x.Set("size", static_cast<double>(a.data.empty() ? a.size : a.data.size()));
    x.Set("_path", a.path);
    x.Set("_data", Napi::Buffer<char>::Copy(env, a.data.data(), a.data.size()));
    atts.Set(static_cast<uint32_t>(i), x);
  }
  o.Set("_attachments", atts);
  return o;
}

Napi::Value fromCert(Napi::Env env, const std::optional<CertInfo>& cert) {
  if (!cert) return env.Null();
  const CertInfo& c = *cert;
  Napi::Object o = Napi::Object::New(env);
  o.Set("subject", c.subject);
  o.Set("issuer", c.issuer);
  o.Set("issuedTo", c.issuedTo);
  o.Set("issuedBy", c.issuedBy);
  o.Set("validFrom", Napi::Date::New(env, static_cast<double>(c.validFrom) * 1000.0));
  o.Set("validTo", Napi::Date::New(env, static_cast<double>(c.validTo) * 1000.0));
  o.Set("serialNumber", c.serialNumber);
  o.Set("fingerprintSha1", c.fingerprintSha1);
  o.Set("fingerprintSha256", c.fingerprintSha256);
  Napi::Array alt = Napi::Array::New(env, c.altNames.size());
  for (size_t i = 0; i < c.altNames.size(); ++i) alt.Set(static_cast<uint32_t>(i), c.altNames[i]);
  o.Set("altNames", alt);
  o.Set("emailAddress", c.emailAddress);
  o.Set("version", c.version);
  o.Set("publicKeyAlgorithm", c.publicKeyAlgorithm);
  o.Set("publicKeyBits", c.publicKeyBits);
  o.Set("isSelfSigned", c.isSelfSigned);
  o.Set("pem", c.pem);
  Napi::Array errs = Napi::Array::New(env, c.verifyErrors.size());
  for (size_t i = 0; i < c.verifyErrors.size(); ++i) errs.Set(static_cast<uint32_t>(i), c.verifyErrors[i]);
  o.Set("verifyErrors", errs);
  return o;
}

Napi::Object fromTlsResult(Napi::Env env, const TlsResult& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("sslError", r.sslError);
  o.Set("sslSpecificError", r.sslSpecificError);
  o.Set("serverCert", fromCert(env, r.serverCert));
  Napi::Array chain = Napi::Array::New(env, r.chain.size());
  for (size_t i = 0; i < r.chain.size(); ++i) chain.Set(static_cast<uint32_t>(i), fromCert(env, r.chain[i]));
  o.Set("chain", chain);
  o.Set("negotiatedProtocol", r.negotiatedProtocol);
  o.Set("cipherSuite", r.cipherSuite);
  return o;
}

void throwAsJs(Napi::Env env) {
  try {
    throw;
  } catch (const ArgumentError& e) {
    if (e.range) throw Napi::RangeError::New(env, e.what());
    throw Napi::TypeError::New(env, e.what());
  } catch (const MailError& e) {
    Napi::Error err = Napi::Error::New(env, e.what());
    err.Set("errCode", Napi::Number::New(env, e.errCode));
    err.Set("sslError", Napi::Number::New(env, e.sslError));
    throw err;
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, e.what());
  }
}

}  // namespace mailhive::node
