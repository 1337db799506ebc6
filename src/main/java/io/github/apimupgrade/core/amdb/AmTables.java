package io.github.apimupgrade.core.amdb;

/** Table names of WSO2AM_DB that the upgrade reads or changes. */
final class AmTables {
    static final String API = "AM_API";
    static final String SYSTEM_APPS = "AM_SYSTEM_APPS";
    static final String CERTIFICATE_METADATA = "AM_CERTIFICATE_METADATA";
    static final String AUDIT_MAPPING = "AM_SECURITY_AUDIT_UUID_MAPPING";
    static final String API_CATEGORIES = "AM_API_CATEGORIES";
    static final String USER = "AM_USER";
    static final String API_PRODUCT_MAPPING = "AM_API_PRODUCT_MAPPING";

    private AmTables() {
    }
}
