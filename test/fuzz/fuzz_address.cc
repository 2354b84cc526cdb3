// Fuzz target: address lists as the user writes them (mime/message.h parseAddressList: toAddr,
// ccAddr, ...). Bad syntax is an expected MailError(125) and CR/LF/NUL an ArgumentError; anything that
// is accepted must be safe to put into "RCPT TO:<addr>": one '@', no spaces, no controls, no brackets.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "fuzz_common.h"
#include "mime/message.h"

using mailhive::ArgumentError;
using mailhive::MailError;
namespace mime = mailhive::mime;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  std::vector<mime::Address> list;
  try {
    list = mime::parseAddressList(in, "toAddr");
  } catch (const MailError& e) {
    if (e.errCode != mailhive::kBadAddress) fuzz::violated();
    return 0;
  } catch (const ArgumentError&) {
    if (!fuzz::hasCrLfNul(in)) fuzz::violated();  // refused only for CR, LF or NUL
    return 0;
  }
  if (fuzz::hasCrLfNul(in)) fuzz::violated();  // CR, LF and NUL never pass
  for (const mime::Address& a : list) {
    if (a.addr.empty() || a.addr.size() > 254 || fuzz::hasCrLfNul(a.name)) fuzz::violated();
    size_t at = a.addr.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 == a.addr.size()) fuzz::violated();
    for (char c : a.addr) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 33 || u == 127 || c == '<' || c == '>') fuzz::violated();
    }
  }
  return 0;
}
