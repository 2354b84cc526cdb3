/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9044d86dccacc84503f68a59b5f80e25991a84ac */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_MailHive_Certificate___construct, 0, 0, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(MailHive_Certificate, __construct);


static const zend_function_entry class_MailHive_Certificate_methods[] = {
	ZEND_ME(MailHive_Certificate, __construct, arginfo_class_MailHive_Certificate___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};

static zend_class_entry *register_class_MailHive_Certificate(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "MailHive", "Certificate", class_MailHive_Certificate_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_subject_default_value;
	ZVAL_UNDEF(&property_subject_default_value);
	zend_string *property_subject_name = zend_string_init("subject", sizeof("subject") - 1, 1);
	zend_declare_typed_property(class_entry, property_subject_name, &property_subject_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_subject_name);

	zval property_issuer_default_value;
	ZVAL_UNDEF(&property_issuer_default_value);
	zend_string *property_issuer_name = zend_string_init("issuer", sizeof("issuer") - 1, 1);
	zend_declare_typed_property(class_entry, property_issuer_name, &property_issuer_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_issuer_name);

	zval property_issuedTo_default_value;
	ZVAL_UNDEF(&property_issuedTo_default_value);
	zend_string *property_issuedTo_name = zend_string_init("issuedTo", sizeof("issuedTo") - 1, 1);
	zend_declare_typed_property(class_entry, property_issuedTo_name, &property_issuedTo_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_issuedTo_name);

	zval property_issuedBy_default_value;
	ZVAL_UNDEF(&property_issuedBy_default_value);
	zend_string *property_issuedBy_name = zend_string_init("issuedBy", sizeof("issuedBy") - 1, 1);
	zend_declare_typed_property(class_entry, property_issuedBy_name, &property_issuedBy_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_issuedBy_name);

	zend_string *property_validFrom_class_DateTimeImmutable = zend_string_init("DateTimeImmutable", sizeof("DateTimeImmutable")-1, 1);
	zval property_validFrom_default_value;
	ZVAL_UNDEF(&property_validFrom_default_value);
	zend_string *property_validFrom_name = zend_string_init("validFrom", sizeof("validFrom") - 1, 1);
	zend_declare_typed_property(class_entry, property_validFrom_name, &property_validFrom_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_validFrom_class_DateTimeImmutable, 0, 0));
	zend_string_release(property_validFrom_name);

	zend_string *property_validTo_class_DateTimeImmutable = zend_string_init("DateTimeImmutable", sizeof("DateTimeImmutable")-1, 1);
	zval property_validTo_default_value;
	ZVAL_UNDEF(&property_validTo_default_value);
	zend_string *property_validTo_name = zend_string_init("validTo", sizeof("validTo") - 1, 1);
	zend_declare_typed_property(class_entry, property_validTo_name, &property_validTo_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_validTo_class_DateTimeImmutable, 0, 0));
	zend_string_release(property_validTo_name);

	zval property_serialNumber_default_value;
	ZVAL_UNDEF(&property_serialNumber_default_value);
	zend_string *property_serialNumber_name = zend_string_init("serialNumber", sizeof("serialNumber") - 1, 1);
	zend_declare_typed_property(class_entry, property_serialNumber_name, &property_serialNumber_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_serialNumber_name);

	zval property_fingerprintSha1_default_value;
	ZVAL_UNDEF(&property_fingerprintSha1_default_value);
	zend_string *property_fingerprintSha1_name = zend_string_init("fingerprintSha1", sizeof("fingerprintSha1") - 1, 1);
	zend_declare_typed_property(class_entry, property_fingerprintSha1_name, &property_fingerprintSha1_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_fingerprintSha1_name);

	zval property_fingerprintSha256_default_value;
	ZVAL_UNDEF(&property_fingerprintSha256_default_value);
	zend_string *property_fingerprintSha256_name = zend_string_init("fingerprintSha256", sizeof("fingerprintSha256") - 1, 1);
	zend_declare_typed_property(class_entry, property_fingerprintSha256_name, &property_fingerprintSha256_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_fingerprintSha256_name);

	zval property_altNames_default_value;
	ZVAL_UNDEF(&property_altNames_default_value);
	zend_string *property_altNames_name = zend_string_init("altNames", sizeof("altNames") - 1, 1);
	zend_declare_typed_property(class_entry, property_altNames_name, &property_altNames_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_altNames_name);

	zval property_emailAddress_default_value;
	ZVAL_UNDEF(&property_emailAddress_default_value);
	zend_string *property_emailAddress_name = zend_string_init("emailAddress", sizeof("emailAddress") - 1, 1);
	zend_declare_typed_property(class_entry, property_emailAddress_name, &property_emailAddress_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_emailAddress_name);

	zval property_version_default_value;
	ZVAL_UNDEF(&property_version_default_value);
	zend_string *property_version_name = zend_string_init("version", sizeof("version") - 1, 1);
	zend_declare_typed_property(class_entry, property_version_name, &property_version_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_version_name);

	zval property_publicKeyAlgorithm_default_value;
	ZVAL_UNDEF(&property_publicKeyAlgorithm_default_value);
	zend_string *property_publicKeyAlgorithm_name = zend_string_init("publicKeyAlgorithm", sizeof("publicKeyAlgorithm") - 1, 1);
	zend_declare_typed_property(class_entry, property_publicKeyAlgorithm_name, &property_publicKeyAlgorithm_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_publicKeyAlgorithm_name);

	zval property_publicKeyBits_default_value;
	ZVAL_UNDEF(&property_publicKeyBits_default_value);
	zend_string *property_publicKeyBits_name = zend_string_init("publicKeyBits", sizeof("publicKeyBits") - 1, 1);
	zend_declare_typed_property(class_entry, property_publicKeyBits_name, &property_publicKeyBits_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_publicKeyBits_name);

	zval property_isSelfSigned_default_value;
	ZVAL_UNDEF(&property_isSelfSigned_default_value);
	zend_string *property_isSelfSigned_name = zend_string_init("isSelfSigned", sizeof("isSelfSigned") - 1, 1);
	zend_declare_typed_property(class_entry, property_isSelfSigned_name, &property_isSelfSigned_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_isSelfSigned_name);

	zval property_pem_default_value;
	ZVAL_UNDEF(&property_pem_default_value);
	zend_string *property_pem_name = zend_string_init("pem", sizeof("pem") - 1, 1);
	zend_declare_typed_property(class_entry, property_pem_name, &property_pem_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_pem_name);

	zval property_verifyErrors_default_value;
	ZVAL_UNDEF(&property_verifyErrors_default_value);
	zend_string *property_verifyErrors_name = zend_string_init("verifyErrors", sizeof("verifyErrors") - 1, 1);
	zend_declare_typed_property(class_entry, property_verifyErrors_name, &property_verifyErrors_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_verifyErrors_name);

	return class_entry;
}
