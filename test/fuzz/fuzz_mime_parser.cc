// Fuzz target: the MIME parser (mime/parser.h), which reads every retrieved message and every
// Message.rawBody a user sets. It is documented never to throw (only std::bad_alloc) and to give back
// the original bytes through messageText while the message is unchanged. The first line also goes
// through decodeHeaderText / decodeAddressList, as an IMAP ENVELOPE field would. When the first byte is
// odd the parsed message is changed and rebuilt (MessageWriter) and the result parsed again.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"
#include "fuzz_common.h"
#include "mime/parser.h"

using mailhive::ArgumentError;
using mailhive::MailError;
namespace mime = mailhive::mime;

namespace {

// Every field a Message holds as a single line (the builder refuses CR, LF and NUL in them).
void checkSingleLineFields(const mime::Message& m) {
  for (const std::string* s : {&m.fromAddr, &m.toAddr, &m.ccAddr, &m.bccAddr, &m.replyToAddr, &m.subject, &m.date,
                               &m.messageId, &m.charset}) {
    if (fuzz::hasCrLfNul(*s)) fuzz::violated();
  }
  for (const auto& [name, value] : m.parsedHeaders) {
    if (fuzz::hasCrLfNul(name) || fuzz::hasCrLfNul(value)) fuzz::violated();
  }
  if (m.priority < 0 || m.priority > 5) fuzz::violated();
  for (const mime::Attachment& a : m.attachments) {
    if (a.size != a.data.size()) fuzz::violated();
    if (fuzz::hasCrLfNul(a.filename) || a.filename.find('/') != std::string::npos) fuzz::violated();
  }
}

// RFC 5322 output of the builder: CRLF line ends only, lines of at most 998 bytes.
void checkBuilt(const std::string& text) {
  size_t lineStart = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) fuzz::violated();
    if (c == '\n') {
      if (i == 0 || text[i - 1] != '\r') fuzz::violated();
      if (i - 1 - lineStart > 998) fuzz::violated();
      lineStart = i + 1;
    }
  }
  if (text.size() - lineStart > 998) fuzz::violated();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  std::string_view first = in.substr(0, in.find('\n'));
  std::string text = mime::decodeHeaderText(first);
  if (fuzz::hasCrLfNul(text)) fuzz::violated();  // CR, LF and NUL become spaces
  std::string addrs = mime::decodeAddressList(first);
  if (fuzz::hasCrLfNul(addrs)) fuzz::violated();

  mime::Message m = mime::parseMessage(in);
  checkSingleLineFields(m);
  for (const char* h : {"Subject", "From", "To", "Cc", "Date", "Message-ID", "Content-Type", "X-Priority",
                        "Received", "X-Mailer", "content-transfer-encoding"}) {
    (void)m.getHeader(h);
  }
  if (in.empty()) return 0;  // an empty Message: nothing to give back
  try {
    std::string back = mime::messageText(m);
    if (back != in) fuzz::violated();  // unchanged message: the original bytes
  } catch (const MailError&) {
    fuzz::violated();  // nothing to build: the raw text must come back
  }

  if (data[0] & 1) {
    // A user edits the parsed message: now the builder writes it, and its output must parse.
    m.subject += " (edited)";
    try {
      std::string built = mime::messageText(m);
      checkBuilt(built);
      mime::Message again = mime::parseMessage(built);
      checkSingleLineFields(again);
      if (mime::messageText(again) != built) fuzz::violated();
    } catch (const MailError&) {
    } catch (const ArgumentError&) {
    }
  }
  return 0;
}
