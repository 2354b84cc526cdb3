/* mailhive PHP extension: MailHive\IMAP4, MailHive\Envelope and MailHive\Mailbox. One engine
 * imap::Client per PHP object; every network method runs its call to the end on the blocking reactor
 * and copies the client's state (results, selected mailbox counters) back into the properties. */
#include "mailer.h"

#include <cstring>

#include "imap/client.h"
#include "imap_arginfo.h"
#include "mime/parser.h"
#include "net/reactor.h"

zend_class_entry *mh_ce_imap4, *mh_ce_envelope, *mh_ce_mailbox;
static zend_object_handlers mh_imap_handlers;

namespace imap = mailhive::imap;
using mailhive::runCall;

namespace {

constexpr unsigned kAuthMask =
    (1u << imap::kAuthAuto) | (1u << imap::kAuthLogin) | (1u << imap::kAuthPlain) | (1u << imap::kAuthXoauth2);
const char *const kExtraSingleLine[] = {"messageSet", NULL};

struct ImapObject {
  imap::Client *client;
  zend_object std;
};

inline ImapObject *imap_from(zend_object *obj) { return (ImapObject *)((char *)obj - XtOffsetOf(ImapObject, std)); }

imap::Client *new_client() { return new imap::Client(mailhive::BlockingReactor::instance()); }

void set_mailbox_state(zend_object *obj, const imap::Client &c) {
  mh_set_long(obj, "messageCount", c.messageCount());
  mh_set_long(obj, "recentCount", c.recentCount());
  mh_set_long(obj, "uidValidity", c.uidValidity());
  mh_set_long(obj, "uidNext", c.uidNext());
}

zend_object *imap_create(zend_class_entry *ce) {
  ImapObject *o = (ImapObject *)zend_object_alloc(sizeof(ImapObject), ce);
  o->client = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &mh_imap_handlers;
  try {
    o->client = new_client();
  } catch (...) {
    zend_error_noreturn(E_ERROR, "mailhive: could not create the IMAP4 client");
  }
  zend_object *obj = &o->std;
  mh_mailer_reset(obj);
  set_mailbox_state(obj, *o->client);
  zval z;
  object_init_ex(&z, mh_ce_ssl);
  mh_set_zval(obj, "ssl", &z);
  return obj;
}

/* Closes the connection without LOGOUT: a script that wants LOGOUT calls disconnect(). */
void imap_free(zend_object *obj) {
  ImapObject *o = imap_from(obj);
  delete o->client;
  o->client = nullptr;
  zend_object_std_dtor(obj);
}

zval *imap_write(zend_object *obj, zend_string *name, zval *value, void **cache_slot) {
  return mh_mailer_write(obj, name, value, cache_slot, kAuthMask, kExtraSingleLine);
}
zval *imap_read(zend_object *obj, zend_string *name, int type, void **cache_slot, zval *rv) {
  return mh_mailer_read(obj, name, type, cache_slot, rv, kExtraSingleLine);
}
zval *imap_ptr_ptr(zend_object *obj, zend_string *name, int type, void **cache_slot) {
  return mh_mailer_ptr_ptr(obj, name, type, cache_slot, kExtraSingleLine);
}

/* Runs `call` (returns an Outcome) on this object's client, then refreshes the mailbox counters;
 * false when a PHP exception is pending. */
template <class Call>
bool run(zend_object *obj, Call &&call, bool *ok) {
  imap::Client &c = *imap_from(obj)->client;
  bool done = mh_mailer_run(obj, c, std::forward<Call>(call), ok);
  set_mailbox_state(obj, c);
  return done;
}

inline imap::Client &client_of(zend_object *obj) { return *imap_from(obj)->client; }

inline std::string str(const zend_string *s) { return std::string(ZSTR_VAL(s), ZSTR_LEN(s)); }

bool id_ok(uint32_t arg, zend_long id) {
  if (id < 1 || (uint64_t)id > UINT32_MAX) {
    zend_argument_value_error(arg, "must be a message number or UID between 1 and 4294967295");
    return false;
  }
  return true;
}

void return_message(zval *return_value, bool ok, std::string &raw) {
  if (!ok) RETURN_NULL();
  mailhive::mime::Message m;
  if (!mh_guard([&] {
        m = mailhive::mime::parseMessage(raw);
        std::string().swap(raw);
      })) {
    RETURN_THROWS();
  }
  mh_message_new(return_value, std::move(m));
}

void envelope_new(zval *out, const imap::Envelope &e) {
  object_init_ex(out, mh_ce_envelope);
  zend_object *obj = Z_OBJ_P(out);
  mh_set_long(obj, "messageNumber", e.messageNumber);
  mh_set_long(obj, "uid", e.uid);
  mh_set_long(obj, "size", (zend_long)e.size);
  mh_set_str_array(obj, "flags", e.flags);
  mh_set_str(obj, "date", e.date);
  mh_set_str(obj, "subject", e.subject);
  mh_set_str(obj, "fromAddr", e.fromAddr);
  mh_set_str(obj, "toAddr", e.toAddr);
  mh_set_str(obj, "ccAddr", e.ccAddr);
  mh_set_str(obj, "replyToAddr", e.replyToAddr);
  mh_set_str(obj, "messageId", e.messageId);
}

void mailbox_new(zval *out, const imap::Mailbox &m) {
  object_init_ex(out, mh_ce_mailbox);
  zend_object *obj = Z_OBJ_P(out);
  mh_set_str(obj, "name", m.name);
  mh_set_str(obj, "delimiter", m.delimiter);
  mh_set_str_array(obj, "flags", m.flags);
}

/* A method taking one mailbox name. */
template <class Call>
void mailbox_call(INTERNAL_FUNCTION_PARAMETERS, Call &&call) {
  zend_string *name;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_STR(name)
  ZEND_PARSE_PARAMETERS_END();
  if (!mh_arg_single_line(1, name)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] { return runCall(call(c, str(name))); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

/* copyMessages / moveMessages. */
template <class Call>
void transfer_call(INTERNAL_FUNCTION_PARAMETERS, Call &&call) {
  zend_string *set, *mailbox;
  bool asUid = false;
  ZEND_PARSE_PARAMETERS_START(2, 3)
    Z_PARAM_STR(set)
    Z_PARAM_STR(mailbox)
    Z_PARAM_OPTIONAL
    Z_PARAM_BOOL(asUid)
  ZEND_PARSE_PARAMETERS_END();
  if (!mh_arg_single_line(1, set) || !mh_arg_single_line(2, mailbox)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] { return runCall(call(c, str(set), str(mailbox), asUid)); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

/* retrieveSingleMessage / retrieveSingleMessageHeaders. */
template <class Call>
void fetch_call(INTERNAL_FUNCTION_PARAMETERS, Call &&call) {
  zend_long id;
  bool asUid = false;
  ZEND_PARSE_PARAMETERS_START(1, 2)
    Z_PARAM_LONG(id)
    Z_PARAM_OPTIONAL
    Z_PARAM_BOOL(asUid)
  ZEND_PARSE_PARAMETERS_END();
  if (!id_ok(1, id)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  std::string raw;
  bool ok = false;
  if (!run(obj, [&] { return runCall(mh_store(call(c, (uint32_t)id, asUid), &raw)); }, &ok)) RETURN_THROWS();
  return_message(return_value, ok, raw);
}

}  // namespace

PHP_METHOD(MailHive_IMAP4, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

PHP_METHOD(MailHive_IMAP4, connect) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] {
        imap::Settings s = mh_mailer_settings<imap::Settings>(obj);
        imap::validate(s);  // bad settings: ValueError now, nothing sent
        return runCall(c.connect(std::move(s)));
      }, &ok)) {
    RETURN_THROWS();
  }
  RETURN_BOOL(ok);
}

PHP_METHOD(MailHive_IMAP4, disconnect) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] { return runCall(c.disconnect()); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

/* PHP calls block, so no call of this object is running when abort() runs: it drops the connection
 * at once, without LOGOUT (a fresh engine client replaces the old one). */
PHP_METHOD(MailHive_IMAP4, abort) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  ImapObject *o = imap_from(obj);
  if (!mh_guard([&] {
        o->client->abort();
        imap::Client *fresh = new_client();
        delete o->client;
        o->client = fresh;
      })) {
    RETURN_THROWS();
  }
  mh_set_bool(obj, "connected", false);
  set_mailbox_state(obj, *o->client);
}

PHP_METHOD(MailHive_IMAP4, retrieveMailboxes) {
  zend_string *root = NULL;
  bool subscribedOnly = false;
  ZEND_PARSE_PARAMETERS_START(0, 2)
    Z_PARAM_OPTIONAL
    Z_PARAM_STR(root)
    Z_PARAM_BOOL(subscribedOnly)
  ZEND_PARSE_PARAMETERS_END();
  if (root && !mh_arg_single_line(1, root)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  std::vector<imap::Mailbox> boxes;
  bool ok = false;
  if (!run(obj, [&] {
        return runCall(mh_store(c.retrieveMailboxes(root ? str(root) : std::string(), subscribedOnly), &boxes));
      }, &ok)) {
    RETURN_THROWS();
  }
  if (!ok) RETURN_FALSE;
  array_init_size(return_value, (uint32_t)boxes.size());
  for (const auto &b : boxes) {
    zval z;
    mailbox_new(&z, b);
    add_next_index_zval(return_value, &z);
  }
}

PHP_METHOD(MailHive_IMAP4, selectMailbox) {
  mailbox_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, [](imap::Client &c, std::string n) { return c.selectMailbox(std::move(n)); });
}

PHP_METHOD(MailHive_IMAP4, examineMailbox) {
  mailbox_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, [](imap::Client &c, std::string n) { return c.examineMailbox(std::move(n)); });
}

PHP_METHOD(MailHive_IMAP4, createMailbox) {
  mailbox_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, [](imap::Client &c, std::string n) { return c.createMailbox(std::move(n)); });
}

PHP_METHOD(MailHive_IMAP4, deleteMailbox) {
  mailbox_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, [](imap::Client &c, std::string n) { return c.deleteMailbox(std::move(n)); });
}

PHP_METHOD(MailHive_IMAP4, renameMailbox) {
  zend_string *from, *to;
  ZEND_PARSE_PARAMETERS_START(2, 2)
    Z_PARAM_STR(from)
    Z_PARAM_STR(to)
  ZEND_PARSE_PARAMETERS_END();
  if (!mh_arg_single_line(1, from) || !mh_arg_single_line(2, to)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] { return runCall(c.renameMailbox(str(from), str(to))); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

/* Messages first..last ("first:last", last -1 = "*"), or $messageSet when first is -1. */
PHP_METHOD(MailHive_IMAP4, retrieveEnvelopes) {
  zend_long first, last = -1;
  bool asUid = false;
  ZEND_PARSE_PARAMETERS_START(1, 3)
    Z_PARAM_LONG(first)
    Z_PARAM_OPTIONAL
    Z_PARAM_LONG(last)
    Z_PARAM_BOOL(asUid)
  ZEND_PARSE_PARAMETERS_END();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  std::string set;
  if (first == -1) {
    set = mh_get_str(obj, "messageSet");
    if (set.empty()) {
      zend_argument_value_error(1, "is -1 but MailHive\\IMAP4::$messageSet is empty");
      RETURN_THROWS();
    }
  } else {
    if (!id_ok(1, first)) RETURN_THROWS();
    if (last != -1 && !id_ok(2, last)) RETURN_THROWS();
    set = std::to_string(first) + ":" + (last == -1 ? std::string("*") : std::to_string(last));
  }
  imap::Client &c = client_of(obj);
  std::vector<imap::Envelope> envs;
  bool ok = false;
  if (!run(obj, [&] { return runCall(mh_store(c.retrieveEnvelopes(set, asUid), &envs)); }, &ok)) RETURN_THROWS();
  if (!ok) RETURN_FALSE;
  array_init_size(return_value, (uint32_t)envs.size());
  for (const auto &e : envs) {
    zval z;
    envelope_new(&z, e);
    add_next_index_zval(return_value, &z);
  }
}

PHP_METHOD(MailHive_IMAP4, retrieveSingleMessage) {
  fetch_call(INTERNAL_FUNCTION_PARAM_PASSTHRU,
             [](imap::Client &c, uint32_t id, bool asUid) { return c.retrieveSingleMessage(id, asUid); });
}

PHP_METHOD(MailHive_IMAP4, retrieveSingleMessageHeaders) {
  fetch_call(INTERNAL_FUNCTION_PARAM_PASSTHRU,
             [](imap::Client &c, uint32_t id, bool asUid) { return c.retrieveSingleMessageHeaders(id, asUid); });
}

PHP_METHOD(MailHive_IMAP4, search) {
  zend_string *criteria = NULL;
  bool asUid = false;
  ZEND_PARSE_PARAMETERS_START(0, 2)
    Z_PARAM_OPTIONAL
    Z_PARAM_STR(criteria)
    Z_PARAM_BOOL(asUid)
  ZEND_PARSE_PARAMETERS_END();
  if (criteria && !mh_arg_single_line(1, criteria)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  std::vector<uint32_t> ids;
  bool ok = false;
  if (!run(obj, [&] { return runCall(mh_store(c.search(criteria ? str(criteria) : std::string("ALL"), asUid), &ids)); },
           &ok)) {
    RETURN_THROWS();
  }
  if (!ok) RETURN_FALSE;
  array_init_size(return_value, (uint32_t)ids.size());
  for (uint32_t id : ids) add_next_index_long(return_value, id);
}

PHP_METHOD(MailHive_IMAP4, setFlags) {
  zend_string *set, *flags;
  zend_long mode;
  bool asUid = false;
  ZEND_PARSE_PARAMETERS_START(3, 4)
    Z_PARAM_STR(set)
    Z_PARAM_STR(flags)
    Z_PARAM_LONG(mode)
    Z_PARAM_OPTIONAL
    Z_PARAM_BOOL(asUid)
  ZEND_PARSE_PARAMETERS_END();
  if (!mh_arg_single_line(1, set) || !mh_arg_single_line(2, flags)) RETURN_THROWS();
  if (mode != imap::kFlagsAdd && mode != imap::kFlagsRemove && mode != imap::kFlagsReplace) {
    zend_argument_value_error(3, "must be one of the MailHive\\IMAP4::FLAGS_* constants");
    RETURN_THROWS();
  }
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] { return runCall(c.setFlags(str(set), str(flags), (int)mode, asUid)); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

PHP_METHOD(MailHive_IMAP4, copyMessages) {
  transfer_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, [](imap::Client &c, std::string set, std::string box, bool asUid) {
    return c.copyMessages(std::move(set), std::move(box), asUid);
  });
}

PHP_METHOD(MailHive_IMAP4, moveMessages) {
  transfer_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, [](imap::Client &c, std::string set, std::string box, bool asUid) {
    return c.moveMessages(std::move(set), std::move(box), asUid);
  });
}

PHP_METHOD(MailHive_IMAP4, deleteMessages) {
  zend_string *set;
  bool asUid = false;
  ZEND_PARSE_PARAMETERS_START(1, 2)
    Z_PARAM_STR(set)
    Z_PARAM_OPTIONAL
    Z_PARAM_BOOL(asUid)
  ZEND_PARSE_PARAMETERS_END();
  if (!mh_arg_single_line(1, set)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] { return runCall(c.deleteMessages(str(set), asUid)); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

PHP_METHOD(MailHive_IMAP4, expunge) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] { return runCall(c.expunge()); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

/* A Message is sent as its rawBody (original bytes of an unchanged parsed message, else built). */
PHP_METHOD(MailHive_IMAP4, appendMessage) {
  zend_string *mailbox, *text = NULL, *flags = NULL;
  zend_object *msg = NULL;
  ZEND_PARSE_PARAMETERS_START(2, 3)
    Z_PARAM_STR(mailbox)
    Z_PARAM_OBJ_OF_CLASS_OR_STR(msg, mh_ce_message, text)
    Z_PARAM_OPTIONAL
    Z_PARAM_STR(flags)
  ZEND_PARSE_PARAMETERS_END();
  if (!mh_arg_single_line(1, mailbox) || (flags && !mh_arg_single_line(3, flags))) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  std::string raw;
  if (msg) {
    if (!mh_guard([&] { raw = mh_message_text(msg); })) RETURN_THROWS();
  } else {
    raw = str(text);
  }
  imap::Client &c = client_of(obj);
  bool ok = false;
  if (!run(obj, [&] {
        return runCall(c.appendMessage(str(mailbox), std::move(raw), flags ? str(flags) : std::string()));
      }, &ok)) {
    RETURN_THROWS();
  }
  RETURN_BOOL(ok);
}

PHP_METHOD(MailHive_IMAP4, idle) {
  zend_long seconds;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_LONG(seconds)
  ZEND_PARSE_PARAMETERS_END();
  if (seconds < 1 || seconds > INT32_MAX) {
    zend_argument_value_error(1, "must be a number of seconds >= 1");
    RETURN_THROWS();
  }
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  imap::Client &c = client_of(obj);
  bool changed = false, ok = false;
  if (!run(obj, [&] { return runCall(mh_store(c.idle((int)seconds), &changed)); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok && changed);
}

PHP_METHOD(MailHive_Envelope, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

PHP_METHOD(MailHive_Mailbox, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

void mh_register_imap() {
  mh_ce_imap4 = register_class_MailHive_IMAP4();
  mh_ce_imap4->create_object = imap_create;
  memcpy(&mh_imap_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  mh_imap_handlers.offset = XtOffsetOf(ImapObject, std);
  mh_imap_handlers.free_obj = imap_free;
  mh_imap_handlers.clone_obj = NULL;
  mh_imap_handlers.write_property = imap_write;
  mh_imap_handlers.read_property = imap_read;
  mh_imap_handlers.get_property_ptr_ptr = imap_ptr_ptr;
  mh_imap_handlers.unset_property = mh_unset_forbidden;
  mh_imap_handlers.get_debug_info = mh_mailer_debug_info;

  mh_ce_envelope = register_class_MailHive_Envelope();
  mh_ce_mailbox = register_class_MailHive_Mailbox();
}
