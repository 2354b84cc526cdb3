/* mailhive PHP extension: the parts MailHive\POP3 and MailHive\IMAP4 share (see mailer.h). */
#include "mailer.h"

#include <cstring>

const char *const mh_mailer_guarded[] = {"serverName", "userName", "password", "licenseKey", "logFilePath", "authMethod",
                                         "portNumber", "timeout", "deadline", NULL};
static const char *const kSingleLine[] = {"serverName", "userName", "password", "licenseKey", "logFilePath", NULL};

zval *mh_mailer_write(zend_object *obj, zend_string *name, zval *value, void **cache_slot, unsigned authMask,
                      const char *const *extraSingleLine) {
  bool extra = extraSingleLine && mh_name_in(name, extraSingleLine);
  if (!extra && !mh_name_in(name, mh_mailer_guarded)) return zend_std_write_property(obj, name, value, cache_slot);
  return mh_checked_write(obj, name, value, [obj, name, extra, authMask](zval *v) {
    std::string what = std::string(ZSTR_VAL(obj->ce->name)) + "::$" + ZSTR_VAL(name);
    if (extra || mh_name_in(name, kSingleLine)) {
      mailhive::requireSingleLine(std::string(Z_STRVAL_P(v), Z_STRLEN_P(v)), what.c_str());
      return;
    }
    zend_long n = Z_LVAL_P(v);
    if (zend_string_equals_literal(name, "authMethod") && (n < 0 || n > 31 || !(authMask & (1u << n))))
      throw mailhive::ArgumentError(what + " must be one of the " + ZSTR_VAL(obj->ce->name) + "::AUTH_* constants",
                                    true);
    if (zend_string_equals_literal(name, "portNumber") && (n < 0 || n > 65535))
      throw mailhive::ArgumentError(what + " must be between 0 and 65535", true);
    if ((zend_string_equals_literal(name, "timeout") || zend_string_equals_literal(name, "deadline")) &&
        (n < 0 || n > 86400 * 365))
      throw mailhive::ArgumentError(what + " must be a number of seconds >= 0", true);
  });
}

static bool guarded(zend_string *name, const char *const *extra) {
  return mh_name_in(name, mh_mailer_guarded) || (extra && mh_name_in(name, extra));
}

zval *mh_mailer_read(zend_object *obj, zend_string *name, int type, void **cache_slot, zval *rv,
                     const char *const *extraGuarded) {
  if (guarded(name, extraGuarded)) return mh_read_copy(obj, name, type, rv);
  return zend_std_read_property(obj, name, type, cache_slot, rv);
}

zval *mh_mailer_ptr_ptr(zend_object *obj, zend_string *name, int type, void **cache_slot,
                        const char *const *extraGuarded) {
  if (guarded(name, extraGuarded)) return NULL;
  return zend_std_get_property_ptr_ptr(obj, name, type, cache_slot);
}

HashTable *mh_mailer_debug_info(zend_object *obj, int *is_temp) {
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

void mh_mailer_reset(zend_object *obj) {
  mh_set_bool(obj, "isError", false);
  mh_set_long(obj, "errCode", 0);
  mh_set_str(obj, "errDesc", "");
  mh_set_str(obj, "serverResponse", "");
  mh_set_str(obj, "clientRequest", "");
  mh_set_bool(obj, "connected", false);
  mh_set_bool(obj, "busy", false);
  mh_set_str_array(obj, "capabilities", {});
}

void mh_mailer_results(zend_object *obj, const mailhive::Outcome &out, const std::string &lastReply,
                       const std::string &lastRequest, bool connected, const std::vector<std::string> &caps,
                       const mailhive::TlsResult &tls, std::string &reply) {
  reply = out.serverResponse.empty() ? lastReply : out.serverResponse;
  mh_set_bool(obj, "isError", !out.ok());
  mh_set_long(obj, "errCode", out.errCode);
  mh_set_str(obj, "errDesc", out.ok() ? std::string() : out.errDesc);
  mh_set_str(obj, "serverResponse", reply);
  mh_set_str(obj, "clientRequest", lastRequest);
  mh_set_bool(obj, "connected", connected);
  mh_set_str_array(obj, "capabilities", caps);
  mh_ssl_set_result(Z_OBJ_P(mh_prop(obj, "ssl")), out.ok() ? 0 : out.sslError, out.ok() ? 0 : out.sslSpecificError,
                    tls, true);
}

bool mh_arg_single_line(uint32_t arg, const zend_string *s) {
  if (memchr(ZSTR_VAL(s), '\r', ZSTR_LEN(s)) || memchr(ZSTR_VAL(s), '\n', ZSTR_LEN(s)) ||
      memchr(ZSTR_VAL(s), '\0', ZSTR_LEN(s))) {
    zend_argument_value_error(arg, "must not contain CR, LF or NUL characters");
    return false;
  }
  return true;
}
