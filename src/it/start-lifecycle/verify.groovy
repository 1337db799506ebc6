// Every phase ran in order up to start; the reindex server run and the start proved every tenant's APIs and
// stopped the server; the second lifecycle run did nothing and skipped apim:start; nothing is left running.
import io.github.apimupgrade.server.StartFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
int at = -1
['check', 'backup', 'migrate-config', 'migrate-db', 'migrate-identity', 'migrate-analytics', 'reindex', 'verify', 'start'].each { g ->
    int i = log.indexOf(':' + g + ' (default-' + g + ')', at + 1)
    assert i > at : "apim:${g} did not run after the previous phase"
    at = i
}
int second = log.indexOf(':check (default-check)', at)
assert second > 0 : 'the lifecycle ran twice'
String first = log.substring(0, second)
String rerun = log.substring(second)
['reindex-server-run', 'tenant loader removed', 'no FAIL; the server was stopped again.'].each { assert first.contains(it), "first run lacks '$it'" }
['migrate-db: nothing to do', 'reindex: nothing to do', 'Skipping apim:start: the apim lifecycle runs it only with -Dapim.start=true',
 'BUILD SUCCESS'].each { assert rerun.contains(it), "second run lacks '$it'" }
assert !rerun.contains('Started api-m') : 'the second run started no server'
File home = new File(basedir, 'wso2am-3.1.0')
assert !new File(home, 'repository/components/dropins/tenantloader-1.0.jar').exists()
String findings = new File(basedir, '.apim-upgrade/start.json').getText('UTF-8')
assert !findings.contains('"FAIL"') && findings.contains('acme.org: the registry index finds each API of AM_API by name (1)') : findings
assert StartFixtures.left(basedir.toPath()).isEmpty() : "still running: ${StartFixtures.left(basedir.toPath())}"
return true
