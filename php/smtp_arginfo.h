/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 57b53163afb62ebd86e1105ef9077173500b4c88 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_MailHive_SMTP___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_SMTP_connect, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_SMTP_send arginfo_class_MailHive_SMTP_connect

#define arginfo_class_MailHive_SMTP_disconnect arginfo_class_MailHive_SMTP_connect

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_SMTP_abort, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(MailHive_SMTP, __construct);
ZEND_METHOD(MailHive_SMTP, connect);
ZEND_METHOD(MailHive_SMTP, send);
ZEND_METHOD(MailHive_SMTP, disconnect);
ZEND_METHOD(MailHive_SMTP, abort);


static const zend_function_entry class_MailHive_SMTP_methods[] = {
	ZEND_ME(MailHive_SMTP, __construct, arginfo_class_MailHive_SMTP___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_SMTP, connect, arginfo_class_MailHive_SMTP_connect, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_SMTP, send, arginfo_class_MailHive_SMTP_send, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_SMTP, disconnect, arginfo_class_MailHive_SMTP_disconnect, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_SMTP, abort, arginfo_class_MailHive_SMTP_abort, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_MailHive_SMTP(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "SMTP", class_MailHive_SMTP_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_AUTH_NONE_value;
	ZVAL_LONG(&const_AUTH_NONE_value, 0);
	zend_string *const_AUTH_NONE_name = zend_string_init_interned("AUTH_NONE", sizeof("AUTH_NONE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_NONE_name, &const_AUTH_NONE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_NONE_name);

	zval const_AUTH_AUTO_value;
	ZVAL_LONG(&const_AUTH_AUTO_value, 1);
	zend_string *const_AUTH_AUTO_name = zend_string_init_interned("AUTH_AUTO", sizeof("AUTH_AUTO") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_AUTO_name, &const_AUTH_AUTO_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_AUTO_name);

	zval const_AUTH_LOGIN_value;
	ZVAL_LONG(&const_AUTH_LOGIN_value, 2);
	zend_string *const_AUTH_LOGIN_name = zend_string_init_interned("AUTH_LOGIN", sizeof("AUTH_LOGIN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_LOGIN_name, &const_AUTH_LOGIN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_LOGIN_name);

	zval const_AUTH_PLAIN_value;
	ZVAL_LONG(&const_AUTH_PLAIN_value, 3);
	zend_string *const_AUTH_PLAIN_name = zend_string_init_interned("AUTH_PLAIN", sizeof("AUTH_PLAIN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_PLAIN_name, &const_AUTH_PLAIN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_PLAIN_name);

	zval const_AUTH_CRAM_MD5_value;
	ZVAL_LONG(&const_AUTH_CRAM_MD5_value, 4);
	zend_string *const_AUTH_CRAM_MD5_name = zend_string_init_interned("AUTH_CRAM_MD5", sizeof("AUTH_CRAM_MD5") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_CRAM_MD5_name, &const_AUTH_CRAM_MD5_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_CRAM_MD5_name);

	zval const_AUTH_XOAUTH2_value;
	ZVAL_LONG(&const_AUTH_XOAUTH2_value, 5);
	zend_string *const_AUTH_XOAUTH2_name = zend_string_init_interned("AUTH_XOAUTH2", sizeof("AUTH_XOAUTH2") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_XOAUTH2_name, &const_AUTH_XOAUTH2_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_XOAUTH2_name);

	zval property_serverName_default_value;
	ZVAL_EMPTY_STRING(&property_serverName_default_value);
	zend_string *property_serverName_name = zend_string_init("serverName", sizeof("serverName") - 1, 1);
	zend_declare_typed_property(class_entry, property_serverName_name, &property_serverName_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_serverName_name);

	zval property_portNumber_default_value;
	ZVAL_LONG(&property_portNumber_default_value, 25);
	zend_string *property_portNumber_name = zend_string_init("portNumber", sizeof("portNumber") - 1, 1);
	zend_declare_typed_property(class_entry, property_portNumber_name, &property_portNumber_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_portNumber_name);

	zval property_userName_default_value;
	ZVAL_EMPTY_STRING(&property_userName_default_value);
	zend_string *property_userName_name = zend_string_init("userName", sizeof("userName") - 1, 1);
	zend_declare_typed_property(class_entry, property_userName_name, &property_userName_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_userName_name);

	zval property_password_default_value;
	ZVAL_EMPTY_STRING(&property_password_default_value);
	zend_string *property_password_name = zend_string_init("password", sizeof("password") - 1, 1);
	zend_declare_typed_property(class_entry, property_password_name, &property_password_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_password_name);

	zval property_authMethod_default_value;
	ZVAL_LONG(&property_authMethod_default_value, 1);
	zend_string *property_authMethod_name = zend_string_init("authMethod", sizeof("authMethod") - 1, 1);
	zend_declare_typed_property(class_entry, property_authMethod_name, &property_authMethod_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_authMethod_name);

	zval property_domain_default_value;
	ZVAL_EMPTY_STRING(&property_domain_default_value);
	zend_string *property_domain_name = zend_string_init("domain", sizeof("domain") - 1, 1);
	zend_declare_typed_property(class_entry, property_domain_name, &property_domain_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_domain_name);

	zval property_timeout_default_value;
	ZVAL_LONG(&property_timeout_default_value, 30);
	zend_string *property_timeout_name = zend_string_init("timeout", sizeof("timeout") - 1, 1);
	zend_declare_typed_property(class_entry, property_timeout_name, &property_timeout_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_timeout_name);

	zval property_deadline_default_value;
	ZVAL_LONG(&property_deadline_default_value, 0);
	zend_string *property_deadline_name = zend_string_init("deadline", sizeof("deadline") - 1, 1);
	zend_declare_typed_property(class_entry, property_deadline_name, &property_deadline_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_deadline_name);

	zval property_allowRefusedRecipients_default_value;
	ZVAL_FALSE(&property_allowRefusedRecipients_default_value);
	zend_string *property_allowRefusedRecipients_name = zend_string_init("allowRefusedRecipients", sizeof("allowRefusedRecipients") - 1, 1);
	zend_declare_typed_property(class_entry, property_allowRefusedRecipients_name, &property_allowRefusedRecipients_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_allowRefusedRecipients_name);

	zval property_enableLogging_default_value;
	ZVAL_FALSE(&property_enableLogging_default_value);
	zend_string *property_enableLogging_name = zend_string_init("enableLogging", sizeof("enableLogging") - 1, 1);
	zend_declare_typed_property(class_entry, property_enableLogging_name, &property_enableLogging_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_enableLogging_name);

	zval property_logFilePath_default_value;
	ZVAL_EMPTY_STRING(&property_logFilePath_default_value);
	zend_string *property_logFilePath_name = zend_string_init("logFilePath", sizeof("logFilePath") - 1, 1);
	zend_declare_typed_property(class_entry, property_logFilePath_name, &property_logFilePath_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_logFilePath_name);

	zval property_throwExceptions_default_value;
	ZVAL_FALSE(&property_throwExceptions_default_value);
	zend_string *property_throwExceptions_name = zend_string_init("throwExceptions", sizeof("throwExceptions") - 1, 1);
	zend_declare_typed_property(class_entry, property_throwExceptions_name, &property_throwExceptions_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_throwExceptions_name);

	zval property_licenseKey_default_value;
	ZVAL_EMPTY_STRING(&property_licenseKey_default_value);
	zend_string *property_licenseKey_name = zend_string_init("licenseKey", sizeof("licenseKey") - 1, 1);
	zend_declare_typed_property(class_entry, property_licenseKey_name, &property_licenseKey_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_licenseKey_name);

	zval property_isError_default_value;
	ZVAL_UNDEF(&property_isError_default_value);
	zend_string *property_isError_name = zend_string_init("isError", sizeof("isError") - 1, 1);
	zend_declare_typed_property(class_entry, property_isError_name, &property_isError_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_isError_name);

	zval property_errCode_default_value;
	ZVAL_UNDEF(&property_errCode_default_value);
	zend_string *property_errCode_name = zend_string_init("errCode", sizeof("errCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_errCode_name, &property_errCode_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_errCode_name);

	zval property_errDesc_default_value;
	ZVAL_UNDEF(&property_errDesc_default_value);
	zend_string *property_errDesc_name = zend_string_init("errDesc", sizeof("errDesc") - 1, 1);
	zend_declare_typed_property(class_entry, property_errDesc_name, &property_errDesc_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_errDesc_name);

	zval property_serverResponse_default_value;
	ZVAL_UNDEF(&property_serverResponse_default_value);
	zend_string *property_serverResponse_name = zend_string_init("serverResponse", sizeof("serverResponse") - 1, 1);
	zend_declare_typed_property(class_entry, property_serverResponse_name, &property_serverResponse_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_serverResponse_name);

	zval property_clientRequest_default_value;
	ZVAL_UNDEF(&property_clientRequest_default_value);
	zend_string *property_clientRequest_name = zend_string_init("clientRequest", sizeof("clientRequest") - 1, 1);
	zend_declare_typed_property(class_entry, property_clientRequest_name, &property_clientRequest_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_clientRequest_name);

	zval property_connected_default_value;
	ZVAL_UNDEF(&property_connected_default_value);
	zend_string *property_connected_name = zend_string_init("connected", sizeof("connected") - 1, 1);
	zend_declare_typed_property(class_entry, property_connected_name, &property_connected_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_connected_name);

	zval property_busy_default_value;
	ZVAL_UNDEF(&property_busy_default_value);
	zend_string *property_busy_name = zend_string_init("busy", sizeof("busy") - 1, 1);
	zend_declare_typed_property(class_entry, property_busy_name, &property_busy_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_busy_name);

	zval property_refusedRecipients_default_value;
	ZVAL_UNDEF(&property_refusedRecipients_default_value);
	zend_string *property_refusedRecipients_name = zend_string_init("refusedRecipients", sizeof("refusedRecipients") - 1, 1);
	zend_declare_typed_property(class_entry, property_refusedRecipients_name, &property_refusedRecipients_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_refusedRecipients_name);

	zval property_serverCapabilities_default_value;
	ZVAL_UNDEF(&property_serverCapabilities_default_value);
	zend_string *property_serverCapabilities_name = zend_string_init("serverCapabilities", sizeof("serverCapabilities") - 1, 1);
	zend_declare_typed_property(class_entry, property_serverCapabilities_name, &property_serverCapabilities_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_serverCapabilities_name);

	zend_string *property_ssl_class_MailHive_SSL = zend_string_init("MailHive\\SSL", sizeof("MailHive\\SSL")-1, 1);
	zval property_ssl_default_value;
	ZVAL_UNDEF(&property_ssl_default_value);
	zend_string *property_ssl_name = zend_string_init("ssl", sizeof("ssl") - 1, 1);
	zend_declare_typed_property(class_entry, property_ssl_name, &property_ssl_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_ssl_class_MailHive_SSL, 0, 0));
	zend_string_release(property_ssl_name);

	zend_string *property_message_class_MailHive_Message = zend_string_init("MailHive\\Message", sizeof("MailHive\\Message")-1, 1);
	zval property_message_default_value;
	ZVAL_UNDEF(&property_message_default_value);
	zend_string *property_message_name = zend_string_init("message", sizeof("message") - 1, 1);
	zend_declare_typed_property(class_entry, property_message_name, &property_message_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_message_class_MailHive_Message, 0, 0));
	zend_string_release(property_message_name);

	return class_entry;
}
