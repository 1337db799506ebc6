package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * One line per goal of the lifecycle; changes nothing. Each goal is <code>done</code>, <code>nothing to do on this
 * deployment</code>, <code>N of M steps to do (step ids)</code>, <code>blocked: why</code> or <code>skipped:
 * apim.&lt;goal&gt;.skip is true</code> (a skipped goal is never shown as done). The state is read from the deployment
 * itself, through the same probes as apim:plan; the time and outcome of the goal's last run come from the journal. Then
 * verify's last run with its summary (from <code>verify.json</code>), what is left, and, once every goal is done, whether
 * verify has passed since the last of them ran.
 * <p>With <code>-Dapim.status.json=true</code> the same is one JSON document on standard output and in
 * <code>&lt;apim.workDir&gt;/status-&lt;env&gt;.json</code>; a program should read the file (Maven 3.8 writes a terminal code
 * before standard output even with <code>-B</code>).</p>
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractApimMojo {
    @Inject
    public StatusMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("status", decrypter, repositorySystem);
    }
}
