package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlStep;
import io.github.apimupgrade.core.sql.SqlStep.Definition;

import java.util.List;

/** The WSO2AM_DB steps of 3.0.0 to 3.1.0, in the order they run. Scripts: {@code sql/migrate-db/<dialect>/<id>.sql}. */
public final class AmDbSteps {
    public static final String HISTORY_TABLE = io.github.apimupgrade.core.sql.SqlHistory.AM_TABLE;
    private static final String RUNBOOK = "runbook Step 2.3";
    private static final String PATH = "migrate-db";

    private AmDbSteps() {
    }

    public static List<SqlStep> all() {
        return List.of(
                new CreateTableStep(def("am-api-categories", "3.1.0.1", "Create AM_API_CATEGORIES", RUNBOOK),
                        AmTables.API_CATEGORIES),
                new AddTenantDomainStep(def("system-apps-tenant-domain", "3.1.0.2",
                        "Add AM_SYSTEM_APPS.TENANT_DOMAIN, existing rows carbon.super",
                        RUNBOOK + "; MSSQL corrected with WITH VALUES so existing rows are not left NULL")),
                new BackfillTenantDomainStep(def("system-apps-tenant-domain-backfill", "3.1.0.3",
                        "Set TENANT_DOMAIN to carbon.super where it is NULL",
                        "correction: the runbook's MSSQL script leaves existing rows NULL; 3.1.0 finds system apps by NAME and TENANT_DOMAIN")),
                new DropSystemAppNameUniqueStep(def("system-apps-drop-name-unique", "3.1.0.4",
                        "Drop UNIQUE(NAME) on AM_SYSTEM_APPS (name read from the catalog)",
                        RUNBOOK + " (MySQL, PostgreSQL, Oracle); correction: the runbook leaves it on H2 and MSSQL, where its name is generated")),
                new CreateTableStep(def("am-user", "3.1.0.5", "Create AM_USER", RUNBOOK), AmTables.USER),
                new CreateTableStep(def("security-audit-uuid-mapping", "3.1.0.6",
                        "Create AM_SECURITY_AUDIT_UUID_MAPPING with the foreign key of fresh 3.1.0",
                        RUNBOOK + "; correction: the foreign key's ON UPDATE/ON DELETE rules as in fresh 3.1.0"),
                        AmTables.AUDIT_MAPPING),
                new AuditMappingForeignKeyStep(def("security-audit-fk-rules", "3.1.0.7",
                        "Give AM_SECURITY_AUDIT_UUID_MAPPING's foreign key the rules of fresh 3.1.0",
                        "correction: a table made by the runbook's script has a plain foreign key")),
                new WidenCertificateMetadataStep(def("certificate-metadata-widen", "3.1.0.8",
                        "Widen AM_CERTIFICATE_METADATA.ALIAS and END_POINT to 255",
                        "correction: missing from the runbook; fresh 3.1.0 has 255 (carbon-apimgt PR #7926)")),
                new ScopeBindingCleanupStep(def("scope-binding-cleanup", "3.1.0.9",
                        "Delete IDN_OAUTH2_SCOPE_BINDING rows with a NULL or empty binding",
                        "later runbook revision: the identity migration makes SCOPE_BINDING NOT NULL")));
    }

    private static Definition def(String id, String version, String summary, String provenance) {
        return new Definition(id, Goal.MIGRATE_DB, DbKey.APIM, PATH, version, summary, provenance);
    }
}
