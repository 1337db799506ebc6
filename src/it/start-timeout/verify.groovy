// The build failed after the timeout with the server's last line; nothing is left running; the home is as it was.
import io.github.apimupgrade.server.StartFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
["did not report 'WSO2 Carbon started in' within 6 s ('apim.start.timeoutSeconds'); it was stopped.",
 'Its last log line:', 'Registry Mode : READ-WRITE', 'Stopped api-m', 'BUILD FAILURE'].each { assert log.contains(it), "build.log lacks '$it'" }
assert StartFixtures.left(basedir.toPath()).isEmpty() : "still running: ${StartFixtures.left(basedir.toPath())}"
assert StartFixtures.homeChanges(basedir.toPath()).isEmpty() : StartFixtures.homeChanges(basedir.toPath())
return true
