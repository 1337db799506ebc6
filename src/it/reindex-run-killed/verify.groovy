// The halted first run left the server running; the second stopped it, ran the server again until the index found
// every tenant's APIs, stopped it and removed the tenant loader; nothing is left running.
import io.github.apimupgrade.server.StartFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
['Started api-m', 'An earlier run was interrupted while api-m was running', 'reindex-server-run', 'Stopped api-m',
 'tenant loader removed', 'BUILD SUCCESS'].each { assert log.contains(it), "build.log lacks '$it'" }
File home = new File(basedir, 'wso2am-3.1.0')
assert !new File(home, 'repository/components/dropins/tenantloader-1.0.jar').exists() : 'the tenant loader is removed'
assert new File(home, 'repository/conf/deployment.toml').text.contains('re_indexing = 1')
String index = new File(basedir, '.apim-upgrade/reindex-index.json').getText('UTF-8')
['carbon.super', 'wso2.com', 'acme.org'].each { assert index.contains(it + ': the registry index finds each API of AM_API by name (1)'), index }
assert !index.contains('"FAIL"') : index
assert new File(basedir, '.apim-upgrade/reindex/it-indexed.properties').text.contains('verified=true')
assert StartFixtures.left(basedir.toPath()).isEmpty() : "still running: ${StartFixtures.left(basedir.toPath())}"
return true
