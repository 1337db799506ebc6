// A MariaDB database of this IT's own (unique name) with WSO2AM_DB and the registry at 3.0.0 from
// the project's MySQL fixtures, and the user apim_it, granted on that database only, whose
// password is the one encrypted in src/it/settings.xml (server apim-it-mariadb).
import io.github.apimupgrade.testing.TestDatabase
import io.github.apimupgrade.testing.TestDatabase.Kind

// TEST ONLY: what {TPE/bMqko+...} in settings.xml decrypts to. verify.groovy checks that it never
// reaches build.log.
final String PASSWORD = 'Apim-It-Pw-7rq2'
final String USER = 'apim_it'

// TestDatabase opens its connections through DriverManager: register this class path's drivers.
Class.forName('org.mariadb.jdbc.Driver', true, TestDatabase.classLoader)
Class.forName('com.mysql.cj.jdbc.Driver', true, TestDatabase.classLoader)
def admin = { Closure work ->
    Properties login = new Properties()
    login.setProperty('user', 'root')
    login.setProperty('password', '')
    new org.mariadb.jdbc.Driver().connect(TestDatabase.MARIADB_ADMIN_URL, login).withCloseable { work(it.createStatement()) }
}

// verify.groovy does not run when the IT build fails unexpectedly, and the invoker wipes the
// cloned projects before each run: the name of a database not dropped yet is kept next to them,
// in the build directory, and the next run drops that database (and only that one) and the user.
File pending = new File(basedir, '../../it-databases/mariadb-settings.db').canonicalFile
if (pending.exists()) {
    String name = pending.getText('UTF-8').trim()
    if (name ==~ /apim_t_[0-9a-f]{12}/) {
        admin { s -> s.execute("DROP DATABASE IF EXISTS $name".toString()) }
        println "mariadb-settings: dropped MariaDB database $name, left by an earlier run"
    }
    pending.delete()
}
admin { s -> s.execute("DROP USER IF EXISTS '$USER'@'%'".toString()) }

TestDatabase db = TestDatabase.create(Kind.MARIADB_VIA_MYSQL_DRIVER, basedir.toPath())
pending.parentFile.mkdirs()
pending.setText(db.name(), 'UTF-8')
println "mariadb-settings: created MariaDB database ${db.name()}"
db.loadFixture('am-3.0.0').load('fixtures/am-3.0.0-rows.sql').loadFixture('registry').load('fixtures/registry-rows.sql')
admin { s ->
    s.execute("CREATE USER '$USER'@'%' IDENTIFIED BY '$PASSWORD'".toString())
    s.execute("GRANT ALL PRIVILEGES ON ${db.name()}.* TO '$USER'@'%'".toString())
}

Properties p = new Properties()
p.setProperty('it.db.name', db.name())
p.setProperty('apim.db.apim.url', db.url())
p.setProperty('apim.db.shared.url', db.url())
new File(basedir, 'it-db.properties').withWriter('UTF-8') { p.store(it, 'mariadb-settings: the database setup.groovy created') }
return true
