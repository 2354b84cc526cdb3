// mailhive engine: text in any MIME charset to UTF-8 (glibc iconv plus built-in Latin-1/windows-1252).
// Every call is best effort: it never throws for bad input or an unknown charset, and its result is
// always valid UTF-8, so the bindings can hand it to JavaScript and PHP strings as is.
#pragma once
#include <string>
#include <string_view>

namespace mailhive::mime {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool isValidUtf8(std::string_view s);
// Every byte read as ISO-8859-1.
std::string latin1ToUtf8(std::string_view s);
// `s` unchanged when it is valid UTF-8, else read as ISO-8859-1 (raw 8-bit headers, unknown charsets).
std::string utf8OrLatin1(std::string_view s);
// A charset parameter as a lower-case name without quotes or white space ("" when absent).
std::string normalizeCharsetName(std::string_view name);
// `bytes` in `charset` as UTF-8.
// - "" (no charset): utf8OrLatin1.
// - utf-8 / us-ascii labels: valid sequences kept, each stray byte read as windows-1252.
// - iso-8859-1 / latin1 / windows-1252 labels: windows-1252 (what senders mean in practice).
// - anything else through iconv (with aliases for common mislabels such as gb2312 -> GB18030);
//   a byte iconv rejects becomes U+FFFD; a charset iconv does not know: utf8OrLatin1.
std::string toUtf8(std::string_view bytes, std::string_view charset);

}  // namespace mailhive::mime
