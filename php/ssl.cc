/* mailhive PHP extension: MailHive\SSL ($mailer->ssl). Settings are plain properties; the selected
 * trust store and client certificate (with its password) live only in the C++ part of the object. */
#include "php_mailhive.h"

#include <cstring>

#include "ssl_arginfo.h"

zend_class_entry *mh_ce_ssl;
static zend_object_handlers mh_ssl_handlers;

namespace {

struct Selection {
  int storeType = 0;
  std::string storePath = "ROOT";
  int storeOptions = 0;
  std::string clientCertPath, clientCertPassword, clientKeyPath;
};

struct SslObject {
  Selection *sel;
  zend_object std;
};

inline SslObject *ssl_from(zend_object *obj) {
  return (SslObject *)((char *)obj - XtOffsetOf(SslObject, std));
}

void wipe(std::string &s) {
  if (!s.empty()) explicit_bzero(&s[0], s.size());
  s.clear();
}

const char *const kGuarded[] = {"expectedHostName", "pinSha256", "protocol", NULL};

zend_object *ssl_create(zend_class_entry *ce) {
  SslObject *o = (SslObject *)zend_object_alloc(sizeof(SslObject), ce);
  o->sel = nullptr;
  zend_object_std_init(&o->std, ce);
  object_properties_init(&o->std, ce);
  o->std.handlers = &mh_ssl_handlers;
  try {
    o->sel = new Selection();
  } catch (...) {
    zend_error_noreturn(E_ERROR, "mailhive: out of memory");
  }
  zend_object *obj = &o->std;
  mh_set_long(obj, "sslError", 0);
  mh_set_long(obj, "sslSpecificError", 0);
  mh_set_str(obj, "negotiatedProtocol", "");
  mh_set_str(obj, "cipherSuite", "");
  zval null;
  ZVAL_NULL(&null);
  mh_set_zval(obj, "serverCert", &null);
  ZVAL_NULL(&null);
  mh_set_zval(obj, "clientCert", &null);
  return obj;
}

void ssl_free(zend_object *obj) {
  SslObject *o = ssl_from(obj);
  if (o->sel) {
    wipe(o->sel->clientCertPassword);
    delete o->sel;
    o->sel = nullptr;
  }
  zend_object_std_dtor(obj);
}

zval *ssl_write(zend_object *obj, zend_string *name, zval *value, void **cache_slot) {
  if (!mh_name_in(name, kGuarded)) return zend_std_write_property(obj, name, value, cache_slot);
  return mh_checked_write(obj, name, value, [name](zval *v) {
    if (zend_string_equals_literal(name, "protocol")) {
      if (Z_LVAL_P(v) < mailhive::kProtoAuto || Z_LVAL_P(v) > mailhive::kProtoTls13) {
        throw mailhive::ArgumentError("MailHive\\SSL::$protocol must be one of the MailHive\\SSL::PROTOCOL_* constants",
                                      true);
      }
      return;
    }
    mailhive::requireSingleLine(std::string(Z_STRVAL_P(v), Z_STRLEN_P(v)),
                                (std::string("MailHive\\SSL::$") + ZSTR_VAL(name)).c_str());
  });
}

zval *ssl_read(zend_object *obj, zend_string *name, int type, void **cache_slot, zval *rv) {
  if (mh_name_in(name, kGuarded)) return mh_read_copy(obj, name, type, rv);
  return zend_std_read_property(obj, name, type, cache_slot, rv);
}

zval *ssl_ptr_ptr(zend_object *obj, zend_string *name, int type, void **cache_slot) {
  if (mh_name_in(name, kGuarded)) return NULL;
  return zend_std_get_property_ptr_ptr(obj, name, type, cache_slot);
}

void set_failure(zend_object *obj, const mailhive::MailError &e) {
  mh_set_long(obj, "sslError", e.sslError);
  mh_set_long(obj, "sslSpecificError", e.sslSpecificError);
}

}  // namespace

mailhive::TlsSettings mh_ssl_settings(zend_object *obj) {
  SslObject *o = ssl_from(obj);
  mailhive::TlsSettings t;
  t.enabled = mh_get_bool(obj, "enabled");
  t.useStartTls = mh_get_bool(obj, "useStartTls");
  t.autosetPortAndSsl = mh_get_bool(obj, "autosetPortAndSsl");
  t.protocol = (int)mh_get_long(obj, "protocol");
  t.verifyServerCert = mh_get_bool(obj, "verifyServerCert");
  t.expectedHostName = mh_get_str(obj, "expectedHostName");
  t.pinSha256 = mh_get_str(obj, "pinSha256");
  t.storeType = o->sel->storeType;
  t.storePath = o->sel->storePath;
  t.storeOptions = o->sel->storeOptions;
  t.clientCertPath = o->sel->clientCertPath;
  t.clientCertPassword = o->sel->clientCertPassword;
  t.clientKeyPath = o->sel->clientKeyPath;
  return t;
}

void mh_ssl_set_result(zend_object *obj, int sslError, int sslSpecificError, const mailhive::TlsResult &r,
                       bool haveResult) {
  mh_set_long(obj, "sslError", sslError);
  mh_set_long(obj, "sslSpecificError", sslSpecificError);
  mh_set_str(obj, "negotiatedProtocol", haveResult ? r.negotiatedProtocol : std::string());
  mh_set_str(obj, "cipherSuite", haveResult ? r.cipherSuite : std::string());
  zval cert;
  if (haveResult && r.serverCert) {
    mh_certificate_new(&cert, *r.serverCert);
  } else {
    ZVAL_NULL(&cert);
  }
  mh_set_zval(obj, "serverCert", &cert);
}

PHP_METHOD(MailHive_SSL, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

/* Stores the trust store choice (also when it fails to load: a connection must then fail rather than
 * fall back to other roots) and loads it now so that a bad path is reported here. */
PHP_METHOD(MailHive_SSL, selectServerCertStore) {
  zend_string *path;
  zend_long storeType, options = 0;
  ZEND_PARSE_PARAMETERS_START(2, 3)
    Z_PARAM_STR(path)
    Z_PARAM_LONG(storeType)
    Z_PARAM_OPTIONAL
    Z_PARAM_LONG(options)
  ZEND_PARSE_PARAMETERS_END();
  if (storeType != 0 && storeType != 1) {
    zend_argument_value_error(2, "must be 0 (system store) or 1 (file or directory)");
    RETURN_THROWS();
  }
  if (options < 0) {
    zend_argument_value_error(3, "must be greater than or equal to 0");
    RETURN_THROWS();
  }
  if (memchr(ZSTR_VAL(path), 0, ZSTR_LEN(path))) {
    zend_argument_value_error(1, "must not contain any null bytes");
    RETURN_THROWS();
  }
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  SslObject *o = ssl_from(obj);
  bool loaded = false;
  mailhive::MailError failure(0, "");
  if (!mh_guard([&] {
        o->sel->storeType = (int)storeType;
        o->sel->storePath = (storeType == 0 && ZSTR_LEN(path) == 0) ? std::string("ROOT")
                                                                      : std::string(ZSTR_VAL(path), ZSTR_LEN(path));
        o->sel->storeOptions = (int)options;
        mailhive::TlsSettings t;
        t.storeType = o->sel->storeType;
        t.storePath = o->sel->storePath;
        t.storeOptions = o->sel->storeOptions;
        try {
          (void)mailhive::TlsCredentials::forSettings(t);
          loaded = true;
        } catch (const mailhive::MailError &e) {
          failure = e;
        }
      })) {
    RETURN_THROWS();
  }
  if (!loaded) {
    set_failure(obj, failure);
    RETURN_FALSE;
  }
  mh_set_long(obj, "sslError", 0);
  mh_set_long(obj, "sslSpecificError", 0);
  RETURN_TRUE;
}

/* PKCS#12 (password) or PEM (key in the same file or keyPath); "" clears the selection. */
PHP_METHOD(MailHive_SSL, selectClientCert) {
  zend_string *path, *password = NULL, *keyPath = NULL;
  ZEND_PARSE_PARAMETERS_START(1, 3)
    Z_PARAM_STR(path)
    Z_PARAM_OPTIONAL
    Z_PARAM_STR(password)
    Z_PARAM_STR(keyPath)
  ZEND_PARSE_PARAMETERS_END();
  if (memchr(ZSTR_VAL(path), 0, ZSTR_LEN(path))) {
    zend_argument_value_error(1, "must not contain any null bytes");
    RETURN_THROWS();
  }
  if (keyPath && memchr(ZSTR_VAL(keyPath), 0, ZSTR_LEN(keyPath))) {
    zend_argument_value_error(3, "must not contain any null bytes");
    RETURN_THROWS();
  }
  zend_object *obj = Z_OBJ_P(ZEND_THIS);
  SslObject *o = ssl_from(obj);
  bool loaded = false;
  mailhive::MailError failure(0, "");
  std::optional<mailhive::CertInfo> info;
  if (!mh_guard([&] {
        wipe(o->sel->clientCertPassword);
        o->sel->clientCertPath.assign(ZSTR_VAL(path), ZSTR_LEN(path));
        if (password) o->sel->clientCertPassword.assign(ZSTR_VAL(password), ZSTR_LEN(password));
        o->sel->clientKeyPath = keyPath ? std::string(ZSTR_VAL(keyPath), ZSTR_LEN(keyPath)) : std::string();
        if (o->sel->clientCertPath.empty()) {
          o->sel->clientKeyPath.clear();
          wipe(o->sel->clientCertPassword);
          loaded = true;
          return;
        }
        /* Only the client certificate is checked here: the system roots stand in for the trust store. */
        mailhive::TlsSettings t;
        t.clientCertPath = o->sel->clientCertPath;
        t.clientCertPassword = o->sel->clientCertPassword;
        t.clientKeyPath = o->sel->clientKeyPath;
        try {
          info = mailhive::TlsCredentials::loadClientCertInfo(t);
          loaded = true;
        } catch (const mailhive::MailError &e) {
          failure = e;
        }
        wipe(t.clientCertPassword);
      })) {
    RETURN_THROWS();
  }
  zval cert;
  ZVAL_NULL(&cert);
  if (loaded && info) mh_certificate_new(&cert, *info);
  mh_set_zval(obj, "clientCert", &cert);
  if (!loaded) {
    /* A certificate that cannot be loaded is not kept: connections go out without one. */
    o->sel->clientCertPath.clear();
    o->sel->clientKeyPath.clear();
    wipe(o->sel->clientCertPassword);
    set_failure(obj, failure);
    RETURN_FALSE;
  }
  mh_set_long(obj, "sslError", 0);
  mh_set_long(obj, "sslSpecificError", 0);
  RETURN_TRUE;
}

void mh_register_ssl() {
  mh_ce_ssl = register_class_MailHive_SSL();
  mh_ce_ssl->create_object = ssl_create;
  /* #[\SensitiveParameter] on $password: stack traces never show it. */
  zend_function *select = (zend_function *)zend_hash_str_find_ptr(&mh_ce_ssl->function_table, "selectclientcert",
                                                                   sizeof("selectclientcert") - 1);
  if (select) zend_add_parameter_attribute(select, 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
  memcpy(&mh_ssl_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
  mh_ssl_handlers.offset = XtOffsetOf(SslObject, std);
  mh_ssl_handlers.free_obj = ssl_free;
  mh_ssl_handlers.clone_obj = NULL;
  mh_ssl_handlers.write_property = ssl_write;
  mh_ssl_handlers.read_property = ssl_read;
  mh_ssl_handlers.get_property_ptr_ptr = ssl_ptr_ptr;
  mh_ssl_handlers.unset_property = mh_unset_forbidden;
}
