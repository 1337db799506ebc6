// First run: every step applied on PostgreSQL; second run: nothing to do. Then the database goes.
import io.github.apimupgrade.testing.Schema
import io.github.apimupgrade.testing.TestDatabase

def connect = { String url ->
    Properties login = new Properties()
    login.setProperty('user', 'postgres')
    login.setProperty('password', '')
    new org.postgresql.Driver().connect(url, login)
}

Properties props = new Properties()
new File(basedir, 'it-db.properties').withReader('UTF-8') { props.load(it) }
String name = props.getProperty('it.db.name')
assert name ==~ /apim_t_[0-9a-f]{12}/

try {
    String log = new File(basedir, 'build.log').getText('UTF-8')
    // Invocations 1 and 2 both write to build.log, each under the plugin's execution header.
    String[] runs = log.split(/--- apim-maven-plugin:\S+:migrate-db \(default-cli\)/)
    assert runs.length == 3, "expected two migrate-db runs in build.log, found ${runs.length - 1}"
    String first = runs[1]
    String second = runs[2]
    assert first.contains('WSO2 API-M 3.0.0 schema (no 3.1.0 table or column yet)')
    ['am-api-categories: Create AM_API_CATEGORIES', 'system-apps-tenant-domain: Add', 'am-user: Create AM_USER',
     'certificate-metadata-widen: Widen', 'scope-binding-cleanup: Delete',
     'disable-registry-versioning: Remove registry version data', 'migrate-db: done (', 'BUILD SUCCESS'].each {
        assert first.contains(it), "first run lacks '$it'"
    }
    assert second.contains('migrate-db: nothing to do, every step is already done.')
    assert !second.contains('TO DO')
    assert second.contains('BUILD SUCCESS')

    connect(props.getProperty('apim.db.apim.url')).withCloseable { c ->
        assert Schema.count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'am_api_categories'") == 1
        assert Schema.rows(c, 'SELECT TENANT_DOMAIN FROM AM_SYSTEM_APPS ORDER BY ID') == ['TENANT_DOMAIN=carbon.super'] * 3
        assert Schema.rows(c, 'SELECT REG_ID FROM REG_PROPERTY ORDER BY REG_ID') == ['REG_ID=3', 'REG_ID=4']
        // Each step recorded once although the goal ran twice.
        assert Schema.count(c, 'SELECT COUNT(*) FROM "APIM_UPGRADE_HISTORY"') > 1
        assert Schema.count(c, 'SELECT COUNT(*) - COUNT(DISTINCT "version") FROM "APIM_UPGRADE_HISTORY"') == 0
    }
} finally {
    connect(TestDatabase.PG_ADMIN_URL).withCloseable { c ->
        c.createStatement().execute("DROP DATABASE IF EXISTS $name WITH (FORCE)".toString())
    }
    new File(basedir, '../../it-databases/pg-ci.db').canonicalFile.delete()
    println "pg-ci: dropped PostgreSQL database $name"
}
return true
