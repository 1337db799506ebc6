// Example WSO2 API-M 3.0.0 and 3.1.0 homes and snapshots of both (see ExampleHomes in the tests).
io.github.apimupgrade.migrateconfig.ExampleHomes.setupIt(basedir.toPath())
return true
