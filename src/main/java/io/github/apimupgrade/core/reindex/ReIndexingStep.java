package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.TomlValue;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.NodeRole;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runbook Step 2.6.3: {@code [indexing] re_indexing} one above its current value in the 3.1.0
 * deployment.toml (3.1.0 then indexes under a new {@code lastaccesstime_<n>} registry path). "One
 * above" is remembered in the work directory, so that a second run does not count up again.
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

    private static Path marker(StepContext context) {
        return context.settings().workDir().resolve("reindex").resolve(context.settings().env() + "-re_indexing.txt");
    }

    static long current(DeploymentToml toml) {
        Object v = toml.get("indexing", "re_indexing").orElse(0L);
        if (v instanceof Long l) {
            return l;
        }
        throw new io.github.apimupgrade.core.settings.ConfigurationException(toml.source()
                + ": [indexing] re_indexing is '" + v + "', not a whole number. Fix it and run again.");
    }

    private Optional<Long> written(StepContext context) {
        try {
            Path m = marker(context);
            return Files.exists(m) ? Optional.of(Long.parseLong(Files.readString(m).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
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
        Optional<Long> done = written(context);
        if (done.isPresent() && done.get() == now) {
            return Probe.done("re_indexing = " + now + ", set by an earlier run");
        }
        return Probe.applicable("re_indexing is " + now + "; becomes " + (now + 1));
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        DeploymentToml before = DeploymentToml.read(toml(context).orElseThrow());
        DeploymentToml after = before.set("indexing", "re_indexing", TomlValue.integer(current(before) + 1));
        return List.of(new PlannedAction(PlannedAction.Kind.TOML, before.source().toString(), String.join("\n", before.diff(after))));
    }

    @Override
    public void apply(StepContext context) {
        Path file = toml(context).orElseThrow();
        DeploymentToml before = DeploymentToml.read(file);
        long next = current(before) + 1;
        // the marker first: a run killed between the two writes must not count up a second time
        try {
            Files.createDirectories(marker(context).getParent());
            Files.writeString(marker(context), Long.toString(next), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApimException("Cannot write " + marker(context) + ": " + e.getMessage(), e);
        }
        before.set("indexing", "re_indexing", TomlValue.integer(next)).write(file);
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.ALREADY_DONE) ? Verification.ok(p.reason()) : Verification.failed(p.reason());
    }
}
