/* mailhive PHP extension: declarations shared by the class files (php/).
 * php/ only translates values, errors and objects; everything about mail lives in src/. */
#ifndef PHP_MAILHIVE_H
#define PHP_MAILHIVE_H

#include <functional>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include "php.h"
#include "zend_exceptions.h"
#include "zend_attributes.h"
#include "zend_interfaces.h"
}

/* Zend's function macros (PHP_METHOD, PHP_MINIT_FUNCTION, ...) declare parameters a body may not use. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#include "core/error.h"
#include "mime/message.h"
#include "net/tls.h"

#define PHP_MAILHIVE_VERSION "0.1.0"

extern zend_module_entry mailhive_module_entry;
#define phpext_mailhive_ptr &mailhive_module_entry

extern zend_class_entry *mh_ce_smtp, *mh_ce_ssl, *mh_ce_certificate, *mh_ce_message, *mh_ce_attachment,
    *mh_ce_exception, *mh_ce_pop3, *mh_ce_imap4, *mh_ce_envelope, *mh_ce_mailbox;

void mh_register_exception();
void mh_register_certificate();
void mh_register_ssl();
void mh_register_message();
void mh_register_smtp();
void mh_register_pop3();
void mh_register_imap();

/* ---- errors.cc: the one place where engine errors become PHP errors ---- */

/* Runs engine code; a C++ exception never crosses into Zend: ArgumentError -> ValueError/TypeError,
 * MailError -> MailHive\Exception, anything else -> Error. Returns false when a PHP exception is pending. */
bool mh_guard(const std::function<void()> &fn);
/* Throws MailHive\Exception with code/message/properties. */
void mh_throw_mail(int errCode, const std::string &errDesc, int sslError, const std::string &serverResponse);
/* ValueError for a bad property value (name: "MailHive\\SMTP::$serverName"). */
void mh_throw_argument(const mailhive::ArgumentError &e);

/* ---- props.cc: direct access to declared property slots (also the readonly result ones) ---- */
zval *mh_prop(zend_object *obj, const char *name); /* dereferenced slot; never NULL for declared names */
void mh_set_long(zend_object *obj, const char *name, zend_long v);
void mh_set_bool(zend_object *obj, const char *name, bool v);
void mh_set_str(zend_object *obj, const char *name, const std::string &v);
void mh_set_zval(zend_object *obj, const char *name, zval *v); /* takes ownership of *v */
void mh_set_str_array(zend_object *obj, const char *name, const std::vector<std::string> &v);
std::string mh_get_str(zend_object *obj, const char *name);
zend_long mh_get_long(zend_object *obj, const char *name);
bool mh_get_bool(zend_object *obj, const char *name);
bool mh_name_in(const zend_string *name, const char *const *list);
/* Writes `value` through the standard handler, then runs `check` on the stored value; when the check
 * throws (ArgumentError), the old value is restored and a ValueError is thrown. */
zval *mh_checked_write(zend_object *obj, zend_string *name, zval *value,
                       const std::function<void(zval *stored)> &check);
/* Handlers shared by the classes: no unset of declared properties; property references are refused
 * for the names in `guarded` (returns NULL so that every write goes through write_property). */
void mh_unset_forbidden(zend_object *obj, zend_string *name, void **cache_slot);
/* Read with a copy for W/RW fetches, so that a reference never points into a guarded slot. */
zval *mh_read_copy(zend_object *obj, zend_string *name, int type, zval *rv);

/* ---- certificate.cc ---- */
void mh_certificate_new(zval *out, const mailhive::CertInfo &info);

/* ---- ssl.cc ---- */
/* The TLS part of the settings from $mailer->ssl (properties + the selected stores). */
mailhive::TlsSettings mh_ssl_settings(zend_object *ssl);
/* Writes the result properties after a call. */
void mh_ssl_set_result(zend_object *ssl, int sslError, int sslSpecificError, const mailhive::TlsResult &r,
                       bool haveResult);

/* ---- message.cc ---- */
/* The engine Message for a MailHive\Message object (properties, attachments, extra headers). */
mailhive::mime::Message mh_message_to_engine(zend_object *msg);
/* A new MailHive\Message holding a parsed message (its original bytes are what rawBody returns). */
void mh_message_new(zval *out, mailhive::mime::Message &&m);
/* rawBody: the original bytes of an unchanged parsed message, else the built text (may throw). */
std::string mh_message_text(zend_object *msg);

#endif
