package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.goal.ExclusiveRun;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.report.ReportWriter;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.SettingsResolver;
import io.github.apimupgrade.core.settings.UpgradeSettings;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The one place where Maven meets the core: skip flags, settings in a fixed order of precedence,
 * settings.xml credentials, and the mapping of core failures to Maven's two kinds.
 *
 * <p>Precedence, highest first: {@code -D} on the command line; the file named by
 * {@code apim.configFile}; pom properties (with the active profiles'); this plugin's
 * {@code <configuration>}; built-in defaults. A {@code serverId} supplies the user name and password
 * from settings.xml instead of the password properties.
 */
public abstract class AbstractApimMojo extends AbstractMojo {
    static final String EXIT_CODES = "apim.exitCodes";
    static final int REFUSED_EXIT_CODE = 2;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    /** Skips every goal of this plugin. */
    @Parameter(property = "apim.skip", defaultValue = "false")
    protected boolean skip;

    /** The WSO2 API-M 3.0.0 home. */
    @Parameter(property = "apim.oldHome")
    protected File oldHome;

    /** The WSO2 API-M 3.1.0 home; relative H2 URLs are resolved against it. */
    @Parameter(property = "apim.newHome")
    protected File newHome;

    /** Journal, plans and reports. */
    @Parameter(property = "apim.workDir", defaultValue = "${project.build.directory}/apim-upgrade")
    protected File workDir;

    /** The environment's name (dev, staging, prod...), used in reports and backup names. */
    @Parameter(property = "apim.env")
    protected String env;

    /** all-in-one, gateway, traffic-manager, publisher, devportal or key-manager. */
    @Parameter(property = "apim.nodeRole", defaultValue = "all-in-one")
    protected String nodeRole;

    /** Print what would be done, change nothing. */
    @Parameter(property = "apim.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** A .properties or .toml file with apim.* settings for one environment. */
    @Parameter(property = "apim.configFile")
    protected File configFile;

    /** Any apim.* setting, lowest precedence above the defaults (e.g. {@code <apim.db.apim.url>}). */
    @Parameter
    protected Map<String, String> properties = new HashMap<>();

    private final SettingsDecrypter decrypter;
    private final SecretRedactor redactor = new SecretRedactor();

    protected AbstractApimMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    /** The goal's name, for {@code apim.<goal>.skip}. */
    protected abstract String goalName();

    protected abstract void run(StepContext context) throws ApimException;

    /**
     * settings.xml credentials for goals that sign in to a server (apim:start's admin logins); every
     * password found is registered with the redactor before the core can use it.
     */
    protected final CredentialSource credentials() {
        CredentialSource source = new SettingsXmlCredentials(settings, decrypter);
        return id -> source.lookup(id).map(c -> {
            redactor.register(c.password());
            return c;
        });
    }

    /** Why this execution does nothing (logged instead), beside apim.skip and apim.&lt;goal&gt;.skip; empty to run. */
    protected Optional<String> skipReason(LayeredProperties layers) {
        return Optional.empty();
    }

    /** Goals that change the deployment run under the upgrade lock; read-only goals override this. */
    protected boolean changesDeployment() {
        return true;
    }

    /**
     * Whether the goal looks at the 3.0.0 deployment as it stands (check, backup): its relative H2 URLs
     * then point into apim.oldHome, where the embedded databases are until migrate-config copies them.
     */
    protected boolean readsOldDeployment() {
        return false;
    }

    /** Where this goal's relative H2 URLs point; plans read the old home's files until migrate-config has copied them. */
    protected SettingsResolver.H2Home h2Home() {
        return readsOldDeployment() ? SettingsResolver.H2Home.OLD : SettingsResolver.H2Home.NEW;
    }

    /** Whether the goal works on the databases, so that it also takes their upgrade locks. */
    protected boolean usesDatabases() {
        return true;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        LayeredProperties layers = layers();
        if (skip || layers.flag("apim.skip", false) || layers.flag("apim." + goalName() + ".skip", false)) {
            getLog().info("Skipping apim:" + goalName() + " (apim.skip or apim." + goalName() + ".skip is true).");
            return;
        }
        Optional<String> skipped = skipReason(layers);
        if (skipped.isPresent()) {
            getLog().info(skipped.get());
            return;
        }
        UpgradeLog log = redactor.wrap(new MavenUpgradeLog(getLog()));
        UpgradeSettings resolved = null;
        long start = System.currentTimeMillis();
        try {
            resolved = new SettingsResolver(baseDir(), new SettingsXmlCredentials(settings, decrypter), redactor)
                    .h2Home(h2Home()).resolve(layers);
            journal(resolved, "STARTED", "apim:" + goalName() + (resolved.dryRun() ? " (dry run)" : ""), 0);
            try (Databases databases = new Databases(resolved, getClass().getClassLoader())) {
                StepContext context = new StepContext(resolved, databases, log);
                if (changesDeployment() && !resolved.dryRun()) {
                    ExclusiveRun.run(context, usesDatabases(), () -> run(context));
                } else {
                    run(context);
                }
            }
            journal(resolved, "SUCCEEDED", "", System.currentTimeMillis() - start);
        } catch (ApimUserException e) {
            String message = redactor.redact(e.getMessage());
            journal(resolved, "REFUSED", message, System.currentTimeMillis() - start);
            if (layers.flag(EXIT_CODES, false)) {
                exitAsRefused(message);
            }
            throw new MojoFailureException(message);
        } catch (ApimException e) {
            String message = redactor.redact(e.getMessage());
            journal(resolved, "FAILED", message, System.currentTimeMillis() - start);
            throw new MojoExecutionException(message, new RedactedCause(e, redactor));
        } catch (RuntimeException e) {
            String message = "Unexpected failure in apim:" + goalName() + ": " + redactor.redact(String.valueOf(e));
            journal(resolved, "FAILED", message, System.currentTimeMillis() - start);
            throw new MojoExecutionException(message, new RedactedCause(e, redactor));
        }
    }

    /**
     * Maven exits with 1 whatever failed. A CI job that asked for it ({@code apim.exitCodes=true}) gets
     * {@value #REFUSED_EXIT_CODE} when the run was refused (bad input, a FAIL in check: nothing changed),
     * which takes ending the JVM here, before Maven's own summary.
     */
    private void exitAsRefused(String message) {
        getLog().error("apim:" + goalName() + " refused: " + message);
        getLog().error("Exiting with code " + REFUSED_EXIT_CODE + " (refused, nothing changed), as " + EXIT_CODES + "=true asks.");
        System.exit(REFUSED_EXIT_CODE);
    }

    /** Goal-level journal entry and a fresh report; never lets a reporting problem hide the goal's own outcome. */
    private void journal(UpgradeSettings resolved, String status, String detail, long millis) {
        if (resolved == null) {
            return;
        }
        try {
            new Journal(resolved.workDir(), resolved.env()).record(goalName(), "(goal)", status, detail, millis);
            if (!status.equals("STARTED")) {
                ReportWriter.write(resolved.workDir(), resolved.env());
            }
        } catch (ApimException e) {
            getLog().warn("Could not update the run journal or report: " + redactor.redact(e.getMessage()));
        }
    }

    private LayeredProperties layers() {
        Map<String, String> configured = configured();
        putIfSet(configured, "apim.configFile", configFile == null ? null : configFile.getPath());
        return MavenPropertyLayers.of(session == null ? null : session.getUserProperties(),
                project == null ? null : project.getProperties(), configured, baseDir(), this::environment);
    }

    private Path baseDir() {
        return project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of(".");
    }

    private String environment(String name) {
        Properties system = session == null ? null : session.getSystemProperties();
        String v = system == null ? null : system.getProperty("env." + name);
        return v != null ? v : System.getenv(name);
    }

    private Map<String, String> configured() {
        Map<String, String> m = new HashMap<>(properties == null ? Map.of() : properties);
        putIfSet(m, "apim.oldHome", oldHome == null ? null : oldHome.getPath());
        putIfSet(m, "apim.newHome", newHome == null ? null : newHome.getPath());
        putIfSet(m, "apim.workDir", workDir == null ? null : workDir.getPath());
        putIfSet(m, "apim.env", env);
        putIfSet(m, "apim.nodeRole", nodeRole);
        putIfSet(m, "apim.dryRun", dryRun ? "true" : null);
        return m;
    }

    private static void putIfSet(Map<String, String> m, String key, String value) {
        if (value != null && !m.containsKey(key)) {
            m.put(key, value);
        }
    }

    /** Keeps the stack trace for -e while making sure no message in the chain shows a password. */
    private static final class RedactedCause extends Exception {
        RedactedCause(Throwable original, SecretRedactor redactor) {
            super(original.getClass().getName() + ": " + redactor.redact(original.getMessage()),
                    original.getCause() == null || original.getCause() == original ? null
                            : new RedactedCause(original.getCause(), redactor), false, true);
            setStackTrace(original.getStackTrace());
        }
    }
}
