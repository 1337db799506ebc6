// A MariaDB database of this IT's own (unique name) with WSO2AM_DB and the registry at 3.0.0, and
// the user apim_it_bad, granted on that database only, with a random password: not the one that
// settings.xml gives for it (server apim-it-mariadb-plain).
import io.github.apimupgrade.testing.TestDatabase
import io.github.apimupgrade.testing.TestDatabase.Kind

final String USER = 'apim_it_bad'

// TestDatabase opens its connections through DriverManager: register this class path's drivers.
Class.forName('org.mariadb.jdbc.Driver', true, TestDatabase.classLoader)
Class.forName('com.mysql.cj.jdbc.Driver', true, TestDatabase.classLoader)
def admin = { Closure work ->
    Properties login = new Properties()
    login.setProperty('user', 'root')
    login.setProperty('password', '')
    new org.mariadb.jdbc.Driver().connect(TestDatabase.MARIADB_ADMIN_URL, login).withCloseable { work(it.createStatement()) }
}

// verify.groovy does not run when the IT build ends otherwise than expected, and the invoker wipes
// the cloned projects before each run: the name of a database not dropped yet is kept next to
// them, in the build directory, and the next run drops that database (and only that one).
File pending = new File(basedir, '../../it-databases/bad-password.db').canonicalFile
if (pending.exists()) {
    String name = pending.getText('UTF-8').trim()
    if (name ==~ /apim_t_[0-9a-f]{12}/) {
        admin { s -> s.execute("DROP DATABASE IF EXISTS $name".toString()) }
        println "bad-password: dropped MariaDB database $name, left by an earlier run"
    }
    pending.delete()
}
admin { s -> s.execute("DROP USER IF EXISTS '$USER'@'%'".toString()) }

TestDatabase db = TestDatabase.create(Kind.MARIADB_VIA_MYSQL_DRIVER, basedir.toPath())
pending.parentFile.mkdirs()
pending.setText(db.name(), 'UTF-8')
println "bad-password: created MariaDB database ${db.name()}"
db.loadFixture('am-3.0.0').load('fixtures/am-3.0.0-rows.sql').loadFixture('registry').load('fixtures/registry-rows.sql')
String rightPassword = 'Right-' + UUID.randomUUID().toString().substring(0, 8)
admin { s ->
    s.execute("CREATE USER '$USER'@'%' IDENTIFIED BY '$rightPassword'".toString())
    s.execute("GRANT ALL PRIVILEGES ON ${db.name()}.* TO '$USER'@'%'".toString())
}

Properties p = new Properties()
p.setProperty('it.db.name', db.name())
p.setProperty('apim.db.apim.url', db.url())
p.setProperty('apim.db.shared.url', db.url())
new File(basedir, 'it-db.properties').withWriter('UTF-8') { p.store(it, 'bad-password: the database setup.groovy created') }
return true
