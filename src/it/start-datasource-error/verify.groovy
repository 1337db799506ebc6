// The build failed with the server's datasource error line; nothing is left running; the home is as it was.
import io.github.apimupgrade.server.StartFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
['The 3.1.0 server logged a failure while starting:',
 'ERROR {org.wso2.carbon.ndatasource.core.DataSourceRepository} - Error in registering data source: WSO2AM_DB:',
 'Stopped api-m', 'BUILD FAILURE'].each { assert log.contains(it), "build.log lacks '$it'" }
assert !log.contains('WSO2 Carbon started in') : 'the goal stopped at the failure line'
assert StartFixtures.left(basedir.toPath()).isEmpty() : "still running: ${StartFixtures.left(basedir.toPath())}"
assert StartFixtures.homeChanges(basedir.toPath()).isEmpty() : StartFixtures.homeChanges(basedir.toPath())
return true
