package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Pre-flight; changes nothing. It looks at the environment and at every step of every goal this run executes, and any
 * FAIL refuses the run ("Refused by check") before anything changes. Each finding is PASS, WARN or FAIL with its fix.
 * <ul>
 * <li>First, which Key Manager 3.0.0 uses: a node that uses WSO2 Identity Server as its Key Manager is refused, naming
 * WSO2's guide "Upgrading WSO2 IS as the Key Manager to 5.10.0", which applies there instead of these steps.</li>
 * <li>Every configured database reachable with its credentials, and WSO2AM_DB at 3.0.0.</li>
 * <li>The old and new homes of the right versions (<code>bin/version.txt</code>, else the apimgt bundle's version).</li>
 * <li>No server running (<code>wso2carbon.pid</code>, port 9443 + <code>apim.server.offset</code>).</li>
 * <li>Free disk for the backup; registry versioning; tenants (count, active, Synapse API files).</li>
 * <li>Keystores open with their passwords (<code>apim.keystore.primary.password</code>,
 * <code>apim.keystore.truststore.password</code>; aliases, key size).</li>
 * <li>JDBC drivers on the plugin and in the new home; the identity migration resources when configured.</li>
 * </ul>
 */
@Mojo(name = "check", requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractApimMojo {
    @Inject
    public CheckMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("check", decrypter, repositorySystem);
    }
}
