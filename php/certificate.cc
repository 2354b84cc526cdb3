/* mailhive PHP extension: MailHive\Certificate, a read-only copy of the engine's CertInfo. */
#include "php_mailhive.h"

extern "C" {
#include "ext/date/php_date.h"
}

#include "certificate_arginfo.h"

zend_class_entry *mh_ce_certificate;

PHP_METHOD(MailHive_Certificate, __construct) { ZEND_PARSE_PARAMETERS_NONE(); }

static void mh_set_date(zend_object *obj, const char *name, int64_t epoch) {
  zval dt;
  php_date_instantiate(php_date_get_immutable_ce(), &dt);
  char buf[32];
  int len = snprintf(buf, sizeof buf, "@%lld", (long long)epoch);
  if (!php_date_initialize(Z_PHPDATE_P(&dt), buf, len, NULL, NULL, 0)) {
    zval_ptr_dtor(&dt);
    ZVAL_NULL(&dt);  /* cannot happen for an integer timestamp */
    php_date_instantiate(php_date_get_immutable_ce(), &dt);
    php_date_initialize(Z_PHPDATE_P(&dt), "@0", 2, NULL, NULL, 0);
  }
  mh_set_zval(obj, name, &dt);
}

void mh_certificate_new(zval *out, const mailhive::CertInfo &c) {
  object_init_ex(out, mh_ce_certificate);
  zend_object *obj = Z_OBJ_P(out);
  mh_set_str(obj, "subject", c.subject);
  mh_set_str(obj, "issuer", c.issuer);
  mh_set_str(obj, "issuedTo", c.issuedTo);
  mh_set_str(obj, "issuedBy", c.issuedBy);
  mh_set_date(obj, "validFrom", c.validFrom);
  mh_set_date(obj, "validTo", c.validTo);
  mh_set_str(obj, "serialNumber", c.serialNumber);
  mh_set_str(obj, "fingerprintSha1", c.fingerprintSha1);
  mh_set_str(obj, "fingerprintSha256", c.fingerprintSha256);
  mh_set_str_array(obj, "altNames", c.altNames);
  mh_set_str(obj, "emailAddress", c.emailAddress);
  mh_set_long(obj, "version", c.version);
  mh_set_str(obj, "publicKeyAlgorithm", c.publicKeyAlgorithm);
  mh_set_long(obj, "publicKeyBits", c.publicKeyBits);
  mh_set_bool(obj, "isSelfSigned", c.isSelfSigned);
  mh_set_str(obj, "pem", c.pem);
  mh_set_str_array(obj, "verifyErrors", c.verifyErrors);
}

void mh_register_certificate() { mh_ce_certificate = register_class_MailHive_Certificate(); }
