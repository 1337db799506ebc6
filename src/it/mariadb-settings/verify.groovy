// migrate-db logged in with the decrypted settings.xml password, which build.log never shows, and
// migrated the database. Then the database and the user go.
import io.github.apimupgrade.testing.Schema
import io.github.apimupgrade.testing.TestDatabase

final String PASSWORD = 'Apim-It-Pw-7rq2'
final String USER = 'apim_it'

Properties props = new Properties()
new File(basedir, 'it-db.properties').withReader('UTF-8') { props.load(it) }
String name = props.getProperty('it.db.name')
assert name ==~ /apim_t_[0-9a-f]{12}/
def admin = { Closure work ->
    Properties login = new Properties()
    login.setProperty('user', 'root')
    login.setProperty('password', '')
    new org.mariadb.jdbc.Driver().connect(TestDatabase.MARIADB_ADMIN_URL, login).withCloseable { work(it) }
}

try {
    String log = new File(basedir, 'build.log').getText('UTF-8')
    assert !log.contains(PASSWORD), 'build.log shows the decrypted password'
    ['WSO2 API-M 3.0.0 schema (no 3.1.0 table or column yet)',
     'am-api-categories: Create AM_API_CATEGORIES', 'system-apps-drop-name-unique: Drop UNIQUE(NAME)',
     'disable-registry-versioning: Remove registry version data', 'migrate-db: done (', 'BUILD SUCCESS'].each {
        assert log.contains(it), "build.log lacks '$it'"
    }
    admin { c ->
        assert Schema.count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$name' AND table_name = 'AM_API_CATEGORIES'") == 1
        assert Schema.count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$name' AND table_name = 'APIM_UPGRADE_HISTORY'") == 1
        assert Schema.rows(c, "SELECT TENANT_DOMAIN FROM ${name}.AM_SYSTEM_APPS ORDER BY ID") == ['TENANT_DOMAIN=carbon.super'] * 3
        assert Schema.rows(c, "SELECT REG_ID FROM ${name}.REG_PROPERTY ORDER BY REG_ID") == ['REG_ID=3', 'REG_ID=4']
    }
} finally {
    admin { c ->
        c.createStatement().execute("DROP DATABASE IF EXISTS $name".toString())
        c.createStatement().execute("DROP USER IF EXISTS '$USER'@'%'".toString())
    }
    new File(basedir, '../../it-databases/mariadb-settings.db').canonicalFile.delete()
    println "mariadb-settings: dropped MariaDB database $name and user $USER"
}
return true
