// A migrator failed: the goal reported it, stopped the server, failed the build, and put every file
// of the home back as it was (no jar, no migration-resources, deployment.toml byte for byte); no
// tenant-conf.json was written.
import io.github.apimupgrade.identity.IdentityFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
['Error while executing ClaimDataMigrator', 'The identity migration failed: identity migration failed',
 'is back as it was before the migration was prepared', 'BUILD FAILURE'].each { assert log.contains(it), "build.log lacks '$it'" }
File home = new File(basedir, 'wso2am-3.1.0')
Properties before = new Properties()
new File(basedir, 'home-before.properties').withInputStream { before.load(it) }
assert new TreeMap(before) == new TreeMap(IdentityFixtures.snapshot(home.toPath()))
assert new File(home, 'repository/conf/deployment.toml').getText('UTF-8') == IdentityFixtures.read('identity/deployment.toml')

Properties login = new Properties()
login.user = 'wso2carbon'
login.password = 'wso2carbon'
def c = new org.h2.Driver().connect('jdbc:h2:' + new File(basedir, 'registry/WSO2SHARED_DB').absolutePath + ';IFEXISTS=TRUE', login)
try {
    assert IdentityFixtures.stored(c).toString() == new File(basedir, 'registry-before.txt').text
} finally {
    c.close()
}
return true
