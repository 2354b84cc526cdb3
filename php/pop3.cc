/* mailhive PHP extension: MailHive\POP3. One engine pop3::Client per PHP object; every network method
 * runs its call to the end on the blocking reactor and copies the client's state back into the
 * result properties (mailer.h). */
#include "mailer.h"

#include <cstring>

#include "mime/parser.h"
#include "net/reactor.h"
#include "pop3/client.h"
#include "pop3_arginfo.h"

zend_class_entry *mh_ce_pop3;
static zend_object_handlers mh_pop3_handlers;

namespace pop3 = mailhive::pop3;
using mailhive::runCall;

namespace {

constexpr unsigned kAuthMask = (1u << pop3::kAuthAuto) | (1u << pop3::kAuthUser) | (1u << pop3::kAuthApop) |
                               (1u << pop3::kAuthSaslPlain);

struct Pop3Object {
  pop3::Client *client;
  zend_object std;
};

inline Pop3Object *pop3_from(zend_object *obj) { return (Pop3Object *)((char *)obj - XtOffsetOf(Pop3Object, std)); }

pop3::Client *new_client() { return new pop3::Client(mailhive::BlockingReactor::instance()); }

void reset_counts(zend_object *obj) {
  mh_set_long(obj, "messageCount", 0);
  mh_set_long(obj, "totalSize", 0);
}

zend_object *pop3_create(zend_class_entry *ce) {
  Pop3Object *o = (Pop3Object *)zend_object_alloc(sizeof(Pop3Object), ce);
  o->client = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &mh_pop3_handlers;
  try {
    o->client = new_client();
  } catch (...) {
    zend_error_noreturn(E_ERROR, "mailhive: could not create the POP3 client");
  }
  zend_object *obj = &o->std;
  mh_mailer_reset(obj);
  reset_counts(obj);
  zval z;
  object_init_ex(&z, mh_ce_ssl);
  mh_set_zval(obj, "ssl", &z);
  return obj;
}

/* Closes the connection without QUIT (so without deleting): a script that wants QUIT calls disconnect(). */
void pop3_free(zend_object *obj) {
  Pop3Object *o = pop3_from(obj);
  delete o->client;
  o->client = nullptr;
  zend_object_std_dtor(obj);
}

zval *pop3_write(zend_object *obj, zend_string *name, zval *value, void **cache_slot) {
  return mh_mailer_write(obj, name, value, cache_slot, kAuthMask, nullptr);
}
zval *pop3_read(zend_object *obj, zend_string *name, int type, void **cache_slot, zval *rv) {
  return mh_mailer_read(obj, name, type, cache_slot, rv, nullptr);
}
zval *pop3_ptr_ptr(zend_object *obj, zend_string *name, int type, void **cache_slot) {
  return mh_mailer_ptr_ptr(obj, name, type, cache_slot, nullptr);
}

/* Runs `call` (returns an Outcome) on this object's client; false when a PHP exception is pending. */
template <class Call>
bool run(zend_object *obj, Call &&call, bool *ok) {
  return mh_mailer_run(obj, *pop3_from(obj)->client, std::forward<Call>(call), ok);
}

bool index_ok(uint32_t arg, zend_long index) {
  if (index < 1 || index > INT32_MAX) {
    zend_argument_value_error(arg, "must be a message index >= 1");
    return false;
  }
  return true;
}

/* Retrieved text -> MailHive\Message (or null on failure). */
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

}  // namespace

PHP_METHOD(MailHive_POP3, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

/* Connects, STLS if asked, logs in, then STAT fills messageCount and totalSize. */
PHP_METHOD(MailHive_POP3, connect) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  int count = 0;
  uint64_t size = 0;
  bool ok = false;
  if (!run(obj, [&] {
        pop3::Settings s = mh_mailer_settings<pop3::Settings>(obj);
        pop3::validate(s);  // bad settings: ValueError now, nothing sent
        mailhive::Outcome out = runCall(c.connect(std::move(s)));
        if (out.ok()) out = runCall(mh_store(c.messageCount(), &count));
        if (out.ok()) out = runCall(mh_store(c.totalSize(), &size));
        return out;
      }, &ok)) {
    RETURN_THROWS();
  }
  if (ok) {
    mh_set_long(obj, "messageCount", count);
    mh_set_long(obj, "totalSize", (zend_long)size);
  }
  RETURN_BOOL(ok);
}

PHP_METHOD(MailHive_POP3, disconnect) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  bool ok = false;
  if (!run(obj, [&] { return runCall(c.disconnect()); }, &ok)) RETURN_THROWS();
  if (!mh_get_bool(obj, "connected")) reset_counts(obj);
  RETURN_BOOL(ok);
}

/* PHP calls block, so no call of this object is running when abort() runs: it drops the connection
 * at once, without QUIT (deletions are not made; a fresh engine client replaces the old one). */
PHP_METHOD(MailHive_POP3, abort) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  Pop3Object *o = pop3_from(obj);
  if (!mh_guard([&] {
        o->client->abort();
        pop3::Client *fresh = new_client();
        delete o->client;
        o->client = fresh;
      })) {
    RETURN_THROWS();
  }
  mh_set_bool(obj, "connected", false);
  reset_counts(obj);
}

PHP_METHOD(MailHive_POP3, getMessageSize) {
  zend_long index;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_LONG(index)
  ZEND_PARSE_PARAMETERS_END();
  if (!index_ok(1, index)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  uint64_t size = 0;
  bool ok = false;
  if (!run(obj, [&] { return runCall(mh_store(c.getMessageSize((int)index), &size)); }, &ok)) RETURN_THROWS();
  if (!ok) RETURN_FALSE;
  RETURN_LONG((zend_long)size);
}

PHP_METHOD(MailHive_POP3, getMessageUID) {
  zend_long index;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_LONG(index)
  ZEND_PARSE_PARAMETERS_END();
  if (!index_ok(1, index)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  std::string uid;
  bool ok = false;
  if (!run(obj, [&] { return runCall(mh_store(c.getMessageUID((int)index), &uid)); }, &ok)) RETURN_THROWS();
  if (!ok) RETURN_FALSE;
  RETURN_STRINGL(uid.data(), uid.size());
}

/* The unique ids of every message not deleted, in index order. */
PHP_METHOD(MailHive_POP3, search) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  std::vector<std::string> uids;
  bool ok = false;
  if (!run(obj, [&] { return runCall(mh_store(c.search(), &uids)); }, &ok)) RETURN_THROWS();
  if (!ok) RETURN_FALSE;
  array_init_size(return_value, (uint32_t)uids.size());
  for (const auto &u : uids) add_next_index_stringl(return_value, u.data(), u.size());
}

PHP_METHOD(MailHive_POP3, retrieveSingleMessage) {
  zend_long index;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_LONG(index)
  ZEND_PARSE_PARAMETERS_END();
  if (!index_ok(1, index)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  std::string raw;
  bool ok = false;
  if (!run(obj, [&] { return runCall(mh_store(c.retrieveSingleMessage((int)index), &raw)); }, &ok)) RETURN_THROWS();
  return_message(return_value, ok, raw);
}

/* The header plus the first $bodyLines lines of the body (TOP), parsed as a Message. */
PHP_METHOD(MailHive_POP3, retrieveSingleMessageHeaders) {
  zend_long index, bodyLines = 0;
  ZEND_PARSE_PARAMETERS_START(1, 2)
    Z_PARAM_LONG(index)
    Z_PARAM_OPTIONAL
    Z_PARAM_LONG(bodyLines)
  ZEND_PARSE_PARAMETERS_END();
  if (!index_ok(1, index)) RETURN_THROWS();
  if (bodyLines < 0 || bodyLines > INT32_MAX) {
    zend_argument_value_error(2, "must be a number of lines >= 0");
    RETURN_THROWS();
  }
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  std::string raw;
  bool ok = false;
  if (!run(obj, [&] { return runCall(mh_store(c.retrieveSingleMessageHeaders((int)index, (int)bodyLines), &raw)); },
           &ok)) {
    RETURN_THROWS();
  }
  return_message(return_value, ok, raw);
}

/* Marks the message for deletion at disconnect() (messageCount keeps the login snapshot). */
PHP_METHOD(MailHive_POP3, deleteMessage) {
  zend_long index;
  ZEND_PARSE_PARAMETERS_START(1, 1)
    Z_PARAM_LONG(index)
  ZEND_PARSE_PARAMETERS_END();
  if (!index_ok(1, index)) RETURN_THROWS();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  bool ok = false;
  if (!run(obj, [&] { return runCall(c.deleteMessage((int)index)); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

PHP_METHOD(MailHive_POP3, undeleteAll) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  pop3::Client &c = *pop3_from(obj)->client;
  bool ok = false;
  if (!run(obj, [&] { return runCall(c.undeleteAll()); }, &ok)) RETURN_THROWS();
  RETURN_BOOL(ok);
}

void mh_register_pop3() {
  mh_ce_pop3 = register_class_MailHive_POP3();
  mh_ce_pop3->create_object = pop3_create;
  memcpy(&mh_pop3_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  mh_pop3_handlers.offset = XtOffsetOf(Pop3Object, std);
  mh_pop3_handlers.free_obj = pop3_free;
  mh_pop3_handlers.clone_obj = NULL;
  mh_pop3_handlers.write_property = pop3_write;
  mh_pop3_handlers.read_property = pop3_read;
  mh_pop3_handlers.get_property_ptr_ptr = pop3_ptr_ptr;
  mh_pop3_handlers.unset_property = mh_unset_forbidden;
  mh_pop3_handlers.get_debug_info = mh_mailer_debug_info;
}
