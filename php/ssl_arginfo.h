/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: dde824c8d481f6dd4df4316af8697b71b6240910 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_MailHive_SSL___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_SSL_selectServerCertStore, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, storeType, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_SSL_selectClientCert, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, password, IS_STRING, 0, "\"\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, keyPath, IS_STRING, 0, "\"\"")
ZEND_END_ARG_INFO()


ZEND_METHOD(MailHive_SSL, __construct);
ZEND_METHOD(MailHive_SSL, selectServerCertStore);
ZEND_METHOD(MailHive_SSL, selectClientCert);


static const zend_function_entry class_MailHive_SSL_methods[] = {
	ZEND_ME(MailHive_SSL, __construct, arginfo_class_MailHive_SSL___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(MailHive_SSL, selectServerCertStore, arginfo_class_MailHive_SSL_selectServerCertStore, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_SSL, selectClientCert, arginfo_class_MailHive_SSL_selectClientCert, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_MailHive_SSL(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "SSL", class_MailHive_SSL_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_PROTOCOL_AUTO_value;
	ZVAL_LONG(&const_PROTOCOL_AUTO_value, 0);
	zend_string *const_PROTOCOL_AUTO_name = zend_string_init_interned("PROTOCOL_AUTO", sizeof("PROTOCOL_AUTO") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PROTOCOL_AUTO_name, &const_PROTOCOL_AUTO_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PROTOCOL_AUTO_name);

	zval const_PROTOCOL_TLS10_value;
	ZVAL_LONG(&const_PROTOCOL_TLS10_value, 1);
	zend_string *const_PROTOCOL_TLS10_name = zend_string_init_interned("PROTOCOL_TLS10", sizeof("PROTOCOL_TLS10") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PROTOCOL_TLS10_name, &const_PROTOCOL_TLS10_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PROTOCOL_TLS10_name);

	zval const_PROTOCOL_TLS11_value;
	ZVAL_LONG(&const_PROTOCOL_TLS11_value, 2);
	zend_string *const_PROTOCOL_TLS11_name = zend_string_init_interned("PROTOCOL_TLS11", sizeof("PROTOCOL_TLS11") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PROTOCOL_TLS11_name, &const_PROTOCOL_TLS11_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PROTOCOL_TLS11_name);

	zval const_PROTOCOL_TLS12_value;
	ZVAL_LONG(&const_PROTOCOL_TLS12_value, 3);
	zend_string *const_PROTOCOL_TLS12_name = zend_string_init_interned("PROTOCOL_TLS12", sizeof("PROTOCOL_TLS12") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PROTOCOL_TLS12_name, &const_PROTOCOL_TLS12_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PROTOCOL_TLS12_name);

	zval const_PROTOCOL_TLS13_value;
	ZVAL_LONG(&const_PROTOCOL_TLS13_value, 4);
	zend_string *const_PROTOCOL_TLS13_name = zend_string_init_interned("PROTOCOL_TLS13", sizeof("PROTOCOL_TLS13") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_PROTOCOL_TLS13_name, &const_PROTOCOL_TLS13_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_PROTOCOL_TLS13_name);

	zval property_enabled_default_value;
	ZVAL_FALSE(&property_enabled_default_value);
	zend_string *property_enabled_name = zend_string_init("enabled", sizeof("enabled") - 1, 1);
	zend_declare_typed_property(class_entry, property_enabled_name, &property_enabled_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_enabled_name);

	zval property_useStartTls_default_value;
	ZVAL_FALSE(&property_useStartTls_default_value);
	zend_string *property_useStartTls_name = zend_string_init("useStartTls", sizeof("useStartTls") - 1, 1);
	zend_declare_typed_property(class_entry, property_useStartTls_name, &property_useStartTls_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_useStartTls_name);

	zval property_autosetPortAndSsl_default_value;
	ZVAL_TRUE(&property_autosetPortAndSsl_default_value);
	zend_string *property_autosetPortAndSsl_name = zend_string_init("autosetPortAndSsl", sizeof("autosetPortAndSsl") - 1, 1);
	zend_declare_typed_property(class_entry, property_autosetPortAndSsl_name, &property_autosetPortAndSsl_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_autosetPortAndSsl_name);

	zval property_protocol_default_value;
	ZVAL_LONG(&property_protocol_default_value, 0);
	zend_string *property_protocol_name = zend_string_init("protocol", sizeof("protocol") - 1, 1);
	zend_declare_typed_property(class_entry, property_protocol_name, &property_protocol_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_protocol_name);

	zval property_verifyServerCert_default_value;
	ZVAL_TRUE(&property_verifyServerCert_default_value);
	zend_string *property_verifyServerCert_name = zend_string_init("verifyServerCert", sizeof("verifyServerCert") - 1, 1);
	zend_declare_typed_property(class_entry, property_verifyServerCert_name, &property_verifyServerCert_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_verifyServerCert_name);

	zval property_expectedHostName_default_value;
	ZVAL_EMPTY_STRING(&property_expectedHostName_default_value);
	zend_string *property_expectedHostName_name = zend_string_init("expectedHostName", sizeof("expectedHostName") - 1, 1);
	zend_declare_typed_property(class_entry, property_expectedHostName_name, &property_expectedHostName_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_expectedHostName_name);

	zval property_pinSha256_default_value;
	ZVAL_EMPTY_STRING(&property_pinSha256_default_value);
	zend_string *property_pinSha256_name = zend_string_init("pinSha256", sizeof("pinSha256") - 1, 1);
	zend_declare_typed_property(class_entry, property_pinSha256_name, &property_pinSha256_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_pinSha256_name);

	zval property_sslError_default_value;
	ZVAL_UNDEF(&property_sslError_default_value);
	zend_string *property_sslError_name = zend_string_init("sslError", sizeof("sslError") - 1, 1);
	zend_declare_typed_property(class_entry, property_sslError_name, &property_sslError_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_sslError_name);

	zval property_sslSpecificError_default_value;
	ZVAL_UNDEF(&property_sslSpecificError_default_value);
	zend_string *property_sslSpecificError_name = zend_string_init("sslSpecificError", sizeof("sslSpecificError") - 1, 1);
	zend_declare_typed_property(class_entry, property_sslSpecificError_name, &property_sslSpecificError_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_sslSpecificError_name);

	zval property_negotiatedProtocol_default_value;
	ZVAL_UNDEF(&property_negotiatedProtocol_default_value);
	zend_string *property_negotiatedProtocol_name = zend_string_init("negotiatedProtocol", sizeof("negotiatedProtocol") - 1, 1);
	zend_declare_typed_property(class_entry, property_negotiatedProtocol_name, &property_negotiatedProtocol_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_negotiatedProtocol_name);

	zval property_cipherSuite_default_value;
	ZVAL_UNDEF(&property_cipherSuite_default_value);
	zend_string *property_cipherSuite_name = zend_string_init("cipherSuite", sizeof("cipherSuite") - 1, 1);
	zend_declare_typed_property(class_entry, property_cipherSuite_name, &property_cipherSuite_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_cipherSuite_name);

	zend_string *property_serverCert_class_MailHive_Certificate = zend_string_init("MailHive\\Certificate", sizeof("MailHive\\Certificate")-1, 1);
	zval property_serverCert_default_value;
	ZVAL_UNDEF(&property_serverCert_default_value);
	zend_string *property_serverCert_name = zend_string_init("serverCert", sizeof("serverCert") - 1, 1);
	zend_declare_typed_property(class_entry, property_serverCert_name, &property_serverCert_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_serverCert_class_MailHive_Certificate, 0, MAY_BE_NULL));
	zend_string_release(property_serverCert_name);

	zend_string *property_clientCert_class_MailHive_Certificate = zend_string_init("MailHive\\Certificate", sizeof("MailHive\\Certificate")-1, 1);
	zval property_clientCert_default_value;
	ZVAL_UNDEF(&property_clientCert_default_value);
	zend_string *property_clientCert_name = zend_string_init("clientCert", sizeof("clientCert") - 1, 1);
	zend_declare_typed_property(class_entry, property_clientCert_name, &property_clientCert_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_clientCert_class_MailHive_Certificate, 0, MAY_BE_NULL));
	zend_string_release(property_clientCert_name);

	return class_entry;
}
