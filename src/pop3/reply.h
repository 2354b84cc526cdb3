// mailhive engine: POP3 reply parsing (RFC 1939, 2449 CAPA, 5034 AUTH), I/O-free. The client feeds it
// lines read from the server; every function here is testable byte by byte without a socket.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailhive::pop3 {

// One status line: "+OK text", "-ERR text", or (SASL only) a continuation "+ base64".
struct Status {
  bool ok = false;
  bool continuation = false;
  std::string text;  // after "+OK " / "-ERR " / "+ "
  std::string raw;   // the line as received
};

// Parses a status line. `allowContinuation` accepts "+" / "+ text" (the SASL exchange of AUTH).
// Throws MailError(116) for anything else.
Status parseStatus(const std::string& line, bool allowContinuation = false);

// A line of a multi-line response: false for the terminating ".", otherwise removes the stuffed
// leading dot ("..x" -> ".x") and returns true.
bool unstuffLine(std::string& line);

// Collects the lines of a multi-line response as CRLF-joined text, refusing to grow past
// `maxBytes` (MailError 116): a server cannot make the client hold more than it asked for.
class MultiLineCollector {
 public:
  explicit MultiLineCollector(uint64_t maxBytes) : max_(maxBytes) {}
  // Adds one line as read (without CRLF). Returns true at the terminating ".".
  bool feed(std::string line);
  std::string& text() { return text_; }
  uint64_t lineCount() const { return lines_; }

 private:
  uint64_t max_;
  uint64_t lines_ = 0;
  std::string text_;
};

struct Stat {
  int count = 0;
  uint64_t size = 0;
};
// The text after "+OK " of a STAT reply: "count size [anything]". Throws MailError(116).
Stat parseStat(const std::string& text);

// One line of a LIST listing ("n size") or the text of "LIST n" ("n size ..."). Throws MailError(116).
struct ListEntry {
  int index = 0;
  uint64_t size = 0;
};
ListEntry parseListLine(const std::string& line);

// One line of a UIDL listing ("n uid"); the uid is 1..70 characters 0x21..0x7E. Throws MailError(116).
struct UidEntry {
  int index = 0;
  std::string uid;
};
UidEntry parseUidlLine(const std::string& line);

// The APOP timestamp of a greeting ("<1896.697170952@dbc.mtview.ca.us>", brackets included), or "".
std::string apopTimestamp(const std::string& greetingText);
// Lower-case hex MD5 of timestamp + password (RFC 1939 section 7).
std::string apopDigest(const std::string& timestamp, const std::string& password);

// True when the CAPA lines list `name` as a capability keyword (case-insensitive).
bool hasCapability(const std::vector<std::string>& caps, std::string_view name);
// True when the CAPA "SASL" line lists mechanism `mech` (case-insensitive).
bool offersSasl(const std::vector<std::string>& caps, std::string_view mech);

}  // namespace mailhive::pop3
