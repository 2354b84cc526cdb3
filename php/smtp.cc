/* mailhive PHP extension: MailHive\SMTP. One engine smtp::Client per PHP object; every network
 * method copies the properties into smtp::Settings, runs the call to the end on the blocking reactor
 * and copies the client's state back into the result properties. */
#include "php_mailhive.h"

#include <cstring>

#include "net/reactor.h"
#include "proto/outcome.h"
#include "smtp/client.h"
#include "smtp_arginfo.h"

zend_class_entry *mh_ce_smtp;
static zend_object_handlers mh_smtp_handlers;

namespace smtp = mailhive::smtp;

namespace {

struct SmtpObject {
  smtp::Client *client;
  zend_object std;
};

inline SmtpObject *smtp_from(zend_object *obj) {
  return (SmtpObject *)((char *)obj - XtOffsetOf(SmtpObject, std));
}

/* $smtp->subject etc. are $smtp->message->subject etc. (object handlers, not stored here). */
const char *const kShortcuts[] = {"fromAddr", "toAddr", "ccAddr", "bccAddr", "subject",
                                  "bodyText", "bodyFormat", "charset", NULL};
const char *const kSingleLine[] = {"serverName", "userName", "password", "domain", "licenseKey", "logFilePath", NULL};
const char *const kGuarded[] = {"serverName", "userName", "password", "domain", "licenseKey", "logFilePath", "authMethod",
                                "portNumber", "timeout", "deadline", NULL};

smtp::Client *new_client() { return new smtp::Client(mailhive::BlockingReactor::instance()); }

void reset_results(zend_object *obj) {
  mh_set_bool(obj, "isError", false);
  mh_set_long(obj, "errCode", 0);
  mh_set_str(obj, "errDesc", "");
  mh_set_str(obj, "serverResponse", "");
  mh_set_str(obj, "clientRequest", "");
  mh_set_bool(obj, "connected", false);
  mh_set_bool(obj, "busy", false);
  mh_set_str_array(obj, "refusedRecipients", {});
  mh_set_str_array(obj, "serverCapabilities", {});
}

zend_object *smtp_create(zend_class_entry *ce) {
  SmtpObject *o = (SmtpObject *)zend_object_alloc(sizeof(SmtpObject), ce);
  o->client = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &mh_smtp_handlers;
  try {
    o->client = new_client();
  } catch (...) {
    zend_error_noreturn(E_ERROR, "mailhive: could not create the SMTP client");
  }
  zend_object *obj = &o->std;
  reset_results(obj);
  zval z;
  object_init_ex(&z, mh_ce_ssl);
  mh_set_zval(obj, "ssl", &z);
  object_init_ex(&z, mh_ce_message);
  mh_set_zval(obj, "message", &z);
  return obj;
}

/* Closes the connection without QUIT: a script that wants QUIT calls disconnect(). */
void smtp_free(zend_object *obj) {
  SmtpObject *o = smtp_from(obj);
  delete o->client;
  o->client = nullptr;
  zend_object_std_dtor(obj);
}

zend_object *message_of(zend_object *obj) { return Z_OBJ_P(mh_prop(obj, "message")); }

zval *smtp_write(zend_object *obj, zend_string *name, zval *value, void **cache_slot) {
  if (mh_name_in(name, kShortcuts)) {
    zend_object *m = message_of(obj);
    return m->handlers->write_property(m, name, value, NULL);
  }
  if (!mh_name_in(name, kGuarded)) return zend_std_write_property(obj, name, value, cache_slot);
  return mh_checked_write(obj, name, value, [name](zval *v) {
    std::string what = std::string("MailHive\\SMTP::$") + ZSTR_VAL(name);
    if (mh_name_in(name, kSingleLine)) {
      mailhive::requireSingleLine(std::string(Z_STRVAL_P(v), Z_STRLEN_P(v)), what.c_str());
      return;
    }
    zend_long n = Z_LVAL_P(v);
    if (zend_string_equals_literal(name, "authMethod") && (n < smtp::kAuthNone || n > smtp::kAuthXoauth2))
      throw mailhive::ArgumentError(what + " must be one of the MailHive\\SMTP::AUTH_* constants", true);
    if (zend_string_equals_literal(name, "portNumber") && (n < 0 || n > 65535))
      throw mailhive::ArgumentError(what + " must be between 0 and 65535", true);
    if ((zend_string_equals_literal(name, "timeout") || zend_string_equals_literal(name, "deadline")) &&
        (n < 0 || n > 86400 * 365))
      throw mailhive::ArgumentError(what + " must be a number of seconds >= 0", true);
  });
}

zval *smtp_read(zend_object *obj, zend_string *name, int type, void **cache_slot, zval *rv) {
  if (mh_name_in(name, kShortcuts)) {
    zend_object *m = message_of(obj);
    zval *v = m->handlers->read_property(m, name, BP_VAR_R, NULL, rv);
    if (v != rv) {
      ZVAL_COPY_DEREF(rv, v);
    }
    return rv;
  }
  if (mh_name_in(name, kGuarded)) return mh_read_copy(obj, name, type, rv);
  return zend_std_read_property(obj, name, type, cache_slot, rv);
}

int smtp_has(zend_object *obj, zend_string *name, int has_set_exists, void **cache_slot) {
  if (mh_name_in(name, kShortcuts)) {
    zend_object *m = message_of(obj);
    return m->handlers->has_property(m, name, has_set_exists, NULL);
  }
  return zend_std_has_property(obj, name, has_set_exists, cache_slot);
}

zval *smtp_ptr_ptr(zend_object *obj, zend_string *name, int type, void **cache_slot) {
  if (mh_name_in(name, kShortcuts) || mh_name_in(name, kGuarded)) return NULL;
  return zend_std_get_property_ptr_ptr(obj, name, type, cache_slot);
}

void smtp_unset(zend_object *obj, zend_string *name, void **cache_slot) {
  if (mh_name_in(name, kShortcuts)) {
    zend_throw_error(NULL, "Cannot unset MailHive\\SMTP::$%s", ZSTR_VAL(name));
    return;
  }
  mh_unset_forbidden(obj, name, cache_slot);
}

/* var_dump()/print_r() never show the password. */
HashTable *smtp_debug_info(zend_object *obj, int *is_temp) {
  HashTable *ht = zend_array_dup(zend_std_get_properties(obj));
  zval *pw = zend_hash_str_find(ht, "password", sizeof("password") - 1);
  if (pw) {
    ZVAL_DEREF(pw);
    if (Z_TYPE_P(pw) == IS_STRING && Z_STRLEN_P(pw) > 0) {
      zval_ptr_dtor(pw);
      ZVAL_STRING(pw, "********");
    }
  }
  *is_temp = 1;
  return ht;
}

smtp::Settings settings_of(zend_object *obj) {
  smtp::Settings s;
  s.serverName = mh_get_str(obj, "serverName");
  s.portNumber = (int)mh_get_long(obj, "portNumber");
  s.userName = mh_get_str(obj, "userName");
  s.password = mh_get_str(obj, "password");
  s.authMethod = (int)mh_get_long(obj, "authMethod");
  s.domain = mh_get_str(obj, "domain");
  s.timeout = (int)mh_get_long(obj, "timeout");
  s.deadline = (int)mh_get_long(obj, "deadline");
  s.allowRefusedRecipients = mh_get_bool(obj, "allowRefusedRecipients");
  s.enableLogging = mh_get_bool(obj, "enableLogging");
  s.logFilePath = mh_get_str(obj, "logFilePath");
  s.ssl = mh_ssl_settings(Z_OBJ_P(mh_prop(obj, "ssl")));
  return s;
}

enum class Op { Connect, Send, Disconnect };

/* Copies the client's state after a call into the result properties (a success resets the errors). */
void apply_outcome(zend_object *obj, smtp::Client &c, const mailhive::Outcome &out, std::string &reply) {
  reply = out.serverResponse.empty() ? c.lastReply() : out.serverResponse;
  mh_set_bool(obj, "isError", !out.ok());
  mh_set_long(obj, "errCode", out.errCode);
  mh_set_str(obj, "errDesc", out.ok() ? std::string() : out.errDesc);
  mh_set_str(obj, "serverResponse", reply);
  mh_set_str(obj, "clientRequest", c.lastRequest());
  mh_set_bool(obj, "connected", c.connected());
  mh_set_str_array(obj, "refusedRecipients", c.refusedRecipients());
  mh_set_str_array(obj, "serverCapabilities", c.capabilities());
  const mailhive::TlsResult &tls = c.tlsResult();
  int sslError = out.ok() ? 0 : out.sslError;
  int sslSpecific = out.ok() ? 0 : out.sslSpecificError;
  mh_ssl_set_result(Z_OBJ_P(mh_prop(obj, "ssl")), sslError, sslSpecific, tls, true);
}

void run(INTERNAL_FUNCTION_PARAMETERS, Op op) {
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  SmtpObject *o = smtp_from(obj);
  mailhive::Outcome out;
  std::string reply;
  bool ok = mh_guard([&] {
    if (op == Op::Disconnect) {
      o->client->resetAbort();
      out = mailhive::runCall(o->client->disconnect());
    } else {
      smtp::Settings s = settings_of(obj);
      smtp::validate(s);  // bad settings: ValueError now, nothing sent
      o->client->resetAbort();
      if (op == Op::Connect) {
        out = mailhive::runCall(o->client->connect(std::move(s)));
      } else {
        mailhive::mime::Message m = mh_message_to_engine(message_of(obj));
        out = mailhive::runCall(o->client->send(std::move(s), std::move(m)));
      }
    }
    apply_outcome(obj, *o->client, out, reply);
  });
  if (!ok) RETURN_THROWS();
  if (!out.ok() && mh_get_bool(obj, "throwExceptions")) {
    mh_throw_mail(out.errCode, out.errDesc, out.sslError, reply);
    RETURN_THROWS();
  }
  RETURN_BOOL(out.ok());
}

}  // namespace

PHP_METHOD(MailHive_SMTP, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

PHP_METHOD(MailHive_SMTP, connect) {
  ZEND_PARSE_PARAMETERS_NONE();
  run(INTERNAL_FUNCTION_PARAM_PASSTHRU, Op::Connect);
}

PHP_METHOD(MailHive_SMTP, send) {
  ZEND_PARSE_PARAMETERS_NONE();
  run(INTERNAL_FUNCTION_PARAM_PASSTHRU, Op::Send);
}

PHP_METHOD(MailHive_SMTP, disconnect) {
  ZEND_PARSE_PARAMETERS_NONE();
  run(INTERNAL_FUNCTION_PARAM_PASSTHRU, Op::Disconnect);
}

/* PHP calls block, so no call of this object is running when abort() runs: it drops the connection
 * at once, without QUIT (a fresh engine client replaces the old one). */
PHP_METHOD(MailHive_SMTP, abort) {
  ZEND_PARSE_PARAMETERS_NONE();
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  SmtpObject *o = smtp_from(obj);
  if (!mh_guard([&] {
        o->client->abort();
        smtp::Client *fresh = new_client();
        delete o->client;
        o->client = fresh;
      })) {
    RETURN_THROWS();
  }
  mh_set_bool(obj, "connected", false);
}

void mh_register_smtp() {
  mh_ce_smtp = register_class_MailHive_SMTP();
  mh_ce_smtp->create_object = smtp_create;
  memcpy(&mh_smtp_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  mh_smtp_handlers.offset = XtOffsetOf(SmtpObject, std);
  mh_smtp_handlers.free_obj = smtp_free;
  mh_smtp_handlers.clone_obj = NULL;
  mh_smtp_handlers.write_property = smtp_write;
  mh_smtp_handlers.read_property = smtp_read;
  mh_smtp_handlers.has_property = smtp_has;
  mh_smtp_handlers.get_property_ptr_ptr = smtp_ptr_ptr;
  mh_smtp_handlers.unset_property = smtp_unset;
  mh_smtp_handlers.get_debug_info = smtp_debug_info;
}
