// The README's operator pom with one profile added for this deployment: nothing else is edited.
import io.github.apimupgrade.testing.TestDatabase
['org.h2.Driver', 'org.postgresql.Driver'].each { Class.forName(it, true, TestDatabase.classLoader) }

String built = (new File(basedir, 'pom.xml').text =~ /<version>([^<]+)<\/version>/)[0][1]
String readme = new File(itProjectRoot, 'README.md').getText('UTF-8')
int marker = readme.indexOf('<!-- operator-pom -->')
assert marker >= 0, 'the README has no operator pom marker'
int start = readme.indexOf('```xml\n', marker) + '```xml\n'.length()
String pom = readme.substring(start, readme.indexOf('```', start))
assert pom.contains("<version>$built</version>"), "the README's operator pom does not name the version built ($built)"
assert pom.contains('<extensions>true</extensions>')

String profile = '''    <profile>
      <id>it</id>
      <properties>
        <apim.env>it</apim.env>
        <apim.oldHome>${project.basedir}/wso2am-3.0.0</apim.oldHome>
        <apim.newHome>${project.basedir}/wso2am-3.1.0</apim.newHome>
        <apim.identity.resources>${project.basedir}/downloads/wso2is-migration-9.9.1</apim.identity.resources>
        <apim.identity.run>true</apim.identity.run>
        <apim.identity.timeoutMinutes>2</apim.identity.timeoutMinutes>
        <apim.reindex.tenantLoader>${project.basedir}/downloads/tenantloader-1.0.jar</apim.reindex.tenantLoader>
      </properties>
    </profile>
  </profiles>'''
assert pom.count('</profiles>') == 1
new File(basedir, 'pom.xml').setText(pom.replace('  </profiles>', profile), 'UTF-8')

io.github.apimupgrade.lifecycle.LifecycleFixtures.setup(basedir.toPath(), 'b', 'POSTGRESQL', null)
return true
