// Node binding: the native half of IMAP4 (see async_call.h for how calls run).
#include <napi.h>

#include "async_call.h"
#include "convert.h"
#include "core/error.h"
#include "imap/client.h"
#include "mime/parser.h"
#include "net/reactor.h"

namespace mailhive::node {

template <>
struct ExtraState<imap::Client> {
  std::vector<std::string> caps;
  uint32_t messageCount = 0, recentCount = 0, uidValidity = 0, uidNext = 0;
  bool selected = false;
  void collect(const imap::Client& c) {
    caps = c.capabilities();
    messageCount = c.messageCount();
    recentCount = c.recentCount();
    uidValidity = c.uidValidity();
    uidNext = c.uidNext();
    selected = c.mailboxSelected();
  }
  bool capsRepeated = false;
  // In a batch: the capabilities went with an earlier report already.
  void omitRepeats(const ExtraState& prev) { capsRepeated = caps == prev.caps; }
  void fill(Napi::Env env, Napi::Object r) {
    if (!capsRepeated) r.Set("capabilities", toArray(env, caps));
    Napi::Object m = Napi::Object::New(env);
    m.Set("messageCount", messageCount);
    m.Set("recentCount", recentCount);
    m.Set("uidValidity", uidValidity);
    m.Set("uidNext", uidNext);
    m.Set("selected", selected);
    r.Set("mailbox", m);
  }
};

namespace {

using Client = imap::Client;


// A single-line string argument (mailbox name, search criteria, sequence set, flags).
std::string line(const Napi::CallbackInfo& info, size_t n, const char* what) {
  std::string v = info[n].IsUndefined() || info[n].IsNull() ? std::string() : info[n].ToString().Utf8Value();
  try {
    requireSingleLine(v, what);
  } catch (...) {
    throwAsJs(info.Env());
  }
  return v;
}

bool flag(const Napi::CallbackInfo& info, size_t n) { return info.Length() > n && info[n].ToBoolean().Value(); }

uint32_t idArg(const Napi::CallbackInfo& info, size_t n) {
  if (!info[n].IsNumber()) throw Napi::TypeError::New(info.Env(), "the message number or UID must be a number");
  double d = info[n].As<Napi::Number>().DoubleValue();
  if (d != static_cast<double>(static_cast<int64_t>(d)) || d < 1 || d > 4294967295.0)
    throw Napi::RangeError::New(info.Env(), "the message number or UID must be an integer >= 1");
  return static_cast<uint32_t>(d);
}

Napi::Value parsed(Napi::Env env, const mime::Message& m) { return fromMessage(env, m); }

// Message bytes go to JS as a Buffer: 8-bit mail is not necessarily UTF-8.
Napi::Value bytes(Napi::Env env, const std::string& v) { return Napi::Buffer<char>::Copy(env, v.data(), v.size()); }
Napi::Value boolValue(Napi::Env env, const bool& v) { return Napi::Boolean::New(env, v); }

Napi::Value mailboxes(Napi::Env env, const std::vector<imap::Mailbox>& v) {
  Napi::Array a = Napi::Array::New(env, v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", v[i].name);
    o.Set("delimiter", v[i].delimiter);
    o.Set("flags", toArray(env, v[i].flags));
    a.Set(static_cast<uint32_t>(i), o);
  }
  return a;
}

Napi::Value envelopes(Napi::Env env, const std::vector<imap::Envelope>& v) {
  Napi::Array a = Napi::Array::New(env, v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    const auto& e = v[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("messageNumber", e.messageNumber);
    o.Set("uid", e.uid);
    o.Set("size", static_cast<double>(e.size));
    o.Set("flags", toArray(env, e.flags));
    o.Set("date", e.date);
    o.Set("subject", e.subject);
    o.Set("fromAddr", e.fromAddr);
    o.Set("toAddr", e.toAddr);
    o.Set("ccAddr", e.ccAddr);
    o.Set("replyToAddr", e.replyToAddr);
    o.Set("messageId", e.messageId);
    a.Set(static_cast<uint32_t>(i), o);
  }
  return a;
}

Napi::Value numbers(Napi::Env env, const std::vector<uint32_t>& v) {
  Napi::Array a = Napi::Array::New(env, v.size());
  for (size_t i = 0; i < v.size(); ++i) a.Set(static_cast<uint32_t>(i), v[i]);
  return a;
}

class ImapWrap : public Napi::ObjectWrap<ImapWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativeImap4",
                       {InstanceMethod<&ImapWrap::Connect>("connect"),
                        InstanceMethod<&ImapWrap::Disconnect>("disconnect"),
                        InstanceMethod<&ImapWrap::Abort>("abort"),
                        InstanceMethod<&ImapWrap::Mailboxes>("retrieveMailboxes"),
                        InstanceMethod<&ImapWrap::Select>("selectMailbox"),
                        InstanceMethod<&ImapWrap::Examine>("examineMailbox"),
                        InstanceMethod<&ImapWrap::Create>("createMailbox"),
                        InstanceMethod<&ImapWrap::DeleteMailbox>("deleteMailbox"),
                        InstanceMethod<&ImapWrap::Rename>("renameMailbox"),
                        InstanceMethod<&ImapWrap::Envelopes>("retrieveEnvelopes"),
                        InstanceMethod<&ImapWrap::Retrieve>("retrieveSingleMessage"),
                        InstanceMethod<&ImapWrap::RetrieveMany>("retrieveMany"),
                        InstanceMethod<&ImapWrap::RetrieveHeaders>("retrieveSingleMessageHeaders"),
                        InstanceMethod<&ImapWrap::Search>("search"),
                        InstanceMethod<&ImapWrap::SetFlags>("setFlags"),
                        InstanceMethod<&ImapWrap::Copy>("copyMessages"),
                        InstanceMethod<&ImapWrap::Move>("moveMessages"),
                        InstanceMethod<&ImapWrap::DeleteMessages>("deleteMessages"),
                        InstanceMethod<&ImapWrap::Expunge>("expunge"),
                        InstanceMethod<&ImapWrap::Append>("appendMessage"),
                        InstanceMethod<&ImapWrap::Idle>("idle")});
  }
  explicit ImapWrap(const Napi::CallbackInfo& info)
      : Napi::ObjectWrap<ImapWrap>(info), client_(std::make_shared<Client>(EventLoop::instance())) {
    trackTls(client_.get());
  }
  ~ImapWrap() override {
    untrackTls(client_.get());
    auto client = std::move(client_);
    EventLoop::instance().post([client]() mutable { client.reset(); });
  }

 private:
  Napi::Value Connect(const Napi::CallbackInfo& info) {
    imap::Settings s;
    try {
      s = toMailerSettings<imap::Settings>(info[0].As<Napi::Object>());
      imap::validate(s);
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
  Napi::Value Mailboxes(const Napi::CallbackInfo& info) {
    std::string root = line(info, 0, "root");
    bool subscribed = flag(info, 1);
    return callValue<std::vector<imap::Mailbox>, Client>(
        info.Env(), client_, [root, subscribed](Client& c) { return c.retrieveMailboxes(root, subscribed); }, mailboxes);
  }
  Napi::Value Select(const Napi::CallbackInfo& info) {
    std::string name = line(info, 0, "mailbox name");
    return callVoid<Client>(info.Env(), client_, [name](Client& c) { return c.selectMailbox(name); });
  }
  Napi::Value Examine(const Napi::CallbackInfo& info) {
    std::string name = line(info, 0, "mailbox name");
    return callVoid<Client>(info.Env(), client_, [name](Client& c) { return c.examineMailbox(name); });
  }
  Napi::Value Create(const Napi::CallbackInfo& info) {
    std::string name = line(info, 0, "mailbox name");
    return callVoid<Client>(info.Env(), client_, [name](Client& c) { return c.createMailbox(name); });
  }
  Napi::Value DeleteMailbox(const Napi::CallbackInfo& info) {
    std::string name = line(info, 0, "mailbox name");
    return callVoid<Client>(info.Env(), client_, [name](Client& c) { return c.deleteMailbox(name); });
  }
  Napi::Value Rename(const Napi::CallbackInfo& info) {
    std::string from = line(info, 0, "mailbox name"), to = line(info, 1, "mailbox name");
    return callVoid<Client>(info.Env(), client_, [from, to](Client& c) { return c.renameMailbox(from, to); });
  }
  Napi::Value Envelopes(const Napi::CallbackInfo& info) {
    std::string set = line(info, 0, "message set");
    bool uid = flag(info, 1);
    return callValue<std::vector<imap::Envelope>, Client>(
        info.Env(), client_, [set, uid](Client& c) { return c.retrieveEnvelopes(set, uid); }, envelopes);
  }
  Napi::Value Retrieve(const Napi::CallbackInfo& info) {
    uint32_t id = idArg(info, 0);
    bool uid = flag(info, 1);
    return callValue<std::string, Client>(info.Env(), client_,
                                          [id, uid](Client& c) { return c.retrieveSingleMessage(id, uid); }, bytes,
                                          info[2]);
  }
  // retrieveMany(ids[], asUid, onEach(index, result)): whole messages, FETCH commands pipelined.
  Napi::Value RetrieveMany(const Napi::CallbackInfo& info) {
    if (!info[0].IsArray()) throw Napi::TypeError::New(info.Env(), "a list of message numbers or UIDs is required");
    Napi::Array list = info[0].As<Napi::Array>();
    std::vector<uint32_t> ids;
    ids.reserve(list.Length());
    for (uint32_t i = 0; i < list.Length(); ++i) {
      Napi::Value v = list.Get(i);
      double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : -1;
      if (d != static_cast<double>(static_cast<int64_t>(d)) || d < 1 || d > 4294967295.0)
        throw Napi::RangeError::New(info.Env(), "the message number or UID must be an integer >= 1");
      ids.push_back(static_cast<uint32_t>(d));
    }
    bool uid = flag(info, 1);
    // Each message is parsed on the loop thread, so that the JS thread only builds the objects.
    using Batch = BatchCall<Client, mime::Message>;
    Batch::Runner run = [ids, uid](Client& c, Batch::Each each) {
      return c.retrieveMany(ids, uid, [each](size_t i, std::exception_ptr e, std::string raw) {
        mime::Message m;
        if (!e) {
          try {
            m = mime::parseMessage(raw);
          } catch (...) {
            e = std::current_exception();
          }
        }
        each(i, e, std::move(m));
      });
    };
    return callBatch<Client, mime::Message>(info.Env(), client_, std::move(run), parsed, info[2]);
  }
  Napi::Value RetrieveHeaders(const Napi::CallbackInfo& info) {
    uint32_t id = idArg(info, 0);
    bool uid = flag(info, 1);
    return callValue<std::string, Client>(
        info.Env(), client_, [id, uid](Client& c) { return c.retrieveSingleMessageHeaders(id, uid); }, bytes);
  }
  Napi::Value Search(const Napi::CallbackInfo& info) {
    std::string criteria = line(info, 0, "search criteria");
    if (criteria.empty()) criteria = "ALL";
    bool uid = flag(info, 1);
    return callValue<std::vector<uint32_t>, Client>(
        info.Env(), client_, [criteria, uid](Client& c) { return c.search(criteria, uid); }, numbers);
  }
  Napi::Value SetFlags(const Napi::CallbackInfo& info) {
    std::string set = line(info, 0, "message set"), flags = line(info, 1, "flags");
    int mode = info[2].ToNumber().Int32Value();
    if (mode < imap::kFlagsAdd || mode > imap::kFlagsReplace)
      throw Napi::RangeError::New(info.Env(), "mode must be FLAGS_ADD, FLAGS_REMOVE or FLAGS_REPLACE");
    bool uid = flag(info, 3);
    return callVoid<Client>(info.Env(), client_,
                            [set, flags, mode, uid](Client& c) { return c.setFlags(set, flags, mode, uid); });
  }
  Napi::Value Copy(const Napi::CallbackInfo& info) {
    std::string set = line(info, 0, "message set"), box = line(info, 1, "mailbox name");
    bool uid = flag(info, 2);
    return callVoid<Client>(info.Env(), client_, [set, box, uid](Client& c) { return c.copyMessages(set, box, uid); });
  }
  Napi::Value Move(const Napi::CallbackInfo& info) {
    std::string set = line(info, 0, "message set"), box = line(info, 1, "mailbox name");
    bool uid = flag(info, 2);
    return callVoid<Client>(info.Env(), client_, [set, box, uid](Client& c) { return c.moveMessages(set, box, uid); });
  }
  Napi::Value DeleteMessages(const Napi::CallbackInfo& info) {
    std::string set = line(info, 0, "message set");
    bool uid = flag(info, 1);
    return callVoid<Client>(info.Env(), client_, [set, uid](Client& c) { return c.deleteMessages(set, uid); });
  }
  Napi::Value Expunge(const Napi::CallbackInfo& info) {
    return callVoid<Client>(info.Env(), client_, [](Client& c) { return c.expunge(); });
  }
  Napi::Value Append(const Napi::CallbackInfo& info) {
    std::string box = line(info, 0, "mailbox name");
    std::string raw;
    if (info[1].IsBuffer()) {
      auto buf = info[1].As<Napi::Buffer<char>>();
      raw.assign(buf.Data(), buf.Length());
    } else {
      raw = info[1].ToString().Utf8Value();
    }
    std::string flags = line(info, 2, "flags");
    return callVoid<Client>(info.Env(), client_,
                            [box, raw, flags](Client& c) { return c.appendMessage(box, raw, flags); });
  }
  Napi::Value Idle(const Napi::CallbackInfo& info) {
    double d = info[0].ToNumber().DoubleValue();
    if (!(d >= 0) || d > 86400) throw Napi::RangeError::New(info.Env(), "idle seconds must be between 0 and 86400");
    int seconds = static_cast<int>(d);
    return callValue<bool, Client>(info.Env(), client_, [seconds](Client& c) { return c.idle(seconds); }, boolValue);
  }

  std::shared_ptr<Client> client_;
};

}  // namespace

Napi::Function defineImap4(Napi::Env env) { return ImapWrap::Define(env); }

}  // namespace mailhive::node
