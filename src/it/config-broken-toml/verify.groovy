// The run failed with a clear message naming the file and line, and neither home changed.
import io.github.apimupgrade.migrateconfig.ExampleHomes

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('wso2am-3.1.0/repository/conf/deployment.toml is not valid TOML'), 'no clear error'
assert log.contains('nothing was changed')
assert log.contains('BUILD FAILURE')
def problems = ExampleHomes.unchanged(basedir.toPath())
assert problems.isEmpty(), problems.join('\n')
assert !new File(basedir, 'wso2am-3.1.0/repository/conf/deployment.toml.apim-orig').exists()
assert !log.contains('Wrong-Plain-Pw-3kx9')
return true
