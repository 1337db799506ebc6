// Without apim.exitCodes the refused build exited like any failed build (the invoker saw a failure);
// with it, the same build exits with 2 and says why.
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
assert log.contains('no-such-wso2am-3.0.0')

File mvn = new File(System.getProperty('maven.home') ?: System.getenv('MAVEN_HOME') ?: '/usr/share/maven', 'bin/mvn')
List<String> command = [mvn.exists() ? mvn.path : 'mvn', '-B', '-o', '-llr', '-Dmaven.repo.local=' + localRepositoryPath,
                        '-f', new File(basedir, 'pom.xml').path, 'apim:check', '-Dapim.exitCodes=true']
Process p = new ProcessBuilder(command).redirectErrorStream(true).start()
String out = p.inputStream.getText('UTF-8')
int code = p.waitFor()
new File(basedir, 'build-exit-codes.log').setText(out, 'UTF-8')
assert code == 2 : "exit code ${code}, expected 2 (refused):\n${out}"
assert out.contains('Exiting with code 2 (refused, nothing changed), as apim.exitCodes=true asks.')
assert !new File(basedir, 'no-such-wso2am-3.0.0').exists() : 'nothing was created'
return true
