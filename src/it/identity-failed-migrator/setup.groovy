// A test 3.1.0 home playing the "failed-migrator" server run, the test identity migration resources, and an H2
// registry with three tenants; the home's files are recorded so that verify.groovy compares them.
import io.github.apimupgrade.core.db.Dialect
import io.github.apimupgrade.core.sql.StatementSplitter
import io.github.apimupgrade.identity.IdentityFixtures
import io.github.apimupgrade.testing.TestDatabase

['wso2am-3.1.0', 'downloads', 'registry', 'target'].each { new File(basedir, it).deleteDir() }
def home = IdentityFixtures.home(new File(basedir, 'wso2am-3.1.0').toPath(), 'failed-migrator')
IdentityFixtures.resources(new File(basedir, 'downloads').toPath())
Properties login = new Properties()
login.user = 'wso2carbon'
login.password = 'wso2carbon'
def c = new org.h2.Driver().connect('jdbc:h2:' + new File(basedir, 'registry/WSO2SHARED_DB').absolutePath, login)
try {
    def s = c.createStatement()
    StatementSplitter.split(Dialect.H2, TestDatabase.read('fixtures/registry-h2.sql')).each { s.execute(it) }
    IdentityFixtures.registryRows(c)
    new File(basedir, 'registry-before.txt').text = IdentityFixtures.stored(c).toString()
    s.execute('SHUTDOWN')
} finally {
    c.close()
}
Properties snap = new Properties()
snap.putAll(IdentityFixtures.snapshot(home))
new File(basedir, 'home-before.properties').withOutputStream { snap.store(it, null) }
return true
