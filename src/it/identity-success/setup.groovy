// A test 3.1.0 home playing the "success" server run, the test identity migration resources, and an H2
// registry with three tenants; the home's files are recorded so that verify.groovy compares them.
import io.github.apimupgrade.identity.IdentityFixtures

['wso2am-3.1.0', 'downloads', 'registry', 'target'].each { new File(basedir, it).deleteDir() }
def home = IdentityFixtures.home(new File(basedir, 'wso2am-3.1.0').toPath(), 'success')
IdentityFixtures.resources(new File(basedir, 'downloads').toPath())
new File(basedir, 'registry-before.txt').text = IdentityFixtures.h2Registry(new File(basedir, 'registry/WSO2SHARED_DB').toPath()).toString()
Properties snap = new Properties()
snap.putAll(IdentityFixtures.snapshot(home))
new File(basedir, 'home-before.properties').withOutputStream { snap.store(it, null) }
return true
