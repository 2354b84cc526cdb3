/* mailhive PHP extension: property slots. Result properties are declared readonly for users; the
 * extension writes their slots directly (after every call), which readonly checks never see. */
#include "php_mailhive.h"

static zend_property_info *mh_prop_info(zend_object *obj, const char *name) {
  return (zend_property_info *)zend_hash_str_find_ptr(&obj->ce->properties_info, name, strlen(name));
}

zval *mh_prop(zend_object *obj, const char *name) {
  zend_property_info *info = mh_prop_info(obj, name);
  ZEND_ASSERT(info && !(info->flags & ZEND_ACC_STATIC));
  zval *slot = OBJ_PROP(obj, info->offset);
  ZVAL_DEREF(slot);
  return slot;
}

void mh_set_zval(zend_object *obj, const char *name, zval *v) {
  zend_property_info *info = mh_prop_info(obj, name);
  ZEND_ASSERT(info);
  zval *slot = OBJ_PROP(obj, info->offset);
  if (Z_ISREF_P(slot)) slot = Z_REFVAL_P(slot);
  zval old;
  ZVAL_COPY_VALUE(&old, slot);
  ZVAL_COPY_VALUE(slot, v);
  Z_PROP_FLAG_P(OBJ_PROP(obj, info->offset)) &= ~IS_PROP_UNINIT;
  zval_ptr_dtor(&old);
}

void mh_set_long(zend_object *obj, const char *name, zend_long v) {
  zval z;
  ZVAL_LONG(&z, v);
  mh_set_zval(obj, name, &z);
}

void mh_set_bool(zend_object *obj, const char *name, bool v) {
  zval z;
  ZVAL_BOOL(&z, v);
  mh_set_zval(obj, name, &z);
}

void mh_set_str(zend_object *obj, const char *name, const std::string &v) {
  zval z;
  if (v.empty()) {
    ZVAL_EMPTY_STRING(&z);
  } else {
    ZVAL_STRINGL(&z, v.data(), v.size());
  }
  mh_set_zval(obj, name, &z);
}

void mh_set_str_array(zend_object *obj, const char *name, const std::vector<std::string> &v) {
  zval z;
  array_init_size(&z, (uint32_t)v.size());
  for (const auto &s : v) add_next_index_stringl(&z, s.data(), s.size());
  mh_set_zval(obj, name, &z);
}

std::string mh_get_str(zend_object *obj, const char *name) {
  zval *z = mh_prop(obj, name);
  if (Z_TYPE_P(z) != IS_STRING) return std::string();
  return std::string(Z_STRVAL_P(z), Z_STRLEN_P(z));
}

zend_long mh_get_long(zend_object *obj, const char *name) {
  zval *z = mh_prop(obj, name);
  return Z_TYPE_P(z) == IS_LONG ? Z_LVAL_P(z) : 0;
}

bool mh_get_bool(zend_object *obj, const char *name) { return Z_TYPE_P(mh_prop(obj, name)) == IS_TRUE; }

bool mh_name_in(const zend_string *name, const char *const *list) {
  for (; *list; ++list) {
    if (zend_string_equals_cstr(name, *list, strlen(*list))) return true;
  }
  return false;
}

zval *mh_checked_write(zend_object *obj, zend_string *name, zval *value,
                       const std::function<void(zval *stored)> &check) {
  zend_property_info *info = (zend_property_info *)zend_hash_find_ptr(&obj->ce->properties_info, name);
  if (!info) return zend_std_write_property(obj, name, value, NULL);
  zval *slot = OBJ_PROP(obj, info->offset);
  if (Z_ISREF_P(slot)) slot = Z_REFVAL_P(slot);
  zval old;
  ZVAL_COPY(&old, slot);
  /* NULL cache slot: the VM must never learn this property's offset and skip this handler. */
  zval *res = zend_std_write_property(obj, name, value, NULL);
  if (EG(exception)) {
    zval_ptr_dtor(&old);
    return res;
  }
  bool ok = mh_guard([&] { check(slot); });
  if (!ok) {
    zval bad;
    ZVAL_COPY_VALUE(&bad, slot);
    ZVAL_COPY_VALUE(slot, &old);
    zval_ptr_dtor(&bad);
    return &EG(error_zval);
  }
  zval_ptr_dtor(&old);
  return res;
}

void mh_unset_forbidden(zend_object *obj, zend_string *name, void **cache_slot) {
  if (zend_hash_exists(&obj->ce->properties_info, name)) {
    zend_throw_error(NULL, "Cannot unset %s::$%s", ZSTR_VAL(obj->ce->name), ZSTR_VAL(name));
    return;
  }
  zend_std_unset_property(obj, name, cache_slot);
}

zval *mh_read_copy(zend_object *obj, zend_string *name, int type, zval *rv) {
  zval *v = zend_std_read_property(obj, name, BP_VAR_R, NULL, rv);
  if ((type == BP_VAR_W || type == BP_VAR_RW) && v != rv) {
    ZVAL_COPY_DEREF(rv, v);
    return rv;
  }
  return v;
}
