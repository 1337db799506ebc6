// The server ran the identity migration; the home is clean file by file (only [user_store] type
// changed), the scopes are mapped in two tenants, acme.org is untouched, and a second run is a no-op.
import io.github.apimupgrade.identity.IdentityFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
['[identity migration] 1/5 ScopeDataMigrator', 'identity migration finished; the server had started',
 'scope-role-mapping', 'migrate-identity: done (', 'BUILD SUCCESS'].each { assert log.contains(it), "build.log lacks '$it'" }

File home = new File(basedir, 'wso2am-3.1.0')
Properties before = new Properties()
new File(basedir, 'home-before.properties').withInputStream { before.load(it) }
def after = IdentityFixtures.snapshot(home.toPath())
def toml = 'repository/conf/deployment.toml'
assert new TreeMap(before).findAll { it.key != toml } == new TreeMap(after).findAll { it.key != toml }
String original = IdentityFixtures.read('identity/deployment.toml')
assert new File(home, toml).getText('UTF-8') == original.replace('type = "database_unique_id"', 'type = "database"')
assert !new File(home, 'migration-resources').exists()

Properties login = new Properties()
login.user = 'wso2carbon'
login.password = 'wso2carbon'
def c = new org.h2.Driver().connect('jdbc:h2:' + new File(basedir, 'registry/WSO2SHARED_DB').absolutePath + ';IFEXISTS=TRUE', login)
try {
    def stored = IdentityFixtures.stored(c)
    String acme = IdentityFixtures.read('identity/tenant-conf-acme.json')
    assert stored[203] == acme
    assert stored[201].contains('"Roles": "admin,Internal/creator,api-team"')
    assert stored[201].contains('"Roles": "admin,Internal/subscriber,Internal/partners"')
    assert stored[202].contains('"Roles":"admin, Internal/publisher,creators"')
} finally {
    c.close()
}
return true
