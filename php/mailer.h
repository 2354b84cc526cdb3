/* mailhive PHP extension: what MailHive\POP3 and MailHive\IMAP4 share (SMTP predates it and keeps its
 * own copy): the common properties and their write checks, the error/result properties after a call,
 * and the bridge from a value-returning engine Task to a blocking call. */
#ifndef PHP_MAILHIVE_MAILER_H
#define PHP_MAILHIVE_MAILER_H

#include "php_mailhive.h"
#include "proto/outcome.h"

/* Common guarded properties (checked on write, never referenced). */
extern const char *const mh_mailer_guarded[];

/* write_property for a mailer class: single-line strings, authMethod one of the values whose bit is set
 * in authMask, port and time ranges (the names in `extraSingleLine` are single-line strings too). */
zval *mh_mailer_write(zend_object *obj, zend_string *name, zval *value, void **cache_slot, unsigned authMask,
                      const char *const *extraSingleLine);
zval *mh_mailer_read(zend_object *obj, zend_string *name, int type, void **cache_slot, zval *rv,
                     const char *const *extraGuarded);
zval *mh_mailer_ptr_ptr(zend_object *obj, zend_string *name, int type, void **cache_slot,
                        const char *const *extraGuarded);
/* var_dump()/print_r() show the password as ********. */
HashTable *mh_mailer_debug_info(zend_object *obj, int *is_temp);
/* Fresh result properties (constructor). */
void mh_mailer_reset(zend_object *obj);
/* The settings every mailer has, read from the properties. */
template <class Settings>
Settings mh_mailer_settings(zend_object *obj) {
  Settings s;
  s.serverName = mh_get_str(obj, "serverName");
  s.portNumber = (int)mh_get_long(obj, "portNumber");
  s.userName = mh_get_str(obj, "userName");
  s.password = mh_get_str(obj, "password");
  s.authMethod = (int)mh_get_long(obj, "authMethod");
  s.timeout = (int)mh_get_long(obj, "timeout");
  s.deadline = (int)mh_get_long(obj, "deadline");
  s.enableLogging = mh_get_bool(obj, "enableLogging");
  s.logFilePath = mh_get_str(obj, "logFilePath");
  s.ssl = mh_ssl_settings(Z_OBJ_P(mh_prop(obj, "ssl")));
  return s;
}

/* Copies a finished call into the result properties (a success resets the errors); `reply` gets the
 * server response that a MailHive\Exception carries. */
void mh_mailer_results(zend_object *obj, const mailhive::Outcome &out, const std::string &lastReply,
                       const std::string &lastRequest, bool connected, const std::vector<std::string> &caps,
                       const mailhive::TlsResult &tls, std::string &reply);

/* Runs a value-returning engine call to the end on the blocking reactor, storing its value. */
template <class T>
mailhive::Task<void> mh_store(mailhive::Task<T> task, T *out) {
  *out = co_await task;
}

/* Runs one call of `client`: `call()` returns its Outcome (runCall). Results go into the properties.
 * Returns false when a PHP exception is pending (bad argument: ValueError; failure with
 * throwExceptions: MailHive\Exception); else *ok tells whether the call succeeded. */
template <class Client, class Call>
bool mh_mailer_run(zend_object *obj, Client &client, Call &&call, bool *ok) {
  mailhive::Outcome out;
  std::string reply;
  if (!mh_guard([&] {
        client.resetAbort();
        out = call();
        mh_mailer_results(obj, out, client.lastReply(), client.lastRequest(), client.connected(),
                          client.capabilities(), client.tlsResult(), reply);
      })) {
    return false;
  }
  *ok = out.ok();
  if (!out.ok() && mh_get_bool(obj, "throwExceptions")) {
    mh_throw_mail(out.errCode, out.errDesc, out.sslError, reply);
    return false;
  }
  return true;
}

/* ValueError unless `s` is one line (no CR, LF or NUL): nothing is sent. */
bool mh_arg_single_line(uint32_t arg, const zend_string *s);

#endif
