// The first server run exhausted its connection pool; the goal stopped it, set [indexing]
// frequency = 10, ran again, succeeded, and reverted the override: the home is clean file by file.
import io.github.apimupgrade.identity.IdentityFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
['PoolExhaustedException', 'retrying once with the temporary [indexing] frequency = 10',
 'identity migration finished; the server had started', 'BUILD SUCCESS'].each { assert log.contains(it), "build.log lacks '$it'" }
File home = new File(basedir, 'wso2am-3.1.0')
Properties before = new Properties()
new File(basedir, 'home-before.properties').withInputStream { before.load(it) }
def after = IdentityFixtures.snapshot(home.toPath())
def toml = 'repository/conf/deployment.toml'
assert new TreeMap(before).findAll { it.key != toml } == new TreeMap(after).findAll { it.key != toml }
String original = IdentityFixtures.read('identity/deployment.toml')
assert new File(home, toml).getText('UTF-8') == original.replace('type = "database_unique_id"', 'type = "database"')
assert new File(basedir, '.apim-upgrade/identity/server-identity-2.log').text.contains('WSO2 Carbon started in')
return true
