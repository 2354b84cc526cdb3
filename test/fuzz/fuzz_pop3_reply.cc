// Fuzz target: POP3 reply parsing (pop3/reply.h). The first line is the status line (greeting,
// +OK/-ERR or a SASL continuation); the following lines are a multi-line response (CAPA, LIST,
// UIDL, RETR) collected with MultiLineCollector, and each of them also goes through the listing
// parsers, as the client does for LIST and UIDL listings.
#include <cstdint>
#include <string>

#include "core/error.h"
#include "fuzz_common.h"
#include "pop3/reply.h"

using mailhive::MailError;
namespace pop3 = mailhive::pop3;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> lines = fuzz::splitLines(in);
  if (lines.empty()) return 0;

  for (bool sasl : {false, true}) {
    try {
      pop3::Status st = pop3::parseStatus(lines[0], sasl);
      if (st.continuation && !sasl) fuzz::violated();
      std::string ts = pop3::apopTimestamp(st.text);
      if (!ts.empty()) {
        if (ts.front() != '<' || ts.back() != '>') fuzz::violated();
        if (pop3::apopDigest(ts, "secret").size() != 32) fuzz::violated();
      }
      if (st.ok) {
        try {
          (void)pop3::parseStat(st.text);
        } catch (const MailError&) {
        }
        try {
          (void)pop3::parseListLine(st.text);
        } catch (const MailError&) {
        }
      }
    } catch (const MailError&) {
    }
  }

  // The size cap of the collector comes from the input so that both sides of the limit are reached.
  uint64_t cap = lines[0].empty() ? 1 << 20 : uint64_t(static_cast<unsigned char>(lines[0][0])) * 16;
  pop3::MultiLineCollector collector(cap);
  std::vector<std::string> caps;
  try {
    for (size_t i = 1; i < lines.size(); ++i) {
      std::string unstuffed = lines[i];
      bool more = pop3::unstuffLine(unstuffed);
      if (more) caps.push_back(unstuffed);
      if (collector.feed(lines[i])) break;
      if (collector.text().size() > cap) fuzz::violated();  // the server cannot grow it past the cap
    }
  } catch (const MailError&) {
  }
  for (const std::string& l : caps) {
    try {
      pop3::ListEntry e = pop3::parseListLine(l);
      if (e.index < 0) fuzz::violated();
    } catch (const MailError&) {
    }
    try {
      pop3::UidEntry u = pop3::parseUidlLine(l);
      // RFC 1939: the unique-id is 1..70 characters 0x21..0x7E.
      if (u.uid.empty() || u.uid.size() > 70) fuzz::violated();
      for (char c : u.uid)
        if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7E) fuzz::violated();
    } catch (const MailError&) {
    }
  }
  (void)pop3::hasCapability(caps, "STLS");
  (void)pop3::hasCapability(caps, "UIDL");
  (void)pop3::offersSasl(caps, "PLAIN");
  (void)pop3::offersSasl(caps, "XOAUTH2");
  return 0;
}
