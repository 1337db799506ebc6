package io.github.apimupgrade.core.analytics;

import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.TomlValue;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runbook Step 3.3.2: {@code [apim.analytics] enable = true} in the API-M 3.1.0 deployment.toml.
 * (Step 3.3.1, {@code [database.apim_db]}, is written by {@code migrate-config}.)
 */
public final class AnalyticsEnableStep implements Step {
    @Override public String id() { return "analytics-enable"; }
    @Override public Goal goal() { return Goal.MIGRATE_ANALYTICS; }
    @Override public String summary() { return "[apim.analytics] enable = true in the 3.1.0 deployment.toml"; }
    @Override public String provenance() { return "runbook Step 3.3.2; ground truth §6 (api-manager.xml.j2 <Enabled>)"; }

    private static Optional<Path> toml(StepContext context) {
        return context.settings().newHome().map(h -> h.resolve("repository/conf/deployment.toml"));
    }

    @Override
    public Probe probe(StepContext context) {
        if (toml(context).isEmpty()) {
            return Probe.notApplicable("apim.newHome is not set");
        }
        if (!Files.isRegularFile(toml(context).get())) {
            return Probe.blocked("there is no " + toml(context).get());
        }
        boolean on = Boolean.TRUE.equals(DeploymentToml.read(toml(context).get()).get("apim.analytics", "enable").orElse(null));
        return on ? Probe.done("analytics already enabled") : Probe.applicable("analytics not enabled");
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        DeploymentToml before = DeploymentToml.read(toml(context).orElseThrow());
        DeploymentToml after = before.set("apim.analytics", "enable", TomlValue.bool(true));
        return List.of(new PlannedAction(PlannedAction.Kind.TOML, before.source().toString(), String.join("\n", before.diff(after))));
    }

    @Override
    public void apply(StepContext context) {
        Path file = toml(context).orElseThrow();
        DeploymentToml.read(file).set("apim.analytics", "enable", TomlValue.bool(true)).write(file);
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.ALREADY_DONE) ? Verification.ok(p.reason()) : Verification.failed(p.reason());
    }
}
