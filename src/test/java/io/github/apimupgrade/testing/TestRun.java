package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.path.Environment;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.path.UpgradePaths;
import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.paths.v300to310.Path300To310;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.PropertyLayer;
import io.github.apimupgrade.core.settings.SettingsResolver;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs core goals the way the Mojo does, with properties given as a map and the log captured. */
public final class TestRun {
    private final Map<String, String> props = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Path baseDir;
    private SettingsResolver.H2Home h2Home = SettingsResolver.H2Home.NEW;
    private ClassLoader driverLoader = TestRun.class.getClassLoader();

    public TestRun(Path baseDir) {
        this.baseDir = baseDir;
    }

    public TestRun set(String key, String value) {
        props.put(key, value);
        return this;
    }

    public TestRun unset(String key) {
        props.remove(key);
        return this;
    }

    public TestRun database(String key, TestDatabase db) {
        set("apim.db." + key + ".url", db.url());
        set("apim.db." + key + ".username", db.user());
        set("apim.db." + key + ".password", db.password());
        return this;
    }

    /** The class loader the JDBC drivers come from in {@link #execute} (the plugin's dependencies, for Maven). */
    public TestRun driverLoader(ClassLoader loader) {
        this.driverLoader = loader;
        return this;
    }

    /** Where relative H2 URLs point, as the Mojo of the goal would choose. */
    public TestRun h2Home(SettingsResolver.H2Home home) {
        this.h2Home = home;
        return this;
    }

    public List<String> log() {
        return log;
    }

    public String logText() {
        return String.join("\n", log);
    }

    /**
     * Runs a goal the way Maven does (GoalExecutor: options, locks, look-ahead, journal, outcome), as part of
     * the invocation {@code runKey} that runs {@code runGoals}.
     */
    public GoalExecutor.Result execute(String goal, String runKey, List<String> runGoals) {
        UpgradeLog captured = new UpgradeLog() {
            @Override public void info(String m) { log.add("INFO " + m); }
            @Override public void warn(String m) { log.add("WARN " + m); }
            @Override public void debug(String m) { log.add("DEBUG " + m); }
            @Override public void error(String m) { log.add("ERROR " + m); }
        };
        UpgradePath path = UpgradePaths.named(java.util.Optional.ofNullable(props.get(UpgradePaths.PROPERTY)), Path300To310::new);
        return new GoalExecutor(path, CredentialSource.none(), captured).execute(new GoalExecutor.Request(goal,
                new LayeredProperties(List.of(new PropertyLayer("test", props))), environment(runGoals), runKey));
    }

    private Environment environment(List<String> runGoals) {
        Environment plain = Environment.plain(baseDir);
        return new Environment(plain.resolver(), plain.credentials(), driverLoader, plain.localRepository(), plain.baseDir(),
                plain.roleMappings(), List.copyOf(runGoals), plain.viaLifecycle());
    }

    /** One goal as its own invocation. */
    public GoalExecutor.Result execute(String goal) {
        return execute(goal, "test-" + System.nanoTime(), List.of(goal));
    }

    public void run(Consumer<StepContext> goal) {
        SecretRedactor redactor = new SecretRedactor();
        UpgradeSettings settings = new SettingsResolver(baseDir, CredentialSource.none(), redactor).h2Home(h2Home)
                .resolve(new LayeredProperties(List.of(new PropertyLayer("test", props))));
        UpgradeLog captured = redactor.wrap(new UpgradeLog() {
            @Override public void info(String m) { log.add("INFO " + m); }
            @Override public void warn(String m) { log.add("WARN " + m); }
            @Override public void debug(String m) { log.add("DEBUG " + m); }
            @Override public void error(String m) { log.add("ERROR " + m); }
        });
        try (Databases dbs = new Databases(settings, getClass().getClassLoader())) {
            goal.accept(new StepContext(settings, dbs, captured, Environment.plain(baseDir)));
        }
    }
}
