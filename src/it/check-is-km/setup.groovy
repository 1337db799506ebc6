// The lifecycle ITs' 3.0.0 deployment on embedded H2, its deployment.toml pointing at WSO2 IS as Key Manager
// as the 3.0.0 documentation configures it; both homes and the H2 databases' content recorded by checksum.
Class.forName('org.h2.Driver', true, io.github.apimupgrade.testing.TestDatabase.classLoader)
def root = basedir.toPath()
io.github.apimupgrade.lifecycle.LifecycleFixtures.setup(root, 'h2')
def toml = root.resolve('wso2am-3.0.0/repository/conf/deployment.toml').toFile()
toml.append('\n[apim.key_manager]\nservice_url = "https://is-km.example.com:9444/services/"\n')
io.github.apimupgrade.check.UnchangedDeployment.record(root)
return true
