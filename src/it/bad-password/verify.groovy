// The build failed with one actionable line, without the password, before changing anything.
// Then the database and the user go.
import io.github.apimupgrade.testing.Schema
import io.github.apimupgrade.testing.TestDatabase

final String WRONG_PASSWORD = 'Wrong-Plain-Pw-3kx9' // settings.xml, server apim-it-mariadb-plain
final String USER = 'apim_it_bad'

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
    assert log.contains('BUILD FAILURE')
    assert !log.contains(WRONG_PASSWORD), 'build.log shows the password'
    String expected = "Login to WSO2AM_DB (MySQL/MariaDB) at jdbc:mysql://127.0.0.1:3306/$name was refused for user '$USER'"
    // Maven's one [ERROR] line for the failed goal carries the message, and it names what to fix.
    String errorLine = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
    assert errorLine != null, 'no "Failed to execute goal" line'
    assert errorLine.contains(expected), errorLine
    assert errorLine.contains("check 'apim.db.apim.username' and the password"), errorLine
    assert errorLine.contains("'apim.db.apim.serverId'"), errorLine
    assert !log.contains('Migrating WSO2AM_DB')

    admin { c ->
        ['APIM_UPGRADE_HISTORY', 'APIM_UPGRADE_REG_HISTORY', 'AM_API_CATEGORIES', 'AM_USER'].each { t ->
            assert Schema.count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$name' AND table_name = '$t'") == 0, "$t exists"
        }
        assert Schema.count(c, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '$name' AND table_name = 'AM_SYSTEM_APPS' AND column_name = 'TENANT_DOMAIN'") == 0
        assert Schema.count(c, "SELECT COUNT(*) FROM ${name}.IDN_OAUTH2_SCOPE_BINDING") == 6
        assert Schema.count(c, "SELECT COUNT(*) FROM ${name}.REG_PROPERTY") == 4
    }
} finally {
    admin { c ->
        c.createStatement().execute("DROP DATABASE IF EXISTS $name".toString())
        c.createStatement().execute("DROP USER IF EXISTS '$USER'@'%'".toString())
    }
    new File(basedir, '../../it-databases/bad-password.db').canonicalFile.delete()
    println "bad-password: dropped MariaDB database $name and user $USER"
}
return true
