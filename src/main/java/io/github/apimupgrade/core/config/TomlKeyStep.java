package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A deployment.toml key of the new home set to a value, described by data alone (a data path's configuration step). */
public final class TomlKeyStep implements Step {
    private final String id;
    private final Goal goal;
    private final String table;
    private final String key;
    private final TomlValue value;
    private final String provenance;

    public TomlKeyStep(String id, Goal goal, String table, String key, TomlValue value, String provenance) {
        this.id = id;
        this.goal = goal;
        this.table = table;
        this.key = key;
        this.value = value;
        this.provenance = provenance;
    }

    @Override public String id() { return id; }
    @Override public Goal goal() { return goal; }
    @Override public String summary() { return "[" + table + "] " + key + " = " + value.render() + " in the new deployment.toml"; }
    @Override public String provenance() { return provenance; }

    private Optional<Path> file(StepContext context) {
        return context.settings().newHome().map(h -> h.resolve("repository/conf/deployment.toml"));
    }

    @Override
    public Probe probe(StepContext context) {
        Optional<Path> file = file(context);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Probe.blocked("set 'apim.newHome' to a home with repository/conf/deployment.toml");
        }
        return Objects.equals(DeploymentToml.read(file.get()).get(table, key).orElse(null), value.plain())
                ? Probe.done("already " + value.render()) : Probe.applicable("to set");
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        DeploymentToml before = DeploymentToml.read(file(context).orElseThrow());
        return List.of(new PlannedAction(PlannedAction.Kind.TOML, before.source().toString(),
                String.join("\n", before.diff(before.set(table, key, value)))));
    }

    @Override
    public void apply(StepContext context) {
        Path f = file(context).orElseThrow();
        DeploymentToml.read(f).set(table, key, value).write(f);
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.ALREADY_DONE) ? Verification.ok(p.reason()) : Verification.failed(p.reason());
    }
}
