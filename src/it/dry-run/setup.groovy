// WSO2AM_DB and WSO2SHARED_DB at 3.0.0 where a WSO2 3.1.0 home keeps its embedded H2 databases,
// made from the project's fixtures with the H2 1.4.199 that WSO2 ships; then a snapshot of both
// (every table's shape and rows) for verify.groovy to compare with.
import io.github.apimupgrade.core.db.Catalog
import io.github.apimupgrade.core.db.Dialect
import io.github.apimupgrade.core.sql.StatementSplitter
import io.github.apimupgrade.testing.Schema
import io.github.apimupgrade.testing.TestDatabase

File dbDir = new File(basedir, 'wso2am-3.1.0/repository/database')
dbDir.mkdirs()

def open = { String name ->
    Properties login = new Properties()
    login.user = 'wso2carbon'
    login.password = 'wso2carbon'
    new org.h2.Driver().connect('jdbc:h2:' + new File(dbDir, name).absolutePath, login)
}
def h2 = { String name, List<String> fixtures ->
    // A re-run without clean starts from 3.0.0 again.
    dbDir.listFiles().findAll { it.name.startsWith(name + '.') }.each { assert it.delete() }
    def c = open(name)
    try {
        def s = c.createStatement()
        fixtures.each { f -> StatementSplitter.split(Dialect.H2, TestDatabase.read('fixtures/' + f)).each { s.execute(it) } }
    } finally {
        c.close()
    }
}
h2('WSO2AM_DB', ['am-3.0.0-h2.sql', 'am-3.0.0-rows.sql'])
h2('WSO2SHARED_DB', ['registry-h2.sql', 'registry-rows.sql'])

StringBuilder snapshot = new StringBuilder()
['WSO2AM_DB', 'WSO2SHARED_DB'].each { name ->
    def c = open(name)
    try {
        List<String> tables = new ArrayList<>(new Catalog(c, Dialect.H2).tables().keySet()).sort()
        snapshot << name << ' tables ' << tables << '\n'
        Schema.shape(c, Dialect.H2, tables).each { t, shape -> snapshot << t << '\n' << shape }
        tables.each { t -> Schema.rows(c, "SELECT * FROM $t ORDER BY 1".toString()).each { snapshot << t << ' ' << it << '\n' } }
        c.createStatement().execute('SHUTDOWN')
    } finally {
        c.close()
    }
}
new File(basedir, 'before.txt').setText(snapshot.toString(), 'UTF-8')
return true
