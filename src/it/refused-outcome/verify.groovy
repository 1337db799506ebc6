// A refused run fails the build as Maven does (the invoker saw a failure), names what to change,
// prints one outcome line a CI job can grep, and creates nothing.
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
assert log.contains('no-such-wso2am-3.0.0') : 'the message names the setting to change'
assert log.contains('apim.oldHome')
def outcome = log.readLines().findAll { it.contains('APIM OUTCOME: ') }
assert outcome.size() == 1 : "one outcome line, got ${outcome}"
assert outcome[0].contains('APIM OUTCOME: refused (apim:check')
assert !log.contains('APIM OUTCOME: failed')
assert !new File(basedir, 'no-such-wso2am-3.0.0').exists() : 'nothing was created'
assert !new File(basedir, 'no-such-wso2am-3.1.0').exists() : 'nothing was created'
return true
