package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.path.Environment;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.path.UpgradePaths;
import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.paths.v300to310.Path300To310;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The one place where Maven meets the core: it gathers the settings layers (-D, apim.configFile, the pom's
 * properties with the active profiles, this plugin's configuration), settings.xml credentials, artifact
 * resolution and the goals of this invocation, hands them to the core's {@link GoalExecutor}, and maps its
 * outcome to Maven's two kinds of failure: refused (nothing changed) and failed.
 */
public abstract class AbstractApimMojo extends SettingsParameters {
    static {
        // HikariCP reports each pool's start and stop at INFO: the plugin's own lines say what matters. Maven 4's
        // logger reads maven.logger.*, and warns about the slf4j-simple name that Maven 3 reads.
        String factory = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
        String logger = factory.startsWith("org.apache.maven.") ? "maven.logger" : "org.slf4j.simpleLogger";
        if (System.getProperty(logger + ".log.com.zaxxer.hikari") == null) {
            System.setProperty(logger + ".log.com.zaxxer.hikari", "warn");
        }
    }

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    /** Role to comma-separated scopes, per environment (overridden by apim.roleMapping.&lt;role&gt; properties). */
    @Parameter
    protected Map<String, String> roleMappings = new HashMap<>();

    private final String goal;
    private final SettingsDecrypter decrypter;
    private final RepositorySystem repositorySystem;

    protected AbstractApimMojo(String goal, SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        this.goal = goal;
        this.decrypter = decrypter;
        this.repositorySystem = repositorySystem;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (Boolean.parseBoolean(skip)) {
            getLog().info("Skipping apim:" + goal + " (apim.skip is true).");
            return;
        }
        LayeredProperties layers;
        try {
            layers = layers();
        } catch (RuntimeException e) {
            throw new MojoFailureException(new SecretRedactor().redact(e.getMessage()));
        }
        UpgradePath path;
        try {
            path = UpgradePaths.named(layers.get(UpgradePaths.PROPERTY), Path300To310::new);
        } catch (RuntimeException e) {
            throw new MojoFailureException(e.getMessage());
        }
        GoalExecutor.Result result = new GoalExecutor(path, new SettingsXmlCredentials(settings, decrypter), new MavenUpgradeLog(getLog()))
                .execute(new GoalExecutor.Request(goal, layers, environment(path), runKey()));
        switch (result.outcome()) {
            case REFUSED -> throw new MojoFailureException(result.message());
            case FAILED, INTERRUPTED -> throw new MojoExecutionException(result.message(), RedactedCause.of(result.failure()));
            default -> {
                // succeeded or skipped
            }
        }
    }

    private Environment environment(UpgradePath path) {
        Optional<Path> localRepo = Optional.ofNullable(session == null || session.getRepositorySession() == null ? null
                : session.getRepositorySession().getLocalRepository().getBasedir().toPath());
        return new Environment(c -> MavenArtifacts.resolve(repositorySystem, session, project, c),
                new SettingsXmlCredentials(settings, decrypter), getClass().getClassLoader(), localRepo, baseDir().toAbsolutePath(),
                roleMappings == null ? Map.of() : Map.copyOf(roleMappings),
                session == null || session.getGoals() == null ? List.of() : RunGoals.of(session.getGoals(), path),
                mojoExecution != null && mojoExecution.getSource() == MojoExecution.Source.LIFECYCLE);
    }

    /** One key per mvn invocation: the goals of one invocation share their locks and their look-ahead. */
    private String runKey() {
        return session == null || session.getRequest() == null || session.getRequest().getStartTime() == null
                ? "goal-" + System.nanoTime()
                : System.identityHashCode(session.getRequest()) + "-" + session.getRequest().getStartTime().getTime();
    }

    private LayeredProperties layers() {
        return MavenPropertyLayers.of(session == null ? null : session.getUserProperties(),
                project == null ? null : project.getProperties(), parameterValues(), baseDir(), this::environmentVariable);
    }

    private Path baseDir() {
        return project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of(".");
    }

    private String environmentVariable(String name) {
        Properties system = session == null ? null : session.getSystemProperties();
        String v = system == null ? null : system.getProperty("env." + name);
        return v != null ? v : System.getenv(name);
    }

    /** Keeps the stack trace for -e; the messages in the chain were redacted by the core. */
    private static final class RedactedCause extends Exception {
        private RedactedCause(Throwable original) {
            super(original.getClass().getName() + ": " + new SecretRedactor().redact(original.getMessage()),
                    original.getCause() == null || original.getCause() == original ? null : new RedactedCause(original.getCause()),
                    false, true);
            setStackTrace(original.getStackTrace());
        }

        static Exception of(Throwable t) {
            return t == null ? null : new RedactedCause(t);
        }
    }
}
