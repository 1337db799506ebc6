// apim:help -Ddetail=true shows every goal and every setting of the settings list, with type and default.
// help wraps its text at 80 columns: compare with the whitespace folded
String log = new File(basedir, 'build.log').getText('UTF-8').replaceAll(/\s+/, ' ')
assert log.contains('BUILD SUCCESS')
['backup', 'check', 'plan', 'status', 'migrate-config', 'migrate-db', 'migrate-identity', 'migrate-analytics', 'reindex',
 'verify', 'start', 'restore'].each { goal ->
    assert log.contains("apim:$goal"), "help lacks the goal $goal"
}
File list = new File(itProjectRoot, 'src/main/resources/apim-settings.tsv')
int settings = 0
list.eachLine('UTF-8') { line ->
    if (line.isBlank() || line.startsWith('#')) {
        return
    }
    String name = line.split('\t')[0]
    if (!name.startsWith('apim.fault.')) {
        assert log.contains(name), "help lacks the setting $name"
        settings++
    }
}
assert settings > 60
assert log.contains('Type: number. Default: 50000.'), 'the types and defaults are shown'
