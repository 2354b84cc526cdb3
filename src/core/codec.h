// mailhive engine: byte codecs shared by the MIME builder and the protocol code (base64, quoted-printable, hex).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace mailhive {

// Standard base64 with padding, no line breaks.
std::string base64Encode(std::string_view in);
// Lenient decoder: skips whitespace, padding and any character outside the alphabet ('-' and '_' are read
// as the URL-safe forms of '+' and '/'); trailing bits that do not make a whole byte are dropped.
std::string base64Decode(std::string_view in);
// Streaming MIME base64: appends the encoding of `in` to `out`, with CRLF after every 76 output chars.
// `carry` keeps 0-2 leftover input bytes between calls, `col` the current output column (start both
// empty/0). With final=true the leftover bytes are flushed with padding and, when the last line is not
// empty, a CRLF ends it, so the complete output always ends with CRLF (or is empty).
void base64EncodeLines(std::string_view in, std::string& out, std::string& carry, size_t& col, bool final);
// Bytes written by base64EncodeLines for `n` input bytes in total (CRLFs included).
unsigned long long base64LinesSize(unsigned long long n);
// RFC 2045 quoted-printable. Input line ends are CRLF (a bare LF is taken as a line end too, a bare CR is
// encoded); output lines end CRLF and are at most 76 chars (soft breaks "=" CRLF). Encodes '=', bytes
// outside printable ASCII, space/tab before a line end, and '.' at the start of an output line.
std::string quotedPrintableEncode(std::string_view in);
std::string hexLower(std::string_view bytes);

}  // namespace mailhive
