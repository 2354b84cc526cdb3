#include "proto/sasl.h"

#include <gnutls/crypto.h>

#include "core/codec.h"

namespace mailhive::sasl {

std::string plain(const std::string& user, const std::string& password) {
  std::string raw;
  raw += '\0';
  raw += user;
  raw += '\0';
  raw += password;
  return base64Encode(raw);
}

std::string login(const std::string& text) { return base64Encode(text); }

std::string cramMd5(const std::string& user, const std::string& password, const std::string& challengeBase64) {
  std::string challenge = base64Decode(challengeBase64);
  unsigned char digest[16];
  gnutls_hmac_fast(GNUTLS_MAC_MD5, password.data(), password.size(), challenge.data(), challenge.size(), digest);
  return base64Encode(user + " " + hexLower(std::string_view(reinterpret_cast<char*>(digest), sizeof digest)));
}

std::string xoauth2(const std::string& user, const std::string& token) {
  return base64Encode("user=" + user + "\x01" + "auth=Bearer " + token + "\x01\x01");
}

}  // namespace mailhive::sasl
