/* mailhive PHP extension: the one place where engine errors become PHP errors.
 * ArgumentError -> ValueError, thrown whatever throwExceptions says;
 * MailError     -> MailHive\Exception (code = errCode, message = errDesc, plus errCode/sslError/serverResponse);
 * anything else -> Error (an engine bug; never a C++ exception across Zend). */
#include "php_mailhive.h"

#include <new>

extern "C" {
#include "ext/spl/spl_exceptions.h"
}

#include "exception_arginfo.h"

zend_class_entry *mh_ce_exception;

void mh_register_exception() { mh_ce_exception = register_class_MailHive_Exception(spl_ce_RuntimeException); }

void mh_throw_mail(int errCode, const std::string &errDesc, int sslError, const std::string &serverResponse) {
  std::string desc = errDesc.empty() ? std::string(mailhive::errCodeText(errCode)) : errDesc;
  zend_object *ex = zend_throw_exception(mh_ce_exception, desc.c_str(), errCode);
  if (!ex) return;
  zend_update_property_long(mh_ce_exception, ex, "errCode", sizeof("errCode") - 1, errCode);
  zend_update_property_long(mh_ce_exception, ex, "sslError", sizeof("sslError") - 1, sslError);
  zend_update_property_stringl(mh_ce_exception, ex, "serverResponse", sizeof("serverResponse") - 1,
                               serverResponse.data(), serverResponse.size());
}

/* Zend has already checked every PHP type (arginfo, typed properties) before the engine sees a value,
 * so whatever the engine rejects is a bad value: always ValueError, whatever e.range says. */
void mh_throw_argument(const mailhive::ArgumentError &e) { zend_value_error("%s", e.what()); }

bool mh_guard(const std::function<void()> &fn) {
  try {
    fn();
    return !EG(exception);
  } catch (const mailhive::ArgumentError &e) {
    mh_throw_argument(e);
  } catch (const mailhive::MailError &e) {
    mh_throw_mail(e.errCode, e.what(), e.sslError, e.serverResponse);
  } catch (const std::bad_alloc &) {
    zend_throw_error(NULL, "mailhive: out of memory");
  } catch (const std::exception &e) {
    zend_throw_error(NULL, "mailhive: internal error: %s", e.what());
  } catch (...) {
    zend_throw_error(NULL, "mailhive: internal error");
  }
  return false;
}
