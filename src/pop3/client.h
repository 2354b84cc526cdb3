// mailhive engine: the POP3 client (RFC 1939, 2449 CAPA, 2595 STLS, 5034 AUTH, 3206 response codes).
// One object per mailer; one call at a time; every call is a Task that runs on any Reactor. After a
// call, its state (reply, capabilities, TLS result) is read by the binding.
//
// Messages are addressed by their 1-based index in the maildrop as it was at login (RFC 1939: the
// numbering never changes inside a session). STAT, LIST and UIDL results are cached for the session
// and forgotten on DELE and RSET.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/task.h"
#include "core/transcript.h"
#include "net/reactor.h"
#include "net/stream.h"
#include "net/tls.h"
#include "pop3/reply.h"

namespace mailhive::pop3 {

enum AuthMethod : int { kAuthAuto = 1, kAuthUser = 2, kAuthApop = 3, kAuthSaslPlain = 4 };

struct Settings {
  std::string serverName;
  int portNumber = 110;
  std::string userName;
  std::string password;
  int authMethod = kAuthAuto;
  int timeout = 30;
  int deadline = 0;  // seconds for a whole call; 0 = none
  bool enableLogging = false;
  std::string logFilePath;
  TlsSettings ssl;
};

// Throws ArgumentError for CR/LF/NUL in single-line settings or an unknown constant.
void validate(const Settings& s);

class Client {
 public:
  // Longest line accepted inside a multi-line response, and the largest response held in memory.
  static constexpr size_t kMaxDataLine = 1024 * 1024;
  static constexpr uint64_t kMaxResponseBytes = 1024ull * 1024 * 1024;

  explicit Client(Reactor& reactor);
  ~Client();

  // Connect, greeting, CAPA, STLS or implicit TLS, login. errCode 2 when already connected.
  // AUTH_AUTO picks SASL PLAIN over TLS, else APOP when the greeting offers it, else SASL PLAIN
  // when listed, else USER/PASS. A refused login is errCode 114 (113 for [IN-USE] / [SYS/...]).
  Task<void> connect(Settings s);
  // QUIT (deletions take effect) and close. Succeeds also when not connected.
  Task<void> disconnect();
  // Ends the running call at once (errCode 102). Thread-safe; never waits.
  void abort();
  // Called before a new call to clear a previous abort.
  void resetAbort();
  // Reports bytes received while a message is retrieved (empty = none). Set between calls.
  void setProgress(ProgressFn fn) { progress_ = std::move(fn); }

  // The calls below need a connection (errCode 1 otherwise) and use the timeout, deadline and
  // logging of the last connect(). An index outside 1..count, or a deleted one, is errCode 201
  // without a command being sent (a negative index is an ArgumentError); "-ERR no such message"
  // is 201 too, any other -ERR is 202; a reply that cannot be parsed is 116 (the connection is closed).

  // Messages in the maildrop, not counting those deleted in this session (STAT).
  Task<int> messageCount();
  // Their total size in octets (STAT).
  Task<uint64_t> totalSize();
  // Size of message `index` in octets (LIST).
  Task<uint64_t> getMessageSize(int index);
  // Unique id of message `index` (UIDL).
  Task<std::string> getMessageUID(int index);
  // Unique ids of every message not deleted, in index order (UIDL).
  Task<std::vector<std::string>> search();
  // Raw RFC 5322 text of message `index` (RETR), dot-unstuffed, CRLF line ends.
  Task<std::string> retrieveSingleMessage(int index);
  // Header of message `index` plus the first `bodyLines` lines of its body (TOP).
  Task<std::string> retrieveSingleMessageHeaders(int index, int bodyLines = 0);
  // Marks message `index` for deletion at disconnect() (DELE).
  Task<void> deleteMessage(int index);
  // Unmarks every message marked in this session (RSET).
  Task<void> undeleteAll();

  // State read by the bindings between calls.
  bool connected() const { return stream_.isOpen(); }
  const std::string& lastReply() const { return lastReply_; }
  const std::string& lastRequest() const { return lastRequest_; }  // credentials masked
  const std::vector<std::string>& capabilities() const { return caps_; }
  const TlsResult& tlsResult() const { return tls_; }
  // Effective port after autosetPortAndSsl (valid after connect).
  int effectivePort() const { return port_; }

 private:
  void begin(const Settings& s);
  void beginCall();
  Task<void> openSession(const Settings& s);
  Task<void> connectImpl(const Settings& s);
  Task<void> readCapabilities();
  Task<void> authenticate(const Settings& s);
  void sendLine(const std::string& line, const std::string& logged = "");
  Task<Status> readStatus(bool allowContinuation = false);
  Task<Status> command(const std::string& line, const std::string& logged = "", bool allowContinuation = false);
  // Reads the body of a multi-line response (after its +OK) into CRLF-joined, unstuffed text.
  Task<std::string> readMultiLine(bool logLines, uint64_t maxBytes, uint64_t expected = 0);
  // Sends `line`; on -ERR throws 201/202 (`index` > 0 names the message). Returns the +OK status.
  Task<Status> expectOk(const std::string& line, int index);
  Task<void> ensureStat();
  Task<void> ensureList();
  Task<void> ensureUidl();
  Task<void> checkIndex(int index);
  void forgetListings();

  ProgressFn progress_;
  Reactor& reactor_;
  CancelToken cancel_;
  Stream stream_;
  Transcript transcript_;
  std::string lastReply_;
  std::string lastRequest_;
  std::vector<std::string> caps_;
  bool capaAnswered_ = false;  // CAPA got +OK (so a missing keyword really means "not offered")
  TlsResult tls_;
  int port_ = 0;
  int timeout_ = 30;
  int deadlineSeconds_ = 0;
  std::string apopTimestamp_;
  // Session state: the numbering of the login snapshot and what this session learned about it.
  int loginCount_ = -1;  // messages at login (first STAT), -1 = not asked yet
  std::set<int> deleted_;
  std::optional<Stat> stat_;
  std::optional<std::map<int, uint64_t>> sizes_;
  std::optional<std::map<int, std::string>> uids_;
};

}  // namespace mailhive::pop3
