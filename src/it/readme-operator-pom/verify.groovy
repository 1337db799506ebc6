// Every phase in order, twice; the second run changed nothing; verify clean; then the scratch databases are dropped.
io.github.apimupgrade.lifecycle.LifecycleFixtures.verifyLifecycle(basedir.toPath())
return true
