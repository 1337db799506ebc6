// Every check passed for every tenant, the server was stopped, nothing is left running, the home is as it was.
import io.github.apimupgrade.server.StartFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
['Started api-m: sh bin/wso2server.sh -DportOffset=301', 'WSO2 Carbon started in', 'Stopped api-m',
 'start: ', 'no FAIL; the server was stopped again.', 'BUILD SUCCESS'].each { assert log.contains(it), "build.log lacks '$it'" }
['admin-pw-1', 'wso2-admin-pw-2', 'acme-admin-pw-3'].each { assert !log.contains(it), 'a password is in the build log' }
String findings = new File(basedir, '.apim-upgrade/start.json').getText('UTF-8')
assert !findings.contains('"FAIL"') && !findings.contains('"WARN"') : findings
['https://localhost:9744/carbon/ answers over HTTPS', 'carbon.super: the Publisher lists the 1 API of AM_API',
 'wso2.com: the Publisher lists the 1 API of AM_API', 'acme.org: the Publisher lists the 1 API of AM_API',
 'acme.org: the registry index finds each API of AM_API by name (1)', 'Synapse API file(s) of the super tenant are deployed'].each {
    assert findings.contains(it), "start.json lacks '$it'"
}
assert new File(basedir, '.apim-upgrade/report.json').text.contains('"outcome":"succeeded"')
assert StartFixtures.left(basedir.toPath()).isEmpty() : "still running: ${StartFixtures.left(basedir.toPath())}"
assert StartFixtures.homeChanges(basedir.toPath()).isEmpty() : StartFixtures.homeChanges(basedir.toPath())
return true
