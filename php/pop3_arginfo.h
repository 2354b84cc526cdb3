/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 3d728d990271636a7f5bc1e33e3771f30abdd1d3 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_MailHive_POP3___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_POP3_connect, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_POP3_disconnect arginfo_class_MailHive_POP3_connect

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_POP3_abort, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_MailHive_POP3_getMessageSize, 0, 1, MAY_BE_LONG|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, index, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_MailHive_POP3_getMessageUID, 0, 1, MAY_BE_STRING|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, index, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_MailHive_POP3_search, 0, 0, MAY_BE_ARRAY|MAY_BE_FALSE)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_MailHive_POP3_retrieveSingleMessage, 0, 1, MailHive\\Message, 1)
	ZEND_ARG_TYPE_INFO(0, index, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_MailHive_POP3_retrieveSingleMessageHeaders, 0, 1, MailHive\\Message, 1)
	ZEND_ARG_TYPE_INFO(0, index, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, bodyLines, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_POP3_deleteMessage, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, index, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_POP3_undeleteAll arginfo_class_MailHive_POP3_connect


ZEND_METHOD(MailHive_POP3, __construct);
ZEND_METHOD(MailHive_POP3, connect);
ZEND_METHOD(MailHive_POP3, disconnect);
ZEND_METHOD(MailHive_POP3, abort);
ZEND_METHOD(MailHive_POP3, getMessageSize);
ZEND_METHOD(MailHive_POP3, getMessageUID);
ZEND_METHOD(MailHive_POP3, search);
ZEND_METHOD(MailHive_POP3, retrieveSingleMessage);
ZEND_METHOD(MailHive_POP3, retrieveSingleMessageHeaders);
ZEND_METHOD(MailHive_POP3, deleteMessage);
ZEND_METHOD(MailHive_POP3, undeleteAll);


static const zend_function_entry class_MailHive_POP3_methods[] = {
	ZEND_ME(MailHive_POP3, __construct, arginfo_class_MailHive_POP3___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, connect, arginfo_class_MailHive_POP3_connect, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, disconnect, arginfo_class_MailHive_POP3_disconnect, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, abort, arginfo_class_MailHive_POP3_abort, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, getMessageSize, arginfo_class_MailHive_POP3_getMessageSize, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, getMessageUID, arginfo_class_MailHive_POP3_getMessageUID, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, search, arginfo_class_MailHive_POP3_search, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, retrieveSingleMessage, arginfo_class_MailHive_POP3_retrieveSingleMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, retrieveSingleMessageHeaders, arginfo_class_MailHive_POP3_retrieveSingleMessageHeaders, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, deleteMessage, arginfo_class_MailHive_POP3_deleteMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_POP3, undeleteAll, arginfo_class_MailHive_POP3_undeleteAll, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_MailHive_POP3(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "POP3", class_MailHive_POP3_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_AUTH_AUTO_value;
	ZVAL_LONG(&const_AUTH_AUTO_value, 1);
	zend_string *const_AUTH_AUTO_name = zend_string_init_interned("AUTH_AUTO", sizeof("AUTH_AUTO") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_AUTO_name, &const_AUTH_AUTO_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_AUTO_name);

	zval const_AUTH_USER_value;
	ZVAL_LONG(&const_AUTH_USER_value, 2);
	zend_string *const_AUTH_USER_name = zend_string_init_interned("AUTH_USER", sizeof("AUTH_USER") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_USER_name, &const_AUTH_USER_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_USER_name);

	zval const_AUTH_APOP_value;
	ZVAL_LONG(&const_AUTH_APOP_value, 3);
	zend_string *const_AUTH_APOP_name = zend_string_init_interned("AUTH_APOP", sizeof("AUTH_APOP") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_APOP_name, &const_AUTH_APOP_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_APOP_name);

	zval const_AUTH_SASL_PLAIN_value;
	ZVAL_LONG(&const_AUTH_SASL_PLAIN_value, 4);
	zend_string *const_AUTH_SASL_PLAIN_name = zend_string_init_interned("AUTH_SASL_PLAIN", sizeof("AUTH_SASL_PLAIN") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_SASL_PLAIN_name, &const_AUTH_SASL_PLAIN_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_SASL_PLAIN_name);

	zval property_serverName_default_value;
	ZVAL_EMPTY_STRING(&property_serverName_default_value);
	zend_string *property_serverName_name = zend_string_init("serverName", sizeof("serverName") - 1, 1);
	zend_declare_typed_property(class_entry, property_serverName_name, &property_serverName_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_serverName_name);

	zval property_portNumber_default_value;
	ZVAL_LONG(&property_portNumber_default_value, 110);
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

	zval property_capabilities_default_value;
	ZVAL_UNDEF(&property_capabilities_default_value);
	zend_string *property_capabilities_name = zend_string_init("capabilities", sizeof("capabilities") - 1, 1);
	zend_declare_typed_property(class_entry, property_capabilities_name, &property_capabilities_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_capabilities_name);

	zval property_messageCount_default_value;
	ZVAL_UNDEF(&property_messageCount_default_value);
	zend_string *property_messageCount_name = zend_string_init("messageCount", sizeof("messageCount") - 1, 1);
	zend_declare_typed_property(class_entry, property_messageCount_name, &property_messageCount_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_messageCount_name);

	zval property_totalSize_default_value;
	ZVAL_UNDEF(&property_totalSize_default_value);
	zend_string *property_totalSize_name = zend_string_init("totalSize", sizeof("totalSize") - 1, 1);
	zend_declare_typed_property(class_entry, property_totalSize_name, &property_totalSize_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_totalSize_name);

	zend_string *property_ssl_class_MailHive_SSL = zend_string_init("MailHive\\SSL", sizeof("MailHive\\SSL")-1, 1);
	zval property_ssl_default_value;
	ZVAL_UNDEF(&property_ssl_default_value);
	zend_string *property_ssl_name = zend_string_init("ssl", sizeof("ssl") - 1, 1);
	zend_declare_typed_property(class_entry, property_ssl_name, &property_ssl_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_ssl_class_MailHive_SSL, 0, 0));
	zend_string_release(property_ssl_name);

	return class_entry;
}
