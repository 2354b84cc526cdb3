// mailhive engine: IMAP mailbox names in modified UTF-7 (RFC 3501 5.1.3). Users see UTF-8; the wire
// carries printable ASCII, '&' escaped as "&-", everything else as "&<modified base64 of UTF-16>-".
#pragma once
#include <string>
#include <string_view>

namespace mailhive::imap {

// UTF-8 -> modified UTF-7. Throws ArgumentError when `utf8` is not valid UTF-8.
std::string encodeMailboxName(std::string_view utf8);
// Modified UTF-7 -> UTF-8. A name that is not valid modified UTF-7 comes back unchanged (shown raw
// rather than lost).
std::string decodeMailboxName(std::string_view mutf7);

}  // namespace mailhive::imap
