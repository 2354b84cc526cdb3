#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/error.h"
#include "mime/message.h"

namespace mailhive::mime {

// Shared with writer.cc (declared there too): the MIME type for a file name's extension.
std::string guessContentType(const std::string& filename);

namespace {

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return s;
}

bool iequals(const std::string& a, const char* b) { return lower(a) == lower(b); }

void requireFieldName(const std::string& name) {
  if (name.empty() || name.size() > 900) throw ArgumentError("header name must be 1 to 900 characters");
  for (unsigned char c : name) {
    if (c < 33 || c > 126 || c == ':') throw ArgumentError("invalid header name: " + name);
  }
}

// The Message fields that hold built-in headers; setHeader/getHeader route these names to them.
std::string* builtinField(Message& m, const std::string& name) {
  std::string n = lower(name);
  if (n == "from") return &m.fromAddr;
  if (n == "to") return &m.toAddr;
  if (n == "cc") return &m.ccAddr;
  if (n == "reply-to") return &m.replyToAddr;
  if (n == "subject") return &m.subject;
  if (n == "date") return &m.date;
  if (n == "message-id") return &m.messageId;
  return nullptr;
}

}  // namespace

std::string guessContentType(const std::string& filename) {
  size_t dot = filename.rfind('.');
  size_t slash = filename.find_last_of("/\\");
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "application/octet-stream";
  std::string ext = lower(filename.substr(dot + 1));
  static const std::pair<const char*, const char*> kTypes[] = {
      {"txt", "text/plain"},       {"html", "text/html"},          {"htm", "text/html"},
      {"csv", "text/csv"},         {"pdf", "application/pdf"},     {"png", "image/png"},
      {"jpg", "image/jpeg"},       {"jpeg", "image/jpeg"},         {"gif", "image/gif"},
      {"svg", "image/svg+xml"},    {"zip", "application/zip"},     {"gz", "application/gzip"},
      {"json", "application/json"}, {"xml", "application/xml"},    {"ics", "text/calendar"},
      {"eml", "message/rfc822"},
  };
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

void Message::setHeader(const std::string& name, const std::string& value) {
  requireFieldName(name);
  requireSingleLine(value, "header value");
  for (const char* owned : {"MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Bcc"}) {
    if (iequals(name, owned)) throw ArgumentError("header " + name + " is set by the message builder");
  }
  // Built-in headers live in their fields so they are never written twice.
  if (std::string* field = builtinField(*this, name)) {
    *field = value;
    return;
  }
  auto it = std::find_if(headers.begin(), headers.end(), [&](const auto& h) { return lower(h.first) == lower(name); });
  if (value.empty()) {
    if (it != headers.end()) headers.erase(it);
    std::erase_if(parsedHeaders, [&](const auto& h) { return lower(h.first) == lower(name); });
    return;
  }
  if (it != headers.end()) it->second = value;
  else headers.emplace_back(name, value);
}

int priorityFromHeaders(const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string importance;
  for (const auto& [name, value] : headers) {
    std::string n = lower(name);
    if (n == "x-priority") {
      for (char c : value) {
        if (c == ' ' || c == '\t') continue;
        if (c >= '1' && c <= '5') return c - '0';
        break;
      }
    } else if ((n == "importance" || n == "x-msmail-priority") && importance.empty()) {
      importance = lower(value);
    }
  }
  if (importance.find("high") != std::string::npos) return 2;
  if (importance.find("low") != std::string::npos) return 4;
  if (importance.find("normal") != std::string::npos) return 3;
  return 0;
}

std::string Message::getHeader(const std::string& name) const {
  if (std::string* field = builtinField(const_cast<Message&>(*this), name)) return *field;
  std::string n = lower(name);
  auto parsed = [&]() -> std::string {
    for (const auto& h : parsedHeaders) {
      if (lower(h.first) == n) return h.second;
    }
    return "";
  };
  if (n == "mime-version") {
    std::string v = parsed();
    return v.empty() ? "1.0" : v;
  }
  if (n == "bcc") return parsed();
  if (n == "x-priority" || n == "importance") {
    // The parsed text while the priority still says what it said, else what the builder writes.
    std::string v = parsed();
    if (!v.empty() && priorityFromHeaders(parsedHeaders) == priority) return v;
    if (priority >= 1 && priority <= 5) {
      static const char* kPrio[] = {"1 (Highest)", "2 (High)", "3 (Normal)", "4 (Low)", "5 (Lowest)"};
      if (n == "x-priority") return kPrio[priority - 1];
      if (priority != 3) return priority < 3 ? "High" : "Low";
    }
  }
  for (const auto& h : headers) {
    if (lower(h.first) == n) return h.second;
  }
  if (n == "x-priority" || n == "importance") return "";
  return parsed();
}

void Message::addAttachment(const std::string& path, const std::string& name, const std::string& contentId,
                            const std::string& contentType) {
  requireSingleLine(path, "path");
  requireSingleLine(name, "name");
  requireSingleLine(contentId, "contentId");
  requireSingleLine(contentType, "contentType");
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || ::access(path.c_str(), R_OK) != 0) {
    throw MailError(kFileError, "file not found or unreadable: " + path);
  }
  // Opening proves readability beyond the permission bits (ACLs, root squash, ...).
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw MailError(kFileError, "file not found or unreadable: " + path);
  std::fclose(f);
  Attachment a;
  if (name.empty()) {
    size_t slash = path.find_last_of('/');
    a.filename = slash == std::string::npos ? path : path.substr(slash + 1);
  } else {
    a.filename = name;
  }
  a.contentType = contentType.empty() ? guessContentType(a.filename) : contentType;
  a.contentId = contentId;
  a.path = path;
  a.size = static_cast<uint64_t>(st.st_size);
  attachments.push_back(std::move(a));
}

void Message::addAttachmentData(std::string data, const std::string& name, const std::string& contentType) {
  if (name.empty()) throw ArgumentError("attachment name is required");
  requireSingleLine(name, "name");
  requireSingleLine(contentType, "contentType");
  Attachment a;
  a.filename = name;
  a.contentType = contentType.empty() ? guessContentType(name) : contentType;
  a.size = data.size();
  a.data = std::move(data);
  attachments.push_back(std::move(a));
}

}  // namespace mailhive::mime
