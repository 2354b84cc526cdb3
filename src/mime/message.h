// mailhive engine: the Message model (API.md "Message") and its RFC 5322 / MIME builder.
// Plain data; the bindings copy their properties into it before a call. Building streams: attachments
// added by path are read in chunks while the message is written, never held whole in memory.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mailhive::mime {

enum BodyFormat : int { kFormatText = 0, kFormatHtml = 1 };

struct Address {
  std::string name;  // display name, UTF-8, may be empty
  std::string addr;  // local@domain
};

// Parses "Name <a@b>, \"Last, First\" <c@d>, e@f". Throws MailError(125) on bad syntax
// (`what` names the field, e.g. "toAddr"). An empty or blank string gives an empty list.
std::vector<Address> parseAddressList(const std::string& list, const char* what);

struct Attachment {
  std::string filename;     // name shown to the recipient (RFC 2231 encoded when needed)
  std::string contentType;  // "" = guessed from the file name
  std::string contentId;    // set for inline images (multipart/related)
  std::string path;         // read while sending when set
  std::string data;         // the bytes when added from memory
  uint64_t size = 0;        // bytes (file size when added by path)
};

struct Message {
  std::string fromAddr, toAddr, ccAddr, bccAddr, replyToAddr;
  std::string subject;
  std::string bodyText;
  int bodyFormat = kFormatText;
  std::string altBodyText;
  std::string charset = "utf-8";
  std::string date;       // "" = now, RFC 5322 form, when built
  std::string messageId;  // "" = generated "<random@domain-of-from>" when built
  int priority = 0;       // 0 = no header; 1 (highest) .. 5 (lowest), 3 normal
  std::vector<Attachment> attachments;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, in order

  // Filled only by the parser (mime/parser.h), never written by the builder:
  // every header of a parsed message in order, unfolded and decoded to UTF-8 (getHeader reads them
  // after the fields and the extra headers above),
  std::vector<std::pair<std::string, std::string>> parsedHeaders;
  // and the original bytes with a fingerprint of the fields as parsed: messageText() (rawBody get)
  // returns `raw` while the message is unchanged, else the built text.
  std::string raw;
  uint64_t rawFingerprint = 0;

  // Replaces (or, with an empty value, removes) an extra header; removing also drops parsed ones.
  // Throws ArgumentError for CR/LF/NUL or a bad header name.
  void setHeader(const std::string& name, const std::string& value);
  // The header as it will be written: built-in ones (Subject, From, To, ...) or extra ones; for a
  // parsed message also any header it had (first occurrence, decoded). "" if none.
  std::string getHeader(const std::string& name) const;
  // Throws MailError(301) when the file cannot be read (checked now; read again while sending).
  void addAttachment(const std::string& path, const std::string& name = "", const std::string& contentId = "",
                     const std::string& contentType = "");
  void addAttachmentData(std::string data, const std::string& name, const std::string& contentType = "");
};

// The priority (1..5) that X-Priority (else Importance / X-MSMail-Priority) gives; 0 when none.
int priorityFromHeaders(const std::vector<std::pair<std::string, std::string>>& headers);

// Writes a Message as RFC 5322 text in chunks. Fills Date and Message-ID when they are empty.
// Output: CRLF line ends, no line longer than 998 bytes, Bcc never written.
class MessageWriter {
 public:
  explicit MessageWriter(const Message& m);
  ~MessageWriter();
  // Appends the next piece to `out` (at most about 64 KiB); false when the message is complete.
  // Throws MailError(301) when an attachment file cannot be read.
  bool next(std::string& out);
  // Size of the whole output in bytes (exact, computed without reading attachment files).
  uint64_t size() const;
  // True when some header or body needs 8BITMIME / SMTPUTF8 (raw UTF-8 in addresses).
  bool needs8BitMime() const;
  bool needsSmtpUtf8() const;
  const std::string& date() const;
  const std::string& messageId() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole message as one string (Message.rawBody get).
std::string buildMessage(const Message& m);
// Writes the message to a file (saveMessage). Throws MailError(301) on I/O errors.
void saveMessage(const Message& m, const std::string& path);

// RFC 2047 encoded-word form of a header text (unchanged when it is printable ASCII).
std::string encodeHeaderText(const std::string& utf8);

}  // namespace mailhive::mime
