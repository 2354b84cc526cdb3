// mailhive engine: SASL mechanism payloads shared by SMTP, POP3 and IMAP (RFC 4616 PLAIN, LOGIN,
// RFC 2195 CRAM-MD5, XOAUTH2). Results are base64 text ready to send.
#pragma once
#include <string>

namespace mailhive::sasl {

std::string plain(const std::string& user, const std::string& password);
std::string login(const std::string& text);  // base64 of one LOGIN answer
std::string cramMd5(const std::string& user, const std::string& password, const std::string& challengeBase64);
std::string xoauth2(const std::string& user, const std::string& token);

}  // namespace mailhive::sasl
