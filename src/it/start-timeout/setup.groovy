// An upgraded 3.1.0 node with the stand-in server as its bin/wso2server.sh (see StartFixtures in the tests).
Class.forName('org.h2.Driver', true, io.github.apimupgrade.testing.TestDatabase.classLoader)
io.github.apimupgrade.server.StartFixtures.upgraded(basedir.toPath(), true, [scenario: 'never-starts'])
return true
