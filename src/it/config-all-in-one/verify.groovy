// The all-in-one node's new home equals the expected tree file by file (SHA-256), the old home is
// unchanged, and the password of the settings.xml server appears in no log, report or file.
import io.github.apimupgrade.migrateconfig.ExampleHomes

// The driver jar the plugin was given as a dependency, as the IT's local repository holds it.
def jar = new File(localRepositoryPath.toString(), 'org/postgresql/postgresql').listFiles().collectMany { v ->
    (v.listFiles() ?: []).findAll { it.name ==~ /postgresql-[0-9.]+\.jar/ } }.first().toPath()
def problems = ExampleHomes.verifyIt(basedir.toPath(), 'all-in-one', jar)
assert problems.isEmpty(), problems.join('\n')

String log = new File(basedir, 'build.log').getText('UTF-8')
String report = new File(basedir, '.apim-upgrade/migrate-config-report.txt').getText('UTF-8')
String state = new File(basedir, '.apim-upgrade/state/it.json').getText('UTF-8')
String toml = new File(basedir, 'wso2am-3.1.0/repository/conf/deployment.toml').getText('UTF-8')
['Wrong-Plain-Pw-3kx9', 'old-toml-password'].each { pw ->
    [log, report, state, toml].each { assert !it.contains(pw), 'a password leaked' }
}
assert toml.contains('password = "$secret{apim_db_password}"')
assert log.contains('Plan of migrate-config (all-in-one node, environment it)')
assert log.contains('BUILD SUCCESS')
assert log.contains('migrate-config: done (')
assert log.contains('migrate-config: nothing to do, every step is already done.'), 'the second run did something'
assert report =~ /steps applied: [1-9]/ && !report.contains('DRY RUN'), 'the second run, which changed nothing, replaced the report of the first'
assert log.contains('migrate-config report of the run that changed this home (this run changed nothing)')
assert log.contains('REVIEW repository/deployment/server/synapse-configs/default/sequences/main.xml')
assert log.contains('REVIEW repository/tenants/2/synapse-configs/default/sequences/_cors_request_handler_.xml')
assert log.contains('apim_db_password (database.apim_db.password)') && log.contains('ciphertool.sh -Dconfigure')
return true
