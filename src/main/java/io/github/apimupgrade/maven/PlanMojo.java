package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Prints the whole upgrade for this environment and node role, goal by goal; changes nothing in the deployment. Every
 * step shows its state (TO DO, DONE, NOT APPLICABLE, BLOCKED), why it exists (a runbook section or a correction) and
 * what it would do: the exact statements, the TOML diff with each change's line and table, the file operations.
 * <p>It also writes the plan for review to <code>&lt;apim.workDir&gt;/plan-&lt;env&gt;/</code>:</p>
 * <ul>
 * <li><code>plan-&lt;database&gt;.sql</code> per database: every statement in the order the run sends it, terminated as the
 * dialect's command-line client reads it (<code>;</code>, <code>GO</code> on MSSQL, <code>/</code> after Oracle blocks,
 * <code>DELIMITER</code> around MySQL bodies);</li>
 * <li><code>deployment.diff</code>: each TOML change under its file, with <code>@@ line N [table] @@</code>;</li>
 * <li><code>files.txt</code>: the file operations; <code>plan.json</code>: all of it per goal and step.</li>
 * </ul>
 * <p>The folder's path is printed on standard output, even with <code>mvn -q</code>. Until migrate-config has copied the
 * embedded H2 databases, the plan reads them in the old home. It is refused (non-zero exit) when the upgrade it shows
 * would be.</p>
 */
@Mojo(name = "plan", requiresProject = false, threadSafe = true)
public class PlanMojo extends AbstractApimMojo {
    @Inject
    public PlanMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("plan", decrypter, repositorySystem);
    }
}
