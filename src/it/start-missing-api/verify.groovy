// The build failed naming the API of AM_API the Publisher does not list; nothing is left running; the home is as it was.
import io.github.apimupgrade.server.StartFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
['wso2.com: the Publisher does not list 1 API(s) of AM_API: Weather 2.1.0 (alice@wso2.com)', 'Stopped api-m', 'BUILD FAILURE'].each {
    assert log.contains(it), "build.log lacks '$it'"
}
String findings = new File(basedir, '.apim-upgrade/start.json').getText('UTF-8')
assert findings.contains('the registry index does not find 1 API(s) by name: Weather 2.1.0 (alice@wso2.com)') : findings
assert findings.contains('carbon.super: the Publisher lists the 1 API of AM_API') : findings
assert new File(basedir, '.apim-upgrade/report.json').text.contains('"outcome":"failed"')
assert StartFixtures.left(basedir.toPath()).isEmpty() : "still running: ${StartFixtures.left(basedir.toPath())}"
assert StartFixtures.homeChanges(basedir.toPath()).isEmpty() : StartFixtures.homeChanges(basedir.toPath())
return true
