/* mailhive PHP extension: module entry. One .stub.php + generated _arginfo.h + .cc per class. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_mailhive.h"

#include <gnutls/gnutls.h>

extern "C" {
#include "ext/standard/info.h"
}

static PHP_MINIT_FUNCTION(mailhive) {
  mh_register_exception();
  mh_register_certificate();
  mh_register_ssl();
  mh_register_message();
  mh_register_smtp();
  mh_register_pop3();
  mh_register_imap();
  return SUCCESS;
}

static PHP_MINFO_FUNCTION(mailhive) {
  php_info_print_table_start();
  php_info_print_table_header(2, "mailhive support", "enabled");
  php_info_print_table_row(2, "Version", PHP_MAILHIVE_VERSION);
  php_info_print_table_row(2, "GnuTLS", gnutls_check_version(nullptr));
  php_info_print_table_end();
}

static const zend_module_dep mailhive_deps[] = {
    ZEND_MOD_REQUIRED("date") ZEND_MOD_REQUIRED("spl") ZEND_MOD_END};

zend_module_entry mailhive_module_entry = {
    STANDARD_MODULE_HEADER_EX, NULL, mailhive_deps, "mailhive", NULL, PHP_MINIT(mailhive), NULL, NULL, NULL,
    PHP_MINFO(mailhive), PHP_MAILHIVE_VERSION, STANDARD_MODULE_PROPERTIES};

#ifdef COMPILE_DL_MAILHIVE
extern "C" {
ZEND_GET_MODULE(mailhive)
}
#endif
