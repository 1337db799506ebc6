// Refused with the guide's name; both homes are byte for byte as before, the H2 databases' content too.
import io.github.apimupgrade.check.UnchangedDeployment

String log = new File(basedir, 'build.log').getText('UTF-8')
['Refused by check:', 'https://is-km.example.com:9444/services/', 'Upgrading WSO2 IS as the Key Manager to 5.10.0',
 "'apim.keyManager=api-m'", 'Nothing was changed.', 'BUILD FAILURE'].each { assert log.contains(it), "build.log lacks '$it'" }
assert new File(basedir, '.apim-upgrade/report.json').text.contains('"outcome":"refused"')
assert UnchangedDeployment.changes(basedir.toPath()).isEmpty() : UnchangedDeployment.changes(basedir.toPath())
return true
