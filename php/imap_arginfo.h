/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: ef920feb81b7bbef654e88778fd3c4712f7002d3 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_MailHive_IMAP4___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_connect, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_IMAP4_disconnect arginfo_class_MailHive_IMAP4_connect

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_abort, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_MailHive_IMAP4_retrieveMailboxes, 0, 0, MAY_BE_ARRAY|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, root, IS_STRING, 0, "\"\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, subscribedOnly, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_selectMailbox, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_IMAP4_examineMailbox arginfo_class_MailHive_IMAP4_selectMailbox

#define arginfo_class_MailHive_IMAP4_createMailbox arginfo_class_MailHive_IMAP4_selectMailbox

#define arginfo_class_MailHive_IMAP4_deleteMailbox arginfo_class_MailHive_IMAP4_selectMailbox

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_renameMailbox, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, oldName, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, newName, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_MailHive_IMAP4_retrieveEnvelopes, 0, 1, MAY_BE_ARRAY|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO(0, first, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, last, IS_LONG, 0, "-1")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, asUid, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_MailHive_IMAP4_retrieveSingleMessage, 0, 1, MailHive\\Message, 1)
	ZEND_ARG_TYPE_INFO(0, id, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, asUid, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_IMAP4_retrieveSingleMessageHeaders arginfo_class_MailHive_IMAP4_retrieveSingleMessage

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_MailHive_IMAP4_search, 0, 0, MAY_BE_ARRAY|MAY_BE_FALSE)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, criteria, IS_STRING, 0, "\"ALL\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, asUid, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_setFlags, 0, 3, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, set, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, flags, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, mode, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, asUid, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_copyMessages, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, set, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, mailbox, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, asUid, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_IMAP4_moveMessages arginfo_class_MailHive_IMAP4_copyMessages

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_deleteMessages, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, set, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, asUid, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_IMAP4_expunge arginfo_class_MailHive_IMAP4_connect

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_appendMessage, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, mailbox, IS_STRING, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, message, MailHive\\Message, MAY_BE_STRING, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, flags, IS_STRING, 0, "\"\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_IMAP4_idle, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, seconds, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_Envelope___construct arginfo_class_MailHive_IMAP4___construct

#define arginfo_class_MailHive_Mailbox___construct arginfo_class_MailHive_IMAP4___construct


ZEND_METHOD(MailHive_IMAP4, __construct);
ZEND_METHOD(MailHive_IMAP4, connect);
ZEND_METHOD(MailHive_IMAP4, disconnect);
ZEND_METHOD(MailHive_IMAP4, abort);
ZEND_METHOD(MailHive_IMAP4, retrieveMailboxes);
ZEND_METHOD(MailHive_IMAP4, selectMailbox);
ZEND_METHOD(MailHive_IMAP4, examineMailbox);
ZEND_METHOD(MailHive_IMAP4, createMailbox);
ZEND_METHOD(MailHive_IMAP4, deleteMailbox);
ZEND_METHOD(MailHive_IMAP4, renameMailbox);
ZEND_METHOD(MailHive_IMAP4, retrieveEnvelopes);
ZEND_METHOD(MailHive_IMAP4, retrieveSingleMessage);
ZEND_METHOD(MailHive_IMAP4, retrieveSingleMessageHeaders);
ZEND_METHOD(MailHive_IMAP4, search);
ZEND_METHOD(MailHive_IMAP4, setFlags);
ZEND_METHOD(MailHive_IMAP4, copyMessages);
ZEND_METHOD(MailHive_IMAP4, moveMessages);
ZEND_METHOD(MailHive_IMAP4, deleteMessages);
ZEND_METHOD(MailHive_IMAP4, expunge);
ZEND_METHOD(MailHive_IMAP4, appendMessage);
ZEND_METHOD(MailHive_IMAP4, idle);
ZEND_METHOD(MailHive_Envelope, __construct);
ZEND_METHOD(MailHive_Mailbox, __construct);


static const zend_function_entry class_MailHive_IMAP4_methods[] = {
	ZEND_ME(MailHive_IMAP4, __construct, arginfo_class_MailHive_IMAP4___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, connect, arginfo_class_MailHive_IMAP4_connect, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, disconnect, arginfo_class_MailHive_IMAP4_disconnect, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, abort, arginfo_class_MailHive_IMAP4_abort, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, retrieveMailboxes, arginfo_class_MailHive_IMAP4_retrieveMailboxes, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, selectMailbox, arginfo_class_MailHive_IMAP4_selectMailbox, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, examineMailbox, arginfo_class_MailHive_IMAP4_examineMailbox, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, createMailbox, arginfo_class_MailHive_IMAP4_createMailbox, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, deleteMailbox, arginfo_class_MailHive_IMAP4_deleteMailbox, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, renameMailbox, arginfo_class_MailHive_IMAP4_renameMailbox, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, retrieveEnvelopes, arginfo_class_MailHive_IMAP4_retrieveEnvelopes, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, retrieveSingleMessage, arginfo_class_MailHive_IMAP4_retrieveSingleMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, retrieveSingleMessageHeaders, arginfo_class_MailHive_IMAP4_retrieveSingleMessageHeaders, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, search, arginfo_class_MailHive_IMAP4_search, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, setFlags, arginfo_class_MailHive_IMAP4_setFlags, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, copyMessages, arginfo_class_MailHive_IMAP4_copyMessages, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, moveMessages, arginfo_class_MailHive_IMAP4_moveMessages, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, deleteMessages, arginfo_class_MailHive_IMAP4_deleteMessages, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, expunge, arginfo_class_MailHive_IMAP4_expunge, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, appendMessage, arginfo_class_MailHive_IMAP4_appendMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_IMAP4, idle, arginfo_class_MailHive_IMAP4_idle, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_MailHive_Envelope_methods[] = {
	ZEND_ME(MailHive_Envelope, __construct, arginfo_class_MailHive_Envelope___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_MailHive_Mailbox_methods[] = {
	ZEND_ME(MailHive_Mailbox, __construct, arginfo_class_MailHive_Mailbox___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};

static zend_class_entry *register_class_MailHive_IMAP4(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "IMAP4", class_MailHive_IMAP4_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

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

	zval const_AUTH_XOAUTH2_value;
	ZVAL_LONG(&const_AUTH_XOAUTH2_value, 5);
	zend_string *const_AUTH_XOAUTH2_name = zend_string_init_interned("AUTH_XOAUTH2", sizeof("AUTH_XOAUTH2") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_AUTH_XOAUTH2_name, &const_AUTH_XOAUTH2_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_AUTH_XOAUTH2_name);

	zval const_FLAGS_ADD_value;
	ZVAL_LONG(&const_FLAGS_ADD_value, 1);
	zend_string *const_FLAGS_ADD_name = zend_string_init_interned("FLAGS_ADD", sizeof("FLAGS_ADD") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FLAGS_ADD_name, &const_FLAGS_ADD_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FLAGS_ADD_name);

	zval const_FLAGS_REMOVE_value;
	ZVAL_LONG(&const_FLAGS_REMOVE_value, 2);
	zend_string *const_FLAGS_REMOVE_name = zend_string_init_interned("FLAGS_REMOVE", sizeof("FLAGS_REMOVE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FLAGS_REMOVE_name, &const_FLAGS_REMOVE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FLAGS_REMOVE_name);

	zval const_FLAGS_REPLACE_value;
	ZVAL_LONG(&const_FLAGS_REPLACE_value, 3);
	zend_string *const_FLAGS_REPLACE_name = zend_string_init_interned("FLAGS_REPLACE", sizeof("FLAGS_REPLACE") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FLAGS_REPLACE_name, &const_FLAGS_REPLACE_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FLAGS_REPLACE_name);

	zval property_serverName_default_value;
	ZVAL_EMPTY_STRING(&property_serverName_default_value);
	zend_string *property_serverName_name = zend_string_init("serverName", sizeof("serverName") - 1, 1);
	zend_declare_typed_property(class_entry, property_serverName_name, &property_serverName_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_serverName_name);

	zval property_portNumber_default_value;
	ZVAL_LONG(&property_portNumber_default_value, 143);
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

	zval property_messageSet_default_value;
	ZVAL_EMPTY_STRING(&property_messageSet_default_value);
	zend_string *property_messageSet_name = zend_string_init("messageSet", sizeof("messageSet") - 1, 1);
	zend_declare_typed_property(class_entry, property_messageSet_name, &property_messageSet_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_messageSet_name);

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

	zval property_recentCount_default_value;
	ZVAL_UNDEF(&property_recentCount_default_value);
	zend_string *property_recentCount_name = zend_string_init("recentCount", sizeof("recentCount") - 1, 1);
	zend_declare_typed_property(class_entry, property_recentCount_name, &property_recentCount_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_recentCount_name);

	zval property_uidValidity_default_value;
	ZVAL_UNDEF(&property_uidValidity_default_value);
	zend_string *property_uidValidity_name = zend_string_init("uidValidity", sizeof("uidValidity") - 1, 1);
	zend_declare_typed_property(class_entry, property_uidValidity_name, &property_uidValidity_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_uidValidity_name);

	zval property_uidNext_default_value;
	ZVAL_UNDEF(&property_uidNext_default_value);
	zend_string *property_uidNext_name = zend_string_init("uidNext", sizeof("uidNext") - 1, 1);
	zend_declare_typed_property(class_entry, property_uidNext_name, &property_uidNext_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_uidNext_name);

	zend_string *property_ssl_class_MailHive_SSL = zend_string_init("MailHive\\SSL", sizeof("MailHive\\SSL")-1, 1);
	zval property_ssl_default_value;
	ZVAL_UNDEF(&property_ssl_default_value);
	zend_string *property_ssl_name = zend_string_init("ssl", sizeof("ssl") - 1, 1);
	zend_declare_typed_property(class_entry, property_ssl_name, &property_ssl_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_ssl_class_MailHive_SSL, 0, 0));
	zend_string_release(property_ssl_name);

	return class_entry;
}

static zend_class_entry *register_class_MailHive_Envelope(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "Envelope", class_MailHive_Envelope_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_messageNumber_default_value;
	ZVAL_UNDEF(&property_messageNumber_default_value);
	zend_string *property_messageNumber_name = zend_string_init("messageNumber", sizeof("messageNumber") - 1, 1);
	zend_declare_typed_property(class_entry, property_messageNumber_name, &property_messageNumber_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_messageNumber_name);

	zval property_uid_default_value;
	ZVAL_UNDEF(&property_uid_default_value);
	zend_string *property_uid_name = zend_string_init("uid", sizeof("uid") - 1, 1);
	zend_declare_typed_property(class_entry, property_uid_name, &property_uid_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_uid_name);

	zval property_size_default_value;
	ZVAL_UNDEF(&property_size_default_value);
	zend_string *property_size_name = zend_string_init("size", sizeof("size") - 1, 1);
	zend_declare_typed_property(class_entry, property_size_name, &property_size_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_size_name);

	zval property_flags_default_value;
	ZVAL_UNDEF(&property_flags_default_value);
	zend_string *property_flags_name = zend_string_init("flags", sizeof("flags") - 1, 1);
	zend_declare_typed_property(class_entry, property_flags_name, &property_flags_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_flags_name);

	zval property_date_default_value;
	ZVAL_UNDEF(&property_date_default_value);
	zend_string *property_date_name = zend_string_init("date", sizeof("date") - 1, 1);
	zend_declare_typed_property(class_entry, property_date_name, &property_date_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_date_name);

	zval property_subject_default_value;
	ZVAL_UNDEF(&property_subject_default_value);
	zend_string *property_subject_name = zend_string_init("subject", sizeof("subject") - 1, 1);
	zend_declare_typed_property(class_entry, property_subject_name, &property_subject_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_subject_name);

	zval property_fromAddr_default_value;
	ZVAL_UNDEF(&property_fromAddr_default_value);
	zend_string *property_fromAddr_name = zend_string_init("fromAddr", sizeof("fromAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_fromAddr_name, &property_fromAddr_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_fromAddr_name);

	zval property_toAddr_default_value;
	ZVAL_UNDEF(&property_toAddr_default_value);
	zend_string *property_toAddr_name = zend_string_init("toAddr", sizeof("toAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_toAddr_name, &property_toAddr_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_toAddr_name);

	zval property_ccAddr_default_value;
	ZVAL_UNDEF(&property_ccAddr_default_value);
	zend_string *property_ccAddr_name = zend_string_init("ccAddr", sizeof("ccAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_ccAddr_name, &property_ccAddr_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_ccAddr_name);

	zval property_replyToAddr_default_value;
	ZVAL_UNDEF(&property_replyToAddr_default_value);
	zend_string *property_replyToAddr_name = zend_string_init("replyToAddr", sizeof("replyToAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_replyToAddr_name, &property_replyToAddr_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_replyToAddr_name);

	zval property_messageId_default_value;
	ZVAL_UNDEF(&property_messageId_default_value);
	zend_string *property_messageId_name = zend_string_init("messageId", sizeof("messageId") - 1, 1);
	zend_declare_typed_property(class_entry, property_messageId_name, &property_messageId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_messageId_name);

	return class_entry;
}

static zend_class_entry *register_class_MailHive_Mailbox(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "Mailbox", class_MailHive_Mailbox_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_name_default_value;
	ZVAL_UNDEF(&property_name_default_value);
	zend_string *property_name_name = zend_string_init("name", sizeof("name") - 1, 1);
	zend_declare_typed_property(class_entry, property_name_name, &property_name_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_name_name);

	zval property_delimiter_default_value;
	ZVAL_UNDEF(&property_delimiter_default_value);
	zend_string *property_delimiter_name = zend_string_init("delimiter", sizeof("delimiter") - 1, 1);
	zend_declare_typed_property(class_entry, property_delimiter_name, &property_delimiter_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_delimiter_name);

	zval property_flags_default_value;
	ZVAL_UNDEF(&property_flags_default_value);
	zend_string *property_flags_name = zend_string_init("flags", sizeof("flags") - 1, 1);
	zend_declare_typed_property(class_entry, property_flags_name, &property_flags_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_flags_name);

	return class_entry;
}
