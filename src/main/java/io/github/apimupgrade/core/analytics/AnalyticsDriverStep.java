package io.github.apimupgrade.core.analytics;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.DbKey;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runbook Step 3.2.4: the analytics database's JDBC driver, as an OSGi bundle, in
 * {@code <ANALYTICS_HOME>/lib}. The jar is {@code apim.analytics.driverJar}, or the one the plugin
 * itself loads the driver from (a dependency of the plugin). It is converted with the home's
 * {@code bin/jartobundle.sh}; a home without that script gets no jar and a note saying what to do.
 */
public final class AnalyticsDriverStep implements Step {
    @Override public String id() { return "analytics-jdbc-driver"; }
    @Override public Goal goal() { return Goal.MIGRATE_ANALYTICS; }
    @Override public String summary() { return "JDBC driver of the analytics database into <ANALYTICS_HOME>/lib as an OSGi bundle"; }
    @Override public String provenance() { return "runbook Step 3.2.4"; }

    private static Optional<Path> driverJar(StepContext context) {
        Optional<String> given = context.settings().properties().get("apim.analytics.driverJar");
        if (given.isPresent()) {
            return Optional.of(Path.of(given.get()).toAbsolutePath().normalize());
        }
        String cls = Dialect.driverClassFor(context.settings().requireDatabase(DbKey.ANALYTICS).url());
        try {
            Class<?> c = Class.forName(cls, false, AnalyticsDriverStep.class.getClassLoader());
            Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (ClassNotFoundException | URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** jartobundle names the bundle after the jar with '-' turned into '_' (and a _1.0.0 suffix). */
    static String bundlePrefix(Path jar) {
        String n = jar.getFileName().toString();
        return n.substring(0, n.length() - 4).replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static boolean present(Path lib, Path jar) throws IOException {
        if (!Files.isDirectory(lib)) {
            return false;
        }
        String prefix = bundlePrefix(jar);
        try (var s = Files.list(lib)) {
            return s.anyMatch(p -> p.getFileName().toString().replace('-', '_').toLowerCase(Locale.ROOT).startsWith(prefix));
        }
    }

    @Override
    public Probe probe(StepContext context) {
        Optional<Path> home = AnalyticsHome.of(context);
        if (home.isEmpty()) {
            return Probe.notApplicable("apim.analyticsHome is not set");
        }
        Optional<Path> jar = driverJar(context);
        if (jar.isEmpty()) {
            return Probe.blocked("no driver jar: set 'apim.analytics.driverJar' to the JDBC driver jar of the analytics database");
        }
        try {
            if (present(home.get().resolve("lib"), jar.get())) {
                return Probe.done("a bundle of " + jar.get().getFileName() + " is in " + home.get().resolve("lib"));
            }
        } catch (IOException e) {
            throw new ApimException("Cannot list " + home.get().resolve("lib") + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(home.get().resolve("bin/jartobundle.sh"))) {
            return Probe.notApplicable(home.get() + " has no bin/jartobundle.sh: convert the driver yourself, with "
                    + "'<ANALYTICS_HOME>/bin/jartobundle.sh " + jar.get() + " <ANALYTICS_HOME>/lib' on a full Analytics pack "
                    + "(runbook Step 3.2.4), or copy an OSGi bundle of it into lib");
        }
        return Probe.applicable(jar.get().getFileName() + " is not in " + home.get().resolve("lib"));
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        Path home = AnalyticsHome.of(context).orElseThrow();
        return List.of(new PlannedAction(PlannedAction.Kind.FILE, home.resolve("lib").toString(),
                "(cd " + home.resolve("bin") + " && sh jartobundle.sh " + driverJar(context).orElseThrow() + " ../lib)"));
    }

    @Override
    public void apply(StepContext context) {
        Path home = AnalyticsHome.of(context).orElseThrow();
        try {
            Files.createDirectories(home.resolve("lib"));
            Process p = new ProcessBuilder("sh", "jartobundle.sh", driverJar(context).orElseThrow().toString(), "../lib")
                    .directory(home.resolve("bin").toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new ApimException("jartobundle.sh failed: " + out.strip());
            }
            FaultInjector.afterFile();
        } catch (IOException e) {
            throw new ApimException("Cannot run " + home.resolve("bin/jartobundle.sh") + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApimException("Interrupted while running jartobundle.sh", e);
        }
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.ALREADY_DONE) ? Verification.ok(p.reason()) : Verification.failed(p.reason());
    }
}
