// The whole deployment at 3.0.0 (see LifecycleFixtures in the tests).
Class.forName('org.h2.Driver', true, io.github.apimupgrade.testing.TestDatabase.classLoader)
Class.forName('org.postgresql.Driver', true, io.github.apimupgrade.testing.TestDatabase.classLoader)
Class.forName('org.mariadb.jdbc.Driver', true, io.github.apimupgrade.testing.TestDatabase.classLoader)
io.github.apimupgrade.lifecycle.LifecycleFixtures.setup(basedir.toPath(), 'postgresql')
return true
