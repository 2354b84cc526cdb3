// mailhive engine: the IMAP4rev1 client (RFC 3501; 2177 IDLE, 2595/3501 STARTTLS, 4959 SASL-IR,
// 7888 LITERAL+, 6851 MOVE, 4315 UIDPLUS). One object per mailer; one call at a time; every call is
// a Task that runs on any Reactor. Results and state (capabilities, selected mailbox counters, last
// reply, TLS result) are read by the bindings between calls.
#pragma once
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/task.h"
#include "core/transcript.h"
#include "imap/parser.h"
#include "net/reactor.h"
#include "net/stream.h"
#include "net/tls.h"

namespace mailhive::imap {

enum AuthMethod : int { kAuthAuto = 1, kAuthLogin = 2, kAuthPlain = 3, kAuthXoauth2 = 5 };
enum FlagsMode : int { kFlagsAdd = 1, kFlagsRemove = 2, kFlagsReplace = 3 };

struct Settings {
  std::string serverName;
  int portNumber = 143;
  std::string userName;  // "" = do not log in
  std::string password;  // the access token for XOAUTH2
  int authMethod = kAuthAuto;
  int timeout = 30;  // seconds for each single wait
  int deadline = 0;  // seconds for a whole call; 0 = none
  bool enableLogging = false;
  std::string logFilePath;
  TlsSettings ssl;
};

// Throws ArgumentError for CR/LF/NUL in single-line settings or an unknown constant.
void validate(const Settings& s);

struct Envelope {
  int messageNumber = 0;
  uint32_t uid = 0;
  uint64_t size = 0;
  std::vector<std::string> flags;
  std::string date;  // the Date header as sent (INTERNALDATE when the message has none)
  std::string subject;  // decoded to UTF-8
  std::string fromAddr, toAddr, ccAddr, replyToAddr;  // "Name <a@b>, c@d" (names decoded to UTF-8)
  std::string messageId;
};

struct Mailbox {
  std::string name;  // UTF-8 (decoded from modified UTF-7)
  std::string delimiter;  // "" when the server has none (NIL)
  std::vector<std::string> flags;
};

class Client {
 public:
  explicit Client(Reactor& reactor);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Connect, greeting, STARTTLS or implicit TLS, CAPABILITY, LOGIN/AUTHENTICATE. errCode 2 when
  // already connected. The settings' timeout/deadline/logging also govern the later calls.
  Task<void> connect(Settings s);
  // LOGOUT and close. Succeeds also when not connected.
  Task<void> disconnect();
  // Ends the running call at once (errCode 102), also an idle(). Thread-safe; never waits.
  void abort();
  // Called before a new call to clear a previous abort.
  void resetAbort();
  // Reports bytes received of large literals (message downloads); empty = none. Set between calls.
  void setProgress(ProgressFn fn) { progress_ = std::move(fn); }

  // Mailboxes below `root` ("" = all), LIST or LSUB.
  Task<std::vector<Mailbox>> retrieveMailboxes(std::string root, bool subscribedOnly);
  // SELECT / EXAMINE: a NO (no such mailbox) is errCode 204 and leaves no mailbox selected.
  Task<void> selectMailbox(std::string name);
  Task<void> examineMailbox(std::string name);
  Task<void> createMailbox(std::string name);
  Task<void> deleteMailbox(std::string name);
  Task<void> renameMailbox(std::string oldName, std::string newName);

  // The messages of `set` ("1:5", "3,7,9:*"; UIDs with asUid), in ascending message-number order.
  Task<std::vector<Envelope>> retrieveEnvelopes(std::string set, bool asUid);
  // The whole message (BODY.PEEK[]: the \Seen flag is not set) / its header (BODY.PEEK[HEADER]).
  // errCode 201 when there is no such message.
  Task<std::string> retrieveSingleMessage(uint32_t id, bool asUid);
  Task<std::string> retrieveSingleMessageHeaders(uint32_t id, bool asUid);
  // Whole messages `ids` (sequence numbers, or UIDs when asUid), with up to 32 FETCH commands in
  // flight (RFC 3501 5.5 pipelining). `each(i, err, raw)` is called on the reactor thread for
  // ids[i], in order, as soon as that message is complete: err null + raw = the message bytes
  // (exactly what retrieveSingleMessage(ids[i], asUid) returns), or err = what retrieveSingleMessage
  // would have thrown. It is called exactly ids.size() times; the call itself does not fail.
  // - A failure of one message (tagged NO/BAD, no such message, id 0 or > messageCount() for
  //   sequence numbers, which are refused without sending anything) is reported for it alone.
  // - Not connected, no mailbox selected or aborted at the start: every id gets that error.
  // - An error that ends the session (connection lost, timeout, malformed response, abort) is
  //   reported for the first message not yet complete; no further command is written, and every
  //   later id gets what a separate retrieveSingleMessage call would get then (errCode 1 "not
  //   connected", or 102 after abort()), without touching the network.
  // The call deadline (Settings::deadline) counts for each message from the report of the one
  // before it, as if each were its own call. Progress, when set, is reported per message literal.
  // If `each` throws, the first exception is kept, the run goes on (the connection stays in step,
  // every id is still reported) and it is rethrown at the end.
  Task<void> retrieveMany(std::vector<uint32_t> ids, bool asUid,
                          std::function<void(size_t, std::exception_ptr, std::string)> each);
  // SEARCH with IMAP criteria ("" = ALL); message numbers, or UIDs with asUid.
  Task<std::vector<uint32_t>> search(std::string criteria, bool asUid);
  // STORE +FLAGS / -FLAGS / FLAGS (mode 1/2/3) with `flags` such as "\\Seen \\Flagged".
  Task<void> setFlags(std::string set, std::string flags, int mode, bool asUid);
  Task<void> copyMessages(std::string set, std::string mailbox, bool asUid);
  // MOVE when offered; else COPY + STORE \Deleted + UID EXPUNGE (UIDPLUS) or EXPUNGE.
  Task<void> moveMessages(std::string set, std::string mailbox, bool asUid);
  // Marks the messages \Deleted; expunge() removes them.
  Task<void> deleteMessages(std::string set, bool asUid);
  Task<void> expunge();
  // APPEND; `raw` is the RFC 5322 message, `flags` e.g. "\\Seen" ("" = none).
  Task<void> appendMessage(std::string mailbox, std::string raw, std::string flags);
  // Waits up to `seconds` for a change of the selected mailbox (EXISTS/EXPUNGE/RECENT/FETCH):
  // true when one came, false when the time was up. The connection stays usable either way.
  // IDLE (or, without it, NOOP every 4 s) is renewed every 2 s: Stream has no "wait until readable"
  // that survives a time-out, so between renewals the wait is a reactor timer on a private pipe
  // (no thread held on the EventLoop); a change is seen at most one slice late.
  Task<bool> idle(int seconds);

  // State read by the bindings between calls.
  bool connected() const { return stream_.isOpen(); }
  const std::string& lastReply() const { return lastReply_; }
  const std::string& lastRequest() const { return lastRequest_; }
  const std::vector<std::string>& capabilities() const { return caps_; }
  const TlsResult& tlsResult() const { return tls_; }
  int effectivePort() const { return port_; }
  bool mailboxSelected() const { return selected_; }
  const std::string& selectedMailbox() const { return selectedName_; }
  uint32_t messageCount() const { return exists_; }
  uint32_t recentCount() const { return recent_; }
  uint32_t uidValidity() const { return uidValidity_; }
  uint32_t uidNext() const { return uidNext_; }

 private:
  // A command argument: text as is, or a string sent as a literal; `secret` masks it in logs.
  struct Piece {
    std::string text;
    bool literal = false;
    bool secret = false;
  };
  struct Reply {
    Response tagged;
    std::vector<Response> data;  // the untagged responses that came with it
  };

  void begin(bool needConnection);
  // The checks begin() makes: not aborted, connected (when needed).
  void requireUsable(bool needConnection) const;
  // The per-wait timeout and, from now, the call deadline.
  void armLimits();
  Task<void> connectImpl(const Settings& s);
  Task<void> authenticate(const Settings& s);
  Task<Response> readResponse();
  // Sends `pieces` as one tagged command (literals: LITERAL+ or wait for "+") and reads to the end.
  Task<Reply> command(std::vector<Piece> pieces);
  Task<Reply> simple(std::string line) { return command({Piece{std::move(line)}}); }
  // Reads until the continuation request or the tagged reply of `tag`.
  Task<Response> awaitContinuation(const std::string& tag, Reply& reply);
  Task<Reply> finish(const std::string& tag, Reply reply);
  Task<void> openMailbox(const std::string& name, bool readOnly);
  Task<std::vector<uint32_t>> uidsOf(const std::string& set);
  Task<std::string> fetchSection(uint32_t id, bool asUid, const char* section);
  // What fetchSection checks before sending: a mailbox is selected and `id` may exist.
  void requireMessage(uint32_t id, bool asUid) const;
  // The error a call for message `id` would fail with before sending anything; null if none.
  std::exception_ptr refusal(uint32_t id, bool asUid) const;
  // The section out of the reply to fetchSection's command (throws what fetchSection throws).
  std::string sectionOf(const Reply& r, uint32_t id, bool asUid, const char* section);
  // Closes the connection (its conversation is out of step) and throws errCode 116.
  [[noreturn]] void outOfStep(const std::string& what, const Response& r);
  Task<void> pause(TimePoint until);
  Task<void> refreshCapabilities();
  void handleUntagged(const Response& r);
  void check(const Reply& r, const std::string& what, int noCode = 202);
  void requireSelected() const;
  void requireWritable() const;
  bool hasCap(const std::string& name) const;
  std::string nextTag();
  void sendLine(const std::string& line, const std::string& logged);
  static Piece astring(const std::string& s, bool secret = false);
  void resetMailbox();

  ProgressFn progress_;
  Reactor& reactor_;
  CancelToken cancel_;
  Stream stream_;
  Transcript transcript_;
  std::string lastReply_;
  std::string lastRequest_;
  std::vector<std::string> caps_;
  TlsResult tls_;
  int port_ = 0;
  int timeout_ = 30;
  int deadline_ = 0;
  unsigned tagCounter_ = 0;
  // Mailbox state; untagged data changes it only while a mailbox is being opened or is open.
  bool mailboxOpen_ = false;
  bool readOnly_ = false;
  bool selected_ = false;
  bool changed_ = false;
  std::string selectedName_;
  uint32_t exists_ = 0, recent_ = 0, uidValidity_ = 0, uidNext_ = 0;
  std::string bye_;  // the server's BYE, reported when it then closes the connection
  std::string delimiter_;
  bool haveDelimiter_ = false;
  int pauseFd_[2] = {-1, -1};  // a pipe nobody writes to: a thread-free timer on any reactor
};

}  // namespace mailhive::imap
