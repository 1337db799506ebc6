// migrate-db ran every step on the H2 files of the 3.1.0 home, and they are at 3.1.0.
import io.github.apimupgrade.testing.Schema

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('WSO2 API-M 3.0.0 schema (no 3.1.0 table or column yet)')
assert log =~ /registry-database-shared\s+DONE\s+the registry tables are there/
['am-api-categories: Create AM_API_CATEGORIES', 'system-apps-tenant-domain: Add AM_SYSTEM_APPS.TENANT_DOMAIN',
 'system-apps-drop-name-unique: Drop UNIQUE(NAME)', 'am-user: Create AM_USER',
 'security-audit-uuid-mapping: Create AM_SECURITY_AUDIT_UUID_MAPPING', 'certificate-metadata-widen: Widen',
 'scope-binding-cleanup: Delete', 'disable-registry-versioning: Remove registry version data',
 'migrate-db: done (', 'BUILD SUCCESS'].each { assert log.contains(it), "build.log lacks '$it'" }

File dbDir = new File(basedir, 'wso2am-3.1.0/repository/database')
assert !dbDir.listFiles().any { it.name.endsWith('.trace.db') || it.name.endsWith('.lock.db') }, dbDir.list().toString()

def open = { String name ->
    Properties login = new Properties()
    login.user = 'wso2carbon'
    login.password = 'wso2carbon'
    new org.h2.Driver().connect('jdbc:h2:' + new File(dbDir, name).absolutePath + ';IFEXISTS=TRUE', login)
}
def am = open('WSO2AM_DB')
try {
    ['AM_API_CATEGORIES', 'AM_USER', 'AM_SECURITY_AUDIT_UUID_MAPPING', 'APIM_UPGRADE_HISTORY'].each { t ->
        assert Schema.count(am, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '$t'") == 1, "no table $t"
    }
    assert Schema.rows(am, 'SELECT TENANT_DOMAIN FROM AM_SYSTEM_APPS ORDER BY ID') == ['TENANT_DOMAIN=carbon.super'] * 3
    assert Schema.count(am, 'SELECT COUNT(*) FROM AM_API') == 3
    assert Schema.count(am, "SELECT COUNT(*) FROM IDN_OAUTH2_SCOPE_BINDING WHERE SCOPE_BINDING IS NULL OR SCOPE_BINDING = ''") == 0
} finally {
    am.close()
}
def reg = open('WSO2SHARED_DB')
try {
    assert Schema.rows(reg, 'SELECT REG_ID FROM REG_PROPERTY ORDER BY REG_ID') == ['REG_ID=3', 'REG_ID=4']
    assert Schema.rows(reg, 'SELECT REG_ID FROM REG_TAG ORDER BY REG_ID') == ['REG_ID=2']
} finally {
    reg.close()
}
return true
