// The dry run printed the plan with its statements, said it changed nothing, and did not.
import io.github.apimupgrade.core.db.Catalog
import io.github.apimupgrade.core.db.Dialect
import io.github.apimupgrade.testing.Schema

String log = new File(basedir, 'build.log').getText('UTF-8')
['WSO2 API-M 3.0.0 schema (no 3.1.0 table or column yet)',
 'WSO2SHARED_DB (registry) is a WSO2 registry database',
 'am-api-categories', 'CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES',
 'ALTER TABLE AM_SYSTEM_APPS ADD COLUMN TENANT_DOMAIN',
 'ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN ALIAS VARCHAR(255)',
 'DELETE FROM IDN_OAUTH2_SCOPE_BINDING WHERE SCOPE_BINDING IS NULL',
 'disable-registry-versioning', 'REG_RESOURCE_TAG: delete ', 'REG_PROPERTY: delete ',
 'DELETE FROM REG_RESOURCE_TAG WHERE REG_VERSION >= ? AND REG_VERSION < ? AND NOT EXISTS',
 'TO DO', 'Dry run (apim.dryRun=true): nothing was changed.', 'BUILD SUCCESS'].each {
    assert log.contains(it), "build.log lacks '$it'"
}
assert !log.contains('Migrating WSO2AM_DB'), 'a dry run started migrating'
assert !log.contains('migrate-db: done')

File dbDir = new File(basedir, 'wso2am-3.1.0/repository/database')
StringBuilder snapshot = new StringBuilder()
['WSO2AM_DB', 'WSO2SHARED_DB'].each { name ->
    Properties login = new Properties()
    login.user = 'wso2carbon'
    login.password = 'wso2carbon'
    def c = new org.h2.Driver().connect('jdbc:h2:' + new File(dbDir, name).absolutePath + ';IFEXISTS=TRUE', login)
    try {
        List<String> tables = new ArrayList<>(new Catalog(c, Dialect.H2).tables().keySet()).sort()
        snapshot << name << ' tables ' << tables << '\n'
        Schema.shape(c, Dialect.H2, tables).each { t, shape -> snapshot << t << '\n' << shape }
        tables.each { t -> Schema.rows(c, "SELECT * FROM $t ORDER BY 1".toString()).each { snapshot << t << ' ' << it << '\n' } }
    } finally {
        c.close()
    }
}
String before = new File(basedir, 'before.txt').getText('UTF-8')
assert snapshot.toString() == before, 'the dry run changed the databases'
assert !snapshot.toString().contains('APIM_UPGRADE_HISTORY')
assert !snapshot.toString().contains('AM_API_CATEGORIES')
return true
