package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.files.NodeRoles;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.NodeRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the runbook's keys into the new home's deployment.toml, keeping every other line byte for
 * byte, and re-parsing the result before it is written (a copy of the original stays beside it as
 * {@code deployment.toml.apim-orig}). A key the operator changed by hand since the last run wrote it
 * is a conflict: reported, kept, unless {@code apim.config.overwriteHandEdits=true}.
 */
final class DeploymentTomlStep implements Step {
    /** A key whose current value differs from the one to write and that is kept as the operator set it. */
    record Conflict(TomlKey key, Object current) {
    }

    private final Path file;
    private final DeploymentToml before;
    private final List<TomlKey> keys;
    private final ConfigState state;
    private final boolean overwrite;
    private final List<TomlKey> changed = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final DeploymentToml after;

    DeploymentTomlStep(Path file, DeploymentToml before, List<TomlKey> keys, ConfigState state, boolean overwrite) {
        this.file = file;
        this.before = before;
        this.keys = keys;
        this.state = state;
        this.overwrite = overwrite;
        DeploymentToml t = before;
        for (TomlKey k : keys) {
            Optional<Object> current = before.get(k.table(), k.key());
            if (Objects.equals(current.orElse(null), k.plain())) {
                continue;
            }
            Optional<String> last = state.tomlKey(k.dotted());
            if (last.isPresent() && !state.matches(last, current.orElse(null), k.secret() || TomlKey.isPasswordKey(k.key())) && !overwrite) {
                conflicts.add(new Conflict(k, current.orElse(null)));
                continue;
            }
            t = k.value() == null ? t.remove(k.table(), k.key()) : t.set(k.table(), k.key(), k.value());
            changed.add(k);
        }
        this.after = t;
    }

    List<Conflict> conflicts() {
        return conflicts;
    }

    DeploymentToml after() {
        return after;
    }

    @Override public String id() { return "deployment-toml"; }
    @Override public Goal goal() { return Goal.MIGRATE_CONFIG; }
    @Override public Set<NodeRole> roles() { return NodeRoles.EVERY_NODE; }

    @Override
    public String summary() {
        return "Write the datasources, user store, keystore, analytics and registry keys into " + file.getFileName()
                + " of the new home (every node)";
    }

    @Override
    public String provenance() {
        return "runbook Step 1.3, 1.4, 2.4, 2.5.5, 3.3 and 'Disabling versioning', corrected by ground truth §6";
    }

    @Override
    public Probe probe(StepContext context) {
        String c = conflicts.isEmpty() ? "" : "; " + conflicts.size() + " hand-edited key(s) kept (see CONFLICT)";
        if (changed.isEmpty()) {
            return Probe.done("every key already has its value" + c);
        }
        return Probe.applicable(changed.size() + " key(s) to set" + c);
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        List<PlannedAction> out = new ArrayList<>();
        out.add(new PlannedAction(PlannedAction.Kind.TOML, file.toString(), String.join("\n", maskedDiff())));
        return out;
    }

    /** The line diff, with the values of password keys masked. */
    List<String> maskedDiff() {
        return before.diff(after).stream().map(DeploymentTomlStep::mask).toList();
    }

    static String mask(String line) {
        int eq = line.indexOf('=');
        if (eq > 0 && TomlKey.isPasswordKey(line.substring(0, eq)) && !line.contains("$secret{")) {
            return line.substring(0, eq + 1) + " \"******\"";
        }
        return line;
    }

    @Override
    public void apply(StepContext context) {
        DeploymentToml current = DeploymentToml.read(file);
        if (!current.text().equals(before.text())) {
            throw new ApimException(file + " changed while migrate-config was running; run it again.");
        }
        after.write(file);
        remember();
    }

    /** Records the fingerprint of every key that now has the value migrate-config wants. */
    void remember() {
        for (TomlKey k : keys) {
            Optional<Object> v = after.get(k.table(), k.key());
            if (Objects.equals(v.orElse(null), k.plain())) {
                state.tomlKey(k.dotted(), state.fingerprint(v.orElse(null), k.secret() || TomlKey.isPasswordKey(k.key())));
            }
        }
        state.save();
    }

    @Override
    public Verification verify(StepContext context) {
        DeploymentToml written = DeploymentToml.read(file);
        for (TomlKey k : changed) {
            if (!Objects.equals(written.get(k.table(), k.key()).orElse(null), k.plain())) {
                return Verification.failed(k.dotted() + (k.value() == null ? " is still there" : " does not have the value written"));
            }
        }
        return Verification.ok(changed.size() + " key(s) set in " + file);
    }
}
