// Layout (c) WSO2AM_DB, registry, user store and config registry: four databases on one server: the homes, and the databases at 3.0.0 named only in the old deployment.toml.
import io.github.apimupgrade.testing.TestDatabase
['org.h2.Driver', 'org.postgresql.Driver', 'org.mariadb.jdbc.Driver', 'com.mysql.cj.jdbc.Driver'].each {
    Class.forName(it, true, TestDatabase.classLoader)
}
io.github.apimupgrade.lifecycle.LifecycleFixtures.setup(basedir.toPath(), 'c', 'MARIADB_VIA_MYSQL_DRIVER', null)
return true
