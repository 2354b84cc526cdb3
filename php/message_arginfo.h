/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: b06ebebb456c2847a4f1cc6bb8132ba39d5bb12e */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_MailHive_Message___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_Message_addAttachment, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, name, IS_STRING, 0, "\"\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, contentId, IS_STRING, 0, "\"\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, contentType, IS_STRING, 0, "\"\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_Message_addAttachmentData, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, contentType, IS_STRING, 0, "\"\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_Message_getHeader, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_Message_setHeader, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, value, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_Message_saveMessage, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_Message_importFromFile arginfo_class_MailHive_Message_saveMessage

#define arginfo_class_MailHive_Attachment___construct arginfo_class_MailHive_Message___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_MailHive_Attachment_getData, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_MailHive_Attachment_saveFile arginfo_class_MailHive_Message_saveMessage


ZEND_METHOD(MailHive_Message, __construct);
ZEND_METHOD(MailHive_Message, addAttachment);
ZEND_METHOD(MailHive_Message, addAttachmentData);
ZEND_METHOD(MailHive_Message, getHeader);
ZEND_METHOD(MailHive_Message, setHeader);
ZEND_METHOD(MailHive_Message, saveMessage);
ZEND_METHOD(MailHive_Message, importFromFile);
ZEND_METHOD(MailHive_Attachment, __construct);
ZEND_METHOD(MailHive_Attachment, getData);
ZEND_METHOD(MailHive_Attachment, saveFile);


static const zend_function_entry class_MailHive_Message_methods[] = {
	ZEND_ME(MailHive_Message, __construct, arginfo_class_MailHive_Message___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_Message, addAttachment, arginfo_class_MailHive_Message_addAttachment, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_Message, addAttachmentData, arginfo_class_MailHive_Message_addAttachmentData, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_Message, getHeader, arginfo_class_MailHive_Message_getHeader, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_Message, setHeader, arginfo_class_MailHive_Message_setHeader, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_Message, saveMessage, arginfo_class_MailHive_Message_saveMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_Message, importFromFile, arginfo_class_MailHive_Message_importFromFile, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_MailHive_Attachment_methods[] = {
	ZEND_ME(MailHive_Attachment, __construct, arginfo_class_MailHive_Attachment___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(MailHive_Attachment, getData, arginfo_class_MailHive_Attachment_getData, ZEND_ACC_PUBLIC)
	ZEND_ME(MailHive_Attachment, saveFile, arginfo_class_MailHive_Attachment_saveFile, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_MailHive_Message(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "Message", class_MailHive_Message_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_FORMAT_TEXT_value;
	ZVAL_LONG(&const_FORMAT_TEXT_value, 0);
	zend_string *const_FORMAT_TEXT_name = zend_string_init_interned("FORMAT_TEXT", sizeof("FORMAT_TEXT") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FORMAT_TEXT_name, &const_FORMAT_TEXT_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FORMAT_TEXT_name);

	zval const_FORMAT_HTML_value;
	ZVAL_LONG(&const_FORMAT_HTML_value, 1);
	zend_string *const_FORMAT_HTML_name = zend_string_init_interned("FORMAT_HTML", sizeof("FORMAT_HTML") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_FORMAT_HTML_name, &const_FORMAT_HTML_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_FORMAT_HTML_name);

	zval property_fromAddr_default_value;
	ZVAL_EMPTY_STRING(&property_fromAddr_default_value);
	zend_string *property_fromAddr_name = zend_string_init("fromAddr", sizeof("fromAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_fromAddr_name, &property_fromAddr_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_fromAddr_name);

	zval property_toAddr_default_value;
	ZVAL_EMPTY_STRING(&property_toAddr_default_value);
	zend_string *property_toAddr_name = zend_string_init("toAddr", sizeof("toAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_toAddr_name, &property_toAddr_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_toAddr_name);

	zval property_ccAddr_default_value;
	ZVAL_EMPTY_STRING(&property_ccAddr_default_value);
	zend_string *property_ccAddr_name = zend_string_init("ccAddr", sizeof("ccAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_ccAddr_name, &property_ccAddr_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_ccAddr_name);

	zval property_bccAddr_default_value;
	ZVAL_EMPTY_STRING(&property_bccAddr_default_value);
	zend_string *property_bccAddr_name = zend_string_init("bccAddr", sizeof("bccAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_bccAddr_name, &property_bccAddr_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_bccAddr_name);

	zval property_replyToAddr_default_value;
	ZVAL_EMPTY_STRING(&property_replyToAddr_default_value);
	zend_string *property_replyToAddr_name = zend_string_init("replyToAddr", sizeof("replyToAddr") - 1, 1);
	zend_declare_typed_property(class_entry, property_replyToAddr_name, &property_replyToAddr_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_replyToAddr_name);

	zval property_subject_default_value;
	ZVAL_EMPTY_STRING(&property_subject_default_value);
	zend_string *property_subject_name = zend_string_init("subject", sizeof("subject") - 1, 1);
	zend_declare_typed_property(class_entry, property_subject_name, &property_subject_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_subject_name);

	zval property_bodyText_default_value;
	ZVAL_EMPTY_STRING(&property_bodyText_default_value);
	zend_string *property_bodyText_name = zend_string_init("bodyText", sizeof("bodyText") - 1, 1);
	zend_declare_typed_property(class_entry, property_bodyText_name, &property_bodyText_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_bodyText_name);

	zval property_bodyFormat_default_value;
	ZVAL_LONG(&property_bodyFormat_default_value, 0);
	zend_string *property_bodyFormat_name = zend_string_init("bodyFormat", sizeof("bodyFormat") - 1, 1);
	zend_declare_typed_property(class_entry, property_bodyFormat_name, &property_bodyFormat_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_bodyFormat_name);

	zval property_altBodyText_default_value;
	ZVAL_EMPTY_STRING(&property_altBodyText_default_value);
	zend_string *property_altBodyText_name = zend_string_init("altBodyText", sizeof("altBodyText") - 1, 1);
	zend_declare_typed_property(class_entry, property_altBodyText_name, &property_altBodyText_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_altBodyText_name);

	zval property_charset_default_value;
	zend_string *property_charset_default_value_str = zend_string_init("utf-8", strlen("utf-8"), 1);
	ZVAL_STR(&property_charset_default_value, property_charset_default_value_str);
	zend_string *property_charset_name = zend_string_init("charset", sizeof("charset") - 1, 1);
	zend_declare_typed_property(class_entry, property_charset_name, &property_charset_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_charset_name);

	zval property_date_default_value;
	ZVAL_EMPTY_STRING(&property_date_default_value);
	zend_string *property_date_name = zend_string_init("date", sizeof("date") - 1, 1);
	zend_declare_typed_property(class_entry, property_date_name, &property_date_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_date_name);

	zval property_messageId_default_value;
	ZVAL_EMPTY_STRING(&property_messageId_default_value);
	zend_string *property_messageId_name = zend_string_init("messageId", sizeof("messageId") - 1, 1);
	zend_declare_typed_property(class_entry, property_messageId_name, &property_messageId_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_messageId_name);

	zval property_priority_default_value;
	ZVAL_LONG(&property_priority_default_value, 0);
	zend_string *property_priority_name = zend_string_init("priority", sizeof("priority") - 1, 1);
	zend_declare_typed_property(class_entry, property_priority_name, &property_priority_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_priority_name);

	zval property_attachments_default_value;
	ZVAL_EMPTY_ARRAY(&property_attachments_default_value);
	zend_string *property_attachments_name = zend_string_init("attachments", sizeof("attachments") - 1, 1);
	zend_declare_typed_property(class_entry, property_attachments_name, &property_attachments_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_attachments_name);

	return class_entry;
}

static zend_class_entry *register_class_MailHive_Attachment(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "Attachment", class_MailHive_Attachment_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_filename_default_value;
	ZVAL_UNDEF(&property_filename_default_value);
	zend_string *property_filename_name = zend_string_init("filename", sizeof("filename") - 1, 1);
	zend_declare_typed_property(class_entry, property_filename_name, &property_filename_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_filename_name);

	zval property_contentType_default_value;
	ZVAL_UNDEF(&property_contentType_default_value);
	zend_string *property_contentType_name = zend_string_init("contentType", sizeof("contentType") - 1, 1);
	zend_declare_typed_property(class_entry, property_contentType_name, &property_contentType_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_contentType_name);

	zval property_contentId_default_value;
	ZVAL_UNDEF(&property_contentId_default_value);
	zend_string *property_contentId_name = zend_string_init("contentId", sizeof("contentId") - 1, 1);
	zend_declare_typed_property(class_entry, property_contentId_name, &property_contentId_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_contentId_name);

	zval property_size_default_value;
	ZVAL_UNDEF(&property_size_default_value);
	zend_string *property_size_name = zend_string_init("size", sizeof("size") - 1, 1);
	zend_declare_typed_property(class_entry, property_size_name, &property_size_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_size_name);

	return class_entry;
}
