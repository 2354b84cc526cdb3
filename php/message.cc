/* mailhive PHP extension: MailHive\Message and MailHive\Attachment. The message's fields are plain
 * typed properties (checked on write); the extra headers, and for a parsed message (rawBody = ...,
 * importFromFile, retrieved mail) its parsed headers, original bytes and fingerprint, live in the C++
 * part of the object. Every build (rawBody, saveMessage, SMTP::send) copies them into an engine
 * mime::Message; rawBody of a parsed message gives its original bytes while its fields are unchanged. */
#include "php_mailhive.h"

#include <cstdio>
#include <cstring>

#include "message_arginfo.h"
#include "mime/parser.h"

zend_class_entry *mh_ce_message, *mh_ce_attachment;
static zend_object_handlers mh_message_handlers, mh_attachment_handlers;

using mailhive::mime::Attachment;
using mailhive::mime::Message;
using Headers = std::vector<std::pair<std::string, std::string>>;

namespace {

/* What a Message holds besides its properties. */
struct MessageState {
  Headers headers;        // extra headers (setHeader)
  Headers parsedHeaders;  // every header of a parsed message (getHeader)
  std::string raw;        // its original bytes
  uint64_t rawFingerprint = 0;
};

struct MessageObject {
  MessageState *state;
  zend_object std;
};

struct AttachmentObject {
  Attachment *att;
  zend_object std;
};

inline MessageObject *msg_from(zend_object *obj) {
  return (MessageObject *)((char *)obj - XtOffsetOf(MessageObject, std));
}
inline AttachmentObject *att_from(zend_object *obj) {
  return (AttachmentObject *)((char *)obj - XtOffsetOf(AttachmentObject, std));
}

const char *const kSingleLine[] = {"fromAddr", "toAddr", "ccAddr", "bccAddr", "replyToAddr",
                                   "subject", "charset", "date", "messageId", NULL};
const char *const kGuarded[] = {"fromAddr", "toAddr", "ccAddr", "bccAddr", "replyToAddr", "subject", "charset",
                                "date", "messageId", "bodyFormat", "priority", "attachments", NULL};

/* ---------------- Attachment ---------------- */

zend_object *att_create(zend_class_entry *ce) {
  AttachmentObject *o = (AttachmentObject *)zend_object_alloc(sizeof(AttachmentObject), ce);
  o->att = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &mh_attachment_handlers;
  return &o->std;
}

void att_free(zend_object *obj) {
  AttachmentObject *o = att_from(obj);
  delete o->att;
  o->att = nullptr;
  zend_object_std_dtor(obj);
}

void att_new(zval *out, Attachment &&a) {
  object_init_ex(out, mh_ce_attachment);
  zend_object *obj = Z_OBJ_P(out);
  mh_set_str(obj, "filename", a.filename);
  mh_set_str(obj, "contentType", a.contentType);
  mh_set_str(obj, "contentId", a.contentId);
  mh_set_long(obj, "size", (zend_long)a.size);
  att_from(obj)->att = new Attachment(std::move(a));
}

/* The bytes of an attachment: from memory, or read from its file now. */
std::string att_bytes(const Attachment &a) {
  if (a.path.empty()) return a.data;
  std::FILE *f = std::fopen(a.path.c_str(), "rb");
  if (!f) throw mailhive::MailError(mailhive::kFileError, "file not found or unreadable: " + a.path);
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  bool bad = std::ferror(f);
  std::fclose(f);
  if (bad) throw mailhive::MailError(mailhive::kFileError, "file could not be read: " + a.path);
  return out;
}

/* ---------------- Message ---------------- */

zend_object *msg_create(zend_class_entry *ce) {
  MessageObject *o = (MessageObject *)zend_object_alloc(sizeof(MessageObject), ce);
  o->state = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &mh_message_handlers;
  try {
    o->state = new MessageState();
  } catch (...) {
    zend_error_noreturn(E_ERROR, "mailhive: out of memory");
  }
  return &o->std;
}

void msg_free(zend_object *obj) {
  MessageObject *o = msg_from(obj);
  delete o->state;
  o->state = nullptr;
  zend_object_std_dtor(obj);
}

zend_object *msg_clone(zend_object *old) {
  zend_object *obj = msg_create(old->ce);
  zend_objects_clone_members(obj, old);
  try {
    *msg_from(obj)->state = *msg_from(old)->state;
  } catch (...) {
    zend_error_noreturn(E_ERROR, "mailhive: out of memory");
  }
  return obj;
}

/* Everything but the attachments (getHeader/setHeader need no file contents). */
Message fields_of(zend_object *obj) {
  Message m;
  m.fromAddr = mh_get_str(obj, "fromAddr");
  m.toAddr = mh_get_str(obj, "toAddr");
  m.ccAddr = mh_get_str(obj, "ccAddr");
  m.bccAddr = mh_get_str(obj, "bccAddr");
  m.replyToAddr = mh_get_str(obj, "replyToAddr");
  m.subject = mh_get_str(obj, "subject");
  m.bodyText = mh_get_str(obj, "bodyText");
  m.bodyFormat = (int)mh_get_long(obj, "bodyFormat");
  m.altBodyText = mh_get_str(obj, "altBodyText");
  m.charset = mh_get_str(obj, "charset");
  m.date = mh_get_str(obj, "date");
  m.messageId = mh_get_str(obj, "messageId");
  m.priority = (int)mh_get_long(obj, "priority");
  const MessageState &st = *msg_from(obj)->state;
  m.headers = st.headers;
  m.parsedHeaders = st.parsedHeaders;
  m.raw = st.raw;
  m.rawFingerprint = st.rawFingerprint;
  return m;
}

/* Replaces everything the message holds by `m` (a parsed message). */
void load(zend_object *obj, Message &&m) {
  mh_set_str(obj, "fromAddr", m.fromAddr);
  mh_set_str(obj, "toAddr", m.toAddr);
  mh_set_str(obj, "ccAddr", m.ccAddr);
  mh_set_str(obj, "bccAddr", m.bccAddr);
  mh_set_str(obj, "replyToAddr", m.replyToAddr);
  mh_set_str(obj, "subject", m.subject);
  mh_set_str(obj, "bodyText", m.bodyText);
  mh_set_long(obj, "bodyFormat", m.bodyFormat);
  mh_set_str(obj, "altBodyText", m.altBodyText);
  mh_set_str(obj, "charset", m.charset);
  mh_set_str(obj, "date", m.date);
  mh_set_str(obj, "messageId", m.messageId);
  mh_set_long(obj, "priority", m.priority);
  zval list;
  array_init_size(&list, (uint32_t)m.attachments.size());
  for (Attachment &a : m.attachments) {
    zval z;
    att_new(&z, std::move(a));
    add_next_index_zval(&list, &z);
  }
  mh_set_zval(obj, "attachments", &list);
  MessageState &st = *msg_from(obj)->state;
  st.headers = std::move(m.headers);
  st.parsedHeaders = std::move(m.parsedHeaders);
  st.raw = std::move(m.raw);
  st.rawFingerprint = m.rawFingerprint;
}

zval *msg_write(zend_object *obj, zend_string *name, zval *value, void **cache_slot) {
  if (zend_string_equals_literal(name, "rawBody")) {
    zval *v = value;
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) != IS_STRING) {
      zend_type_error("Cannot assign %s to property MailHive\\Message::$rawBody of type string", zend_zval_type_name(v));
      return &EG(error_zval);
    }
    /* The parser never fails on odd mail; only running out of memory can stop it. */
    if (!mh_guard([&] { load(obj, mailhive::mime::parseMessage(std::string_view(Z_STRVAL_P(v), Z_STRLEN_P(v)))); }))
      return &EG(error_zval);
    return value;
  }
  if (!mh_name_in(name, kGuarded)) return zend_std_write_property(obj, name, value, cache_slot);
  return mh_checked_write(obj, name, value, [name](zval *v) {
    std::string what = std::string("MailHive\\Message::$") + ZSTR_VAL(name);
    if (mh_name_in(name, kSingleLine)) {
      mailhive::requireSingleLine(std::string(Z_STRVAL_P(v), Z_STRLEN_P(v)), what.c_str());
    } else if (zend_string_equals_literal(name, "bodyFormat")) {
      if (Z_LVAL_P(v) != mailhive::mime::kFormatText && Z_LVAL_P(v) != mailhive::mime::kFormatHtml)
        throw mailhive::ArgumentError(what + " must be MailHive\\Message::FORMAT_TEXT or FORMAT_HTML", true);
    } else if (zend_string_equals_literal(name, "priority")) {
      if (Z_LVAL_P(v) < 0 || Z_LVAL_P(v) > 5) throw mailhive::ArgumentError(what + " must be between 0 and 5", true);
    } else if (zend_string_equals_literal(name, "attachments")) {
      zval *e;
      ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), e) {
        ZVAL_DEREF(e);
        if (Z_TYPE_P(e) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(e), mh_ce_attachment)) {
          zend_type_error("%s must contain only MailHive\\Attachment objects", what.c_str());
          return;
        }
      }
      ZEND_HASH_FOREACH_END();
    }
  });
}

zval *msg_read(zend_object *obj, zend_string *name, int type, void **cache_slot, zval *rv) {
  if (zend_string_equals_literal(name, "rawBody")) {
    std::string text;
    if (!mh_guard([&] { text = mailhive::mime::messageText(mh_message_to_engine(obj)); })) return &EG(uninitialized_zval);
    ZVAL_STRINGL(rv, text.data(), text.size());
    return rv;
  }
  if (mh_name_in(name, kGuarded)) return mh_read_copy(obj, name, type, rv);
  return zend_std_read_property(obj, name, type, cache_slot, rv);
}

int msg_has(zend_object *obj, zend_string *name, int has_set_exists, void **cache_slot) {
  if (zend_string_equals_literal(name, "rawBody")) return 1;
  return zend_std_has_property(obj, name, has_set_exists, cache_slot);
}

zval *msg_ptr_ptr(zend_object *obj, zend_string *name, int type, void **cache_slot) {
  if (zend_string_equals_literal(name, "rawBody") || mh_name_in(name, kGuarded)) return NULL;
  return zend_std_get_property_ptr_ptr(obj, name, type, cache_slot);
}

void msg_unset(zend_object *obj, zend_string *name, void **cache_slot) {
  if (zend_string_equals_literal(name, "rawBody")) {
    zend_throw_error(NULL, "Cannot unset MailHive\\Message::$rawBody");
    return;
  }
  mh_unset_forbidden(obj, name, cache_slot);
}

/* Appends an Attachment object to $this->attachments (kept a list). */
void append_attachment(zend_object *obj, Attachment &&a) {
  zval z;
  att_new(&z, std::move(a));
  zval *arr = mh_prop(obj, "attachments");
  SEPARATE_ARRAY(arr);
  add_next_index_zval(arr, &z);
}

}  // namespace

Message mh_message_to_engine(zend_object *obj) {
  Message m = fields_of(obj);
  zval *e;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(mh_prop(obj, "attachments")), e) {
    ZVAL_DEREF(e);
    if (Z_TYPE_P(e) == IS_OBJECT && instanceof_function(Z_OBJCE_P(e), mh_ce_attachment)) {
      AttachmentObject *a = att_from(Z_OBJ_P(e));
      if (a->att) m.attachments.push_back(*a->att);
    }
  }
  ZEND_HASH_FOREACH_END();
  return m;
}

void mh_message_new(zval *out, Message &&m) {
  object_init_ex(out, mh_ce_message);
  load(Z_OBJ_P(out), std::move(m));
}

std::string mh_message_text(zend_object *obj) { return mailhive::mime::messageText(mh_message_to_engine(obj)); }

PHP_METHOD(MailHive_Message, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

/* Replaces the message by the parsed .eml file; MailHive\Exception 301 when it cannot be read. */
PHP_METHOD(MailHive_Message, importFromFile) {
  zend_string *path;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_PATH_STR(path)
  ZEND_PARSE_PARAMETERS_END();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  if (!mh_guard([&] { load(obj, mailhive::mime::importFromFile(std::string(ZSTR_VAL(path), ZSTR_LEN(path)))); }))
    RETURN_THROWS();
  RETURN_TRUE;
}

/* File errors throw MailHive\Exception (errCode 301): a Message has no throwExceptions switch. */
PHP_METHOD(MailHive_Message, addAttachment) {
  zend_string *path, *name = NULL, *cid = NULL, *ctype = NULL;
  ZEND_PARSE_PARAMETERS_START(1, 4)
    Z_PARAM_PATH_STR(path)
    Z_PARAM_OPTIONAL
    Z_PARAM_STR(name)
    Z_PARAM_STR(cid)
    Z_PARAM_STR(ctype)
  ZEND_PARSE_PARAMETERS_END();
  auto s = [](zend_string *z) { return z ? std::string(ZSTR_VAL(z), ZSTR_LEN(z)) : std::string(); };
  Message tmp;
  if (!mh_guard([&] { tmp.addAttachment(s(path), s(name), s(cid), s(ctype)); })) RETURN_THROWS();
  if (!mh_guard([&] { append_attachment(Z_OBJ_P(ZEND_THIS), std::move(tmp.attachments.back())); })) RETURN_THROWS();
  RETURN_TRUE;
}

PHP_METHOD(MailHive_Message, addAttachmentData) {
  zend_string *data, *name, *ctype = NULL;
  ZEND_PARSE_PARAMETERS_START(2, 3)
    Z_PARAM_STR(data)
    Z_PARAM_STR(name)
    Z_PARAM_OPTIONAL
    Z_PARAM_STR(ctype)
  ZEND_PARSE_PARAMETERS_END();
  if (ZSTR_LEN(name) == 0) {
    zend_argument_value_error(2, "must not be empty");
    RETURN_THROWS();
  }
  Message tmp;
  if (!mh_guard([&] {
        tmp.addAttachmentData(std::string(ZSTR_VAL(data), ZSTR_LEN(data)), std::string(ZSTR_VAL(name), ZSTR_LEN(name)),
                              ctype ? std::string(ZSTR_VAL(ctype), ZSTR_LEN(ctype)) : std::string());
        append_attachment(Z_OBJ_P(ZEND_THIS), std::move(tmp.attachments.back()));
      })) {
    RETURN_THROWS();
  }
}

PHP_METHOD(MailHive_Message, getHeader) {
  zend_string *name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  std::string v;
  if (!mh_guard([&] { v = fields_of(Z_OBJ_P(ZEND_THIS)).getHeader(std::string(ZSTR_VAL(name), ZSTR_LEN(name))); }))
    RETURN_THROWS();
  RETURN_STRINGL(v.data(), v.size());
}

/* Built-in headers (From, To, Cc, Reply-To, Subject, Date, Message-ID) are the properties themselves. */
PHP_METHOD(MailHive_Message, setHeader) {
  zend_string *name, *value;
  ZEND_PARSE_PARAMETERS_START(2, 2)
    Z_PARAM_STR(name)
    Z_PARAM_STR(value)
  ZEND_PARSE_PARAMETERS_END();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  Message m;
  if (!mh_guard([&] {
        m = fields_of(obj);
        m.setHeader(std::string(ZSTR_VAL(name), ZSTR_LEN(name)), std::string(ZSTR_VAL(value), ZSTR_LEN(value)));
        MessageState &st = *msg_from(obj)->state;
        st.headers = m.headers;
        st.parsedHeaders = m.parsedHeaders;
      })) {
    RETURN_THROWS();
  }
  mh_set_str(obj, "fromAddr", m.fromAddr);
  mh_set_str(obj, "toAddr", m.toAddr);
  mh_set_str(obj, "ccAddr", m.ccAddr);
  mh_set_str(obj, "replyToAddr", m.replyToAddr);
  mh_set_str(obj, "subject", m.subject);
  mh_set_str(obj, "date", m.date);
  mh_set_str(obj, "messageId", m.messageId);
}

/* false when the file cannot be written (or an attachment file cannot be read). */
PHP_METHOD(MailHive_Message, saveMessage) {
  zend_string *path;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_PATH_STR(path)
  ZEND_PARSE_PARAMETERS_END();
  bool ok = false;
  if (!mh_guard([&] {
        try {
          mailhive::mime::saveMessage(mh_message_to_engine(Z_OBJ_P(ZEND_THIS)), std::string(ZSTR_VAL(path), ZSTR_LEN(path)));
          ok = true;
        } catch (const mailhive::MailError &e) {
          if (e.errCode != mailhive::kFileError) throw;
        }
      })) {
    RETURN_THROWS();
  }
  RETURN_BOOL(ok);
}

PHP_METHOD(MailHive_Attachment, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

PHP_METHOD(MailHive_Attachment, getData) {
  ZEND_PARSE_PARAMETERS_NONE();
  AttachmentObject *o = att_from(Z_OBJ_P(ZEND_THIS));
  std::string bytes;
  if (!mh_guard([&] {
        if (o->att) bytes = att_bytes(*o->att);
      })) {
    RETURN_THROWS();
  }
  RETURN_STRINGL(bytes.data(), bytes.size());
}

PHP_METHOD(MailHive_Attachment, saveFile) {
  zend_string *path;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_PATH_STR(path)
  ZEND_PARSE_PARAMETERS_END();
  AttachmentObject *o = att_from(Z_OBJ_P(ZEND_THIS));
  bool ok = false;
  if (!mh_guard([&] {
        if (!o->att) return;
        std::string bytes;
        try {
          bytes = att_bytes(*o->att);
        } catch (const mailhive::MailError &) {
          return;
        }
        std::FILE *f = std::fopen(ZSTR_VAL(path), "wb");
        if (!f) return;
        bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
        ok = (std::fclose(f) == 0) && written;
      })) {
    RETURN_THROWS();
  }
  RETURN_BOOL(ok);
}

void mh_register_message() {
  mh_ce_message = register_class_MailHive_Message();
  mh_ce_message->create_object = msg_create;
  memcpy(&mh_message_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  mh_message_handlers.offset = XtOffsetOf(MessageObject, std);
  mh_message_handlers.free_obj = msg_free;
  mh_message_handlers.clone_obj = msg_clone;
  mh_message_handlers.write_property = msg_write;
  mh_message_handlers.read_property = msg_read;
  mh_message_handlers.has_property = msg_has;
  mh_message_handlers.get_property_ptr_ptr = msg_ptr_ptr;
  mh_message_handlers.unset_property = msg_unset;

  mh_ce_attachment = register_class_MailHive_Attachment();
  mh_ce_attachment->create_object = att_create;
  memcpy(&mh_attachment_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  mh_attachment_handlers.offset = XtOffsetOf(AttachmentObject, std);
  mh_attachment_handlers.free_obj = att_free;
  mh_attachment_handlers.clone_obj = NULL;
  mh_attachment_handlers.unset_property = mh_unset_forbidden;
}
