// mailhive engine: the IMAP response parser (RFC 3501 section 7 and 9). Incremental and bounded, in
// the spirit of Dovecot's imap-parser: the client feeds it one line at a time and, when a line ends
// with a literal {n}, exactly n bytes; the parser keeps its open lists between pieces and says what
// it needs next. No I/O here, so every byte sequence can be tested directly.
// Bounds: nesting depth (100), literal size (1 GiB, refused before anything is allocated), total
// size of one response. Violations throw MailError(116).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailhive::imap {

// One value of a response: atom, number, quoted string, literal, NIL or parenthesised list.
struct Node {
  enum class Type { Atom, Number, Quoted, Literal, Nil, List };
  Type type = Type::Atom;
  std::string text;  // Atom, Quoted, Literal (an Atom keeps any [section] it carries: "BODY[HEADER]")
  uint64_t number = 0;
  std::vector<Node> items;  // List

  bool isList() const { return type == Type::List; }
  bool isString() const { return type == Type::Quoted || type == Type::Literal; }
  bool isNil() const { return type == Type::Nil; }
  // Case-insensitive comparison of an atom.
  bool isAtom(std::string_view name) const;
  // The text of a string, atom or number; "" for NIL and lists (IMAP nstring semantics).
  std::string str() const;
};

struct Response {
  enum class Kind { Untagged, Tagged, Continuation };
  Kind kind = Kind::Untagged;
  std::string tag;     // Tagged only
  std::string status;  // "OK" "NO" "BAD" "BYE" "PREAUTH" (upper case); "" for data responses
  std::string code;    // the response code between [ and ], e.g. "UIDNEXT 7", without brackets
  std::string text;    // human-readable text of a status response, or of a continuation
  std::vector<Node> items;  // data: "* 3 FETCH (...)" -> Number 3, Atom FETCH, List (...)
  std::string raw;          // the response as received, literals shown as "{n}" (for serverResponse)
  bool isStatus() const { return !status.empty(); }
};

struct ParserLimits {
  size_t maxDepth = 100;
  uint64_t maxLiteral = 1ull << 30;  // 1 GiB
  uint64_t maxTotal = (1ull << 30) + (64ull << 20);
};

class ResponseParser {
 public:
  enum class Need { Line, Literal, Complete };
  explicit ResponseParser(ParserLimits limits = {}) : limits_(limits) {}

  // Feeds the next line (without CRLF). Throws MailError(116) for a malformed or oversized response.
  Need feedLine(std::string_view line);
  // Feeds the literal's bytes (exactly literalSize() of them) after feedLine returned Need::Literal.
  Need feedLiteral(std::string bytes);
  uint64_t literalSize() const { return literal_; }
  // The complete response (after Need::Complete); the parser is ready for the next one.
  Response take();

 private:
  Need parseData(std::string_view line, size_t pos);
  [[noreturn]] void fail(const std::string& why);

  ParserLimits limits_;
  Response resp_;
  std::vector<std::vector<Node>*> stack_;  // open lists; stack_[0] = resp_.items
  bool started_ = false;
  bool wantLiteral_ = false;
  uint64_t literal_ = 0;
  uint64_t total_ = 0;
};

// RFC 2047 encoded words ("=?utf-8?B?...?=") in a header text -> UTF-8. Unknown charsets and broken
// words are left as they are.
std::string decodeEncodedWords(std::string_view text);

}  // namespace mailhive::imap
