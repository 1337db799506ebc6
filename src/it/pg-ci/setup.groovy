// A PostgreSQL database of this IT's own (unique name), with WSO2AM_DB and the registry at 3.0.0
// from the project's fixtures; its URL goes to it-db.properties, which the invoker passes to the
// IT build as -D properties (invoker.userPropertiesFile).
import io.github.apimupgrade.testing.TestDatabase
import io.github.apimupgrade.testing.TestDatabase.Kind

// TestDatabase opens its connections through DriverManager: register this class path's driver.
Class.forName('org.postgresql.Driver', true, TestDatabase.classLoader)
// DriverManager checks its caller's class loader, which from Groovy is not the test class path's:
// the scripts open their own connections through the driver itself.
def connect = { String url ->
    Properties login = new Properties()
    login.setProperty('user', 'postgres')
    login.setProperty('password', '')
    new org.postgresql.Driver().connect(url, login)
}

// verify.groovy does not run when the IT build fails unexpectedly, and the invoker wipes the
// cloned projects before each run: the name of a database not dropped yet is kept next to them,
// in the build directory, and the next run drops that database (and only that one).
File pending = new File(basedir, '../../it-databases/pg-ci.db').canonicalFile
if (pending.exists()) {
    String name = pending.getText('UTF-8').trim()
    if (name ==~ /apim_t_[0-9a-f]{12}/) {
        connect(TestDatabase.PG_ADMIN_URL).withCloseable { c ->
            c.createStatement().execute("DROP DATABASE IF EXISTS $name WITH (FORCE)".toString())
        }
        println "pg-ci: dropped PostgreSQL database $name, left by an earlier run"
    }
    pending.delete()
}

TestDatabase db = TestDatabase.create(Kind.POSTGRESQL, basedir.toPath())
pending.parentFile.mkdirs()
pending.setText(db.name(), 'UTF-8')
println "pg-ci: created PostgreSQL database ${db.name()}"
db.loadFixture('am-3.0.0').load('fixtures/am-3.0.0-rows.sql').loadFixture('registry').load('fixtures/registry-rows.sql')

Properties p = new Properties()
p.setProperty('it.db.name', db.name())
p.setProperty('apim.db.apim.url', db.url())
p.setProperty('apim.db.apim.username', db.user())
p.setProperty('apim.db.shared.url', db.url())
p.setProperty('apim.db.shared.username', db.user())
new File(basedir, 'it-db.properties').withWriter('UTF-8') { p.store(it, 'pg-ci: the database setup.groovy created') }
return true
