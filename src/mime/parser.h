// mailhive engine: the MIME parser behind Message.rawBody = ..., importFromFile and every retrieved
// message. Lenient and bounded: malformed content never throws and never crashes, it gives the most
// readable result (RFC 5322, 2045-2049, 2047, 2231; CRLF or bare LF line ends).
#pragma once
#include <string>
#include <string_view>

#include "mime/message.h"

namespace mailhive::mime {

// Limits of one parse. The total input size is bounded by the caller.
constexpr int kMaxMimeDepth = 50;                  // deeper multiparts become opaque .eml attachments
constexpr size_t kMaxHeaderBytes = 1024 * 1024;    // per part: header lines past this are skipped
constexpr size_t kMaxMimeParts = 10000;            // per message: later parts stay inside one attachment

// Parses RFC 5322 text into a Message:
// - fromAddr/toAddr/ccAddr/bccAddr/replyToAddr: "Name <a@b>, c@d" (names decoded to UTF-8, quoted
//   when they hold , ; < > ( ) " \ : @ [ ]; groups flattened to their members);
// - subject (decoded), date (the header text), messageId (as written, with <>), priority (X-Priority,
//   else Importance), parsedHeaders (every header, decoded), raw and rawFingerprint (see messageText);
// - bodyText: the main text part as UTF-8 with CRLF line ends; bodyFormat HTML when it is text/html,
//   altBodyText its text/plain alternative; charset: the main part's declared charset (lower case,
//   "utf-8" when absent or not a plain token);
// - attachments: every other leaf part (inline ones with contentId, without <>), decoded bytes in
//   data, size = data.size(), contentType "type/subtype", filename from RFC 2231 filename* / filename
//   / name* / name (RFC 2047 decoded, directory parts and control characters removed) or "partN.ext";
//   message/rfc822 parts as "<subject or name>.eml".
// Empty input gives an empty Message. Only std::bad_alloc can escape.
Message parseMessage(std::string_view raw);

// Reads a whole .eml file and parses it. Throws MailError(301) when it cannot be read.
Message importFromFile(const std::string& path);

// Message.rawBody get: the original bytes of a parsed message while its fields are unchanged (same
// fingerprint), else buildMessage(m) (which may throw as building does).
std::string messageText(const Message& m);
// The fingerprint stored in Message::rawFingerprint: a hash of every field the builder reads.
uint64_t messageFingerprint(const Message& m);

// RFC 2047 decoding of unstructured header text (raw 8-bit kept when UTF-8, else read as Latin-1;
// adjacent encoded words joined; CR, LF and NUL become spaces). For IMAP envelopes and the like.
std::string decodeHeaderText(std::string_view value);
// A raw address header ("=?utf-8?q?J=C3=B6rg?= <j@x>, group: a@b;") as the display string of a
// Message address field ("Jörg <j@x>, a@b").
std::string decodeAddressList(std::string_view value);

}  // namespace mailhive::mime
