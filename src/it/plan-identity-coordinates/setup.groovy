// A test 3.1.0 home, an H2 registry with three tenants, and the test identity migration resources as a zip
// in the local Maven repository only; every file of the home and the registry's file are recorded.
import io.github.apimupgrade.identity.IdentityFixtures

['wso2am-3.1.0', 'downloads', 'registry', 'target', '.apim-upgrade'].each { new File(basedir, it).deleteDir() }
def home = IdentityFixtures.home(new File(basedir, 'wso2am-3.1.0').toPath(), 'success')
def zip = new File(localRepositoryPath, 'io/github/apimupgrade/it/wso2/wso2is-migration/9.9.1/wso2is-migration-9.9.1.zip').toPath()
IdentityFixtures.resourcesZip(new File(basedir, 'downloads').toPath(), zip)
new File(basedir, 'downloads').deleteDir()
IdentityFixtures.h2Registry(new File(basedir, 'registry/WSO2SHARED_DB').toPath())
Properties snap = new Properties()
snap.putAll(IdentityFixtures.snapshot(home))
snap.putAll(IdentityFixtures.snapshot(new File(basedir, 'registry').toPath()).collectEntries { k, v -> ['registry/' + k, v] })
new File(basedir, 'files-before.properties').withOutputStream { snap.store(it, null) }
return true
