// mailhive engine: the SMTP client (RFC 5321, 3207 STARTTLS, 4954 AUTH, 2920 PIPELINING, 1870 SIZE,
// 6152 8BITMIME, 6531 SMTPUTF8). One object per mailer; one call at a time; every call is a Task that
// runs on any Reactor. After a call, its state (reply, capabilities, TLS result) is read by the binding.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/task.h"
#include "core/transcript.h"
#include "mime/message.h"
#include "net/reactor.h"
#include "net/stream.h"
#include "net/tls.h"
#include "smtp/reply.h"

namespace mailhive::smtp {

enum AuthMethod : int { kAuthNone = 0, kAuthAuto = 1, kAuthLogin = 2, kAuthPlain = 3, kAuthCramMd5 = 4, kAuthXoauth2 = 5 };

struct Settings {
  std::string serverName;
  int portNumber = 25;
  std::string userName;
  std::string password;  // the access token for XOAUTH2
  int authMethod = kAuthAuto;
  std::string domain;  // EHLO name; "" = the local host name
  int timeout = 30;
  int deadline = 0;  // seconds for a whole call; 0 = none
  bool allowRefusedRecipients = false;
  bool enableLogging = false;
  std::string logFilePath;
  TlsSettings ssl;
};

// Throws ArgumentError for CR/LF/NUL in single-line settings or an unknown constant.
void validate(const Settings& s);

class Client {
 public:
  explicit Client(Reactor& reactor);
  ~Client();

  // Connect, greeting, EHLO, STARTTLS or implicit TLS, AUTH. errCode 2 when already connected.
  Task<void> connect(Settings s);
  // Sends `m` (connects first if needed). Several sends reuse one connection (RSET between).
  Task<void> send(Settings s, mime::Message m);
  // Sends `messages` in order, each exactly as send() would (same checks, same errors, a new
  // connection when the previous one was lost), but pipelined (RFC 2920): the envelope of message
  // i+1 goes out in the same write as the final dot of message i. `each(i, error)` is called on the
  // reactor thread when message i is done (null error = accepted), while lastReply(),
  // refusedRecipients() and lastMessageId() describe that message. After an abort every message not
  // yet done gets the abort error without touching the network.
  using EachFn = std::function<void(size_t, std::exception_ptr)>;
  Task<void> sendMany(Settings s, std::vector<mime::Message> messages, EachFn each);
  // QUIT and close. Succeeds also when not connected.
  Task<void> disconnect();
  // Ends the running call at once (errCode 102). Thread-safe; never waits.
  void abort();
  // Called before a new call to clear a previous abort.
  void resetAbort();
  // Reports message data bytes sent during send() (empty = none). Set between calls.
  void setProgress(ProgressFn fn) { progress_ = std::move(fn); }

  // State read by the bindings between calls.
  bool connected() const { return stream_.isOpen(); }
  const std::string& lastReply() const { return lastReply_; }
  const std::string& lastRequest() const { return lastRequest_; }
  const std::vector<std::string>& capabilities() const { return caps_; }
  const std::vector<std::string>& refusedRecipients() const { return refused_; }
  const TlsResult& tlsResult() const { return tls_; }
  // Effective port/ssl after autosetPortAndSsl (valid after connect).
  int effectivePort() const { return port_; }
  const std::string& lastMessageId() const { return lastMessageId_; }

 private:
  Task<void> connectImpl(const Settings& s);
  Task<void> openSession(const Settings& s);
  Task<Reply> command(const std::string& line, const std::string& logged = "");
  Task<Reply> readReply();
  Task<void> ehlo(const Settings& s, bool allowHelo);
  Task<void> authenticate(const Settings& s);
  struct Envelope;
  Envelope addresses(const mime::Message& m) const;
  void prepare(const Settings& s, Envelope& e);
  void writeEnvelope(Envelope& e, bool rset);
  // One message: envelope (unless already written), data, final reply. `next`, when given, is the
  // following message; its envelope is pipelined behind this message's final dot when it can be.
  Task<void> transaction(const Settings& s, Envelope& e, Envelope* next);
  void sendLine(const std::string& line, const std::string& logged = "");
  bool hasCap(const std::string& name) const;
  std::string capValue(const std::string& name) const;
  void begin(const Settings& s);

  Reactor& reactor_;
  CancelToken cancel_;
  Stream stream_;
  Transcript transcript_;
  std::string lastReply_;
  std::string lastRequest_;
  std::vector<std::string> caps_;
  std::vector<std::string> refused_;
  TlsResult tls_;
  int port_ = 0;
  int timeout_ = 30;
  bool dirty_ = false;  // a transaction may be open on the server: RSET (pipelined) before the next
  std::string lastMessageId_;
  ProgressFn progress_;
};

}  // namespace mailhive::smtp
