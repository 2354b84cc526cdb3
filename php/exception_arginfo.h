/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 48396bf60b5fad263ca27ef8c7259a3ea24273e4 */




static const zend_function_entry class_MailHive_Exception_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_MailHive_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "Exception", class_MailHive_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	zval property_errCode_default_value;
	ZVAL_LONG(&property_errCode_default_value, 0);
	zend_string *property_errCode_name = zend_string_init("errCode", sizeof("errCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_errCode_name, &property_errCode_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_errCode_name);

	zval property_sslError_default_value;
	ZVAL_LONG(&property_sslError_default_value, 0);
	zend_string *property_sslError_name = zend_string_init("sslError", sizeof("sslError") - 1, 1);
	zend_declare_typed_property(class_entry, property_sslError_name, &property_sslError_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_sslError_name);

	zval property_serverResponse_default_value;
	ZVAL_EMPTY_STRING(&property_serverResponse_default_value);
	zend_string *property_serverResponse_name = zend_string_init("serverResponse", sizeof("serverResponse") - 1, 1);
	zend_declare_typed_property(class_entry, property_serverResponse_name, &property_serverResponse_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_serverResponse_name);

	return class_entry;
}
