// The plan found the resources by their coordinates, shows migrate-identity's steps with the role mappings of
// both layers (the plugin's <roleMappings> and apim.roleMapping.*), and left every file as it was.
import io.github.apimupgrade.identity.IdentityFixtures

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert log.contains('apim:plan changed nothing.')
assert !log.contains('BLOCKED') : 'a step of migrate-identity was BLOCKED'
assert log.contains('APIM OUTCOME: succeeded (apim:plan')
assert log.contains('resources from io.github.apimupgrade.it.wso2:wso2is-migration:9.9.1:zip')
assert log =~ /identity-prepare +TO DO/
assert log =~ /scope-role-mapping +TO DO +2 of 3 tenant/
// api-team from apim.roleMapping.*, creators and Internal/partners from <roleMappings>
['"admin,Internal/creator,api-team" (+api-team)', '"admin,Internal/subscriber,Internal/partners" (+Internal/partners)',
 '"admin, Internal/publisher,creators" (+creators)', 'tenant acme.org (2): unchanged'].each {
    assert log.contains(it), "the plan lacks '$it'"
}

Properties before = new Properties()
new File(basedir, 'files-before.properties').withInputStream { before.load(it) }
def after = new TreeMap(IdentityFixtures.snapshot(new File(basedir, 'wso2am-3.1.0').toPath()))
after.putAll(IdentityFixtures.snapshot(new File(basedir, 'registry').toPath()).collectEntries { k, v -> ['registry/' + k, v] })
assert new TreeMap(before) == after : 'apim:plan changed a file of the home or the registry'
return true
