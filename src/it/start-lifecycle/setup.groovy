// The lifecycle ITs' 3.0.0 deployment on embedded H2 (see LifecycleFixtures), with the stand-in 3.1.0 server.
Class.forName('org.h2.Driver', true, io.github.apimupgrade.testing.TestDatabase.classLoader)
io.github.apimupgrade.lifecycle.LifecycleFixtures.setup(basedir.toPath(), 'h2')
io.github.apimupgrade.server.StandIns.apim(basedir.toPath().resolve('wso2am-3.1.0'), [:])
return true
