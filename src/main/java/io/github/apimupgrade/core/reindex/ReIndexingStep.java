package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.TomlValue;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.NodeRole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runbook Step 2.6.3: {@code [indexing] re_indexing} one above the 3.0.0 deployment's value in the 3.1.0
 * deployment.toml (3.1.0 then indexes under a {@code lastaccesstime_<n>} registry path 3.0.0 never used: the
 * counter only ever went up). The deployment itself says whether that is done: the new file's value is above the
 * old one's. So a second run, or one after the work directory was lost, never counts up again.
 */
public final class ReIndexingStep implements Step {
    @Override public String id() { return "re-indexing-counter"; }
    @Override public Goal goal() { return Goal.REINDEX; }
    @Override public String summary() { return "[indexing] re_indexing = current + 1 in the 3.1.0 deployment.toml"; }
    @Override public String provenance() { return "runbook Step 2.6.3; ground truth §6 (registry.xml.j2 appends _<n> to lastAccessTimeLocation)"; }
    @Override public Set<NodeRole> roles() { return NewHomeFiles.INDEXING_ROLES; }

    static Optional<Path> toml(StepContext context) {
        return context.settings().newHome().map(h -> h.resolve("repository/conf/deployment.toml"));
    }

    /** The 3.0.0 deployment's value (0 when it has none, or no old home is set). */
    private static long old(StepContext context) {
        return context.settings().oldHome().map(h -> h.resolve("repository/conf/deployment.toml")).filter(Files::isRegularFile)
                .map(f -> current(DeploymentToml.read(f))).orElse(0L);
    }

    static long current(DeploymentToml toml) {
        Object v = toml.get("indexing", "re_indexing").orElse(0L);
        if (v instanceof Long l) {
            return l;
        }
        throw new io.github.apimupgrade.core.settings.ConfigurationException(toml.source()
                + ": [indexing] re_indexing is '" + v + "', not a whole number. Fix it and run again.");
    }

    @Override
    public Probe probe(StepContext context) {
        Optional<Path> file = toml(context);
        if (file.isEmpty()) {
            return Probe.notApplicable("apim.newHome is not set");
        }
        if (!Files.isRegularFile(file.get())) {
            return Probe.blocked("there is no " + file.get());
        }
        long now = current(DeploymentToml.read(file.get()));
        long before = old(context);
        if (now > before) {
            return Probe.done("re_indexing = " + now + ", above 3.0.0's " + before + ": 3.1.0 indexes afresh");
        }
        return Probe.applicable("re_indexing is " + now + ", not above 3.0.0's " + before + "; becomes " + (before + 1));
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        DeploymentToml before = DeploymentToml.read(toml(context).orElseThrow());
        DeploymentToml after = before.set("indexing", "re_indexing", TomlValue.integer(old(context) + 1));
        return List.of(new PlannedAction(PlannedAction.Kind.TOML, before.source().toString(), String.join("\n", before.diff(after))));
    }

    @Override
    public void apply(StepContext context) {
        Path file = toml(context).orElseThrow();
        DeploymentToml.read(file).set("indexing", "re_indexing", TomlValue.integer(old(context) + 1)).write(file);
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.ALREADY_DONE) ? Verification.ok(p.reason()) : Verification.failed(p.reason());
    }
}
