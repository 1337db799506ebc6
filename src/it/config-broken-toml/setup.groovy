// Example homes whose 3.1.0 deployment.toml is not valid TOML (an unclosed table header), then the
// snapshots that verify.groovy compares with.
import io.github.apimupgrade.migrateconfig.ExampleHomes

def root = basedir.toPath()
ExampleHomes.build(root)
def toml = new File(basedir, 'wso2am-3.1.0/repository/conf/deployment.toml')
toml.setText(toml.getText('UTF-8') + '\n[apim.throttling\nenable = true\n', 'UTF-8')
ExampleHomes.snapshot(root.resolve('wso2am-3.1.0'), root.resolve('new-before.txt'))
ExampleHomes.snapshot(root.resolve('wso2am-3.0.0'), root.resolve('old-before.txt'))
return true
