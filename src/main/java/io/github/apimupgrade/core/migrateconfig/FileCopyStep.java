package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.files.CopyPlanner;
import io.github.apimupgrade.core.files.FileOp;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.NodeRole;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Copies files from the old home to the new one by rules (include and exclude lists as data). The
 * operations are decided when the step is probed, which only reads; {@code apply} copies the ones
 * that change something and records what it wrote, so that a re-run finds them done.
 */
class FileCopyStep implements Step {
    private final String id;
    private final String summary;
    private final String provenance;
    private final Set<NodeRole> roles;
    private final Supplier<List<FileOp>> rules;
    private final ConfigState state;
    private final String nothingReason;
    private List<FileOp> ops;

    FileCopyStep(String id, String summary, String provenance, Set<NodeRole> roles, Supplier<List<FileOp>> rules,
                 ConfigState state, String nothingReason) {
        this.id = id;
        this.summary = summary;
        this.provenance = provenance;
        this.roles = roles;
        this.rules = rules;
        this.state = state;
        this.nothingReason = nothingReason;
    }

    boolean opsDecided() {
        return ops != null;
    }

    /** The operations, decided on first use (probe). */
    List<FileOp> ops() {
        if (ops == null) {
            ops = rules.get();
        }
        return ops;
    }

    @Override public String id() { return id; }
    @Override public Goal goal() { return Goal.MIGRATE_CONFIG; }
    @Override public String summary() { return summary; }
    @Override public String provenance() { return provenance; }
    @Override public Set<NodeRole> roles() { return roles; }

    /** Steps that can stop the run (an unreadable keystore) say why here; the run stops before anything is written. */
    protected String blockedReason() {
        return null;
    }

    @Override
    public Probe probe(StepContext context) {
        List<FileOp> all = ops();
        String blocked = blockedReason();
        if (blocked != null) {
            return Probe.blocked(blocked);
        }
        if (all.isEmpty()) {
            return Probe.notApplicable(nothingReason);
        }
        long change = all.stream().filter(FileOp::changes).count();
        long review = all.stream().filter(o -> o.kind() == FileOp.Kind.REVIEW || o.kind() == FileOp.Kind.CONFLICT).count();
        long skip = all.stream().filter(o -> o.kind() == FileOp.Kind.SKIP).count();
        String tail = (skip > 0 ? ", " + skip + " skipped" : "") + (review > 0 ? ", " + review + " to review" : "");
        if (change == 0) {
            return Probe.done(all.size() + " file(s) already in place" + tail);
        }
        return Probe.applicable(change + " of " + all.size() + " file(s) to copy" + tail);
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        List<PlannedAction> out = new ArrayList<>();
        for (FileOp op : ops()) {
            if (op.kind() != FileOp.Kind.SAME) {
                out.add(new PlannedAction(PlannedAction.Kind.FILE, op.targetName(), op.describe()));
            }
        }
        return out;
    }

    @Override
    public void apply(StepContext context) {
        for (FileOp op : ops()) {
            if (op.changes()) {
                String sha = CopyPlanner.apply(op);
                state.file(op.targetName(), sha);
                state.save();
            } else if (op.kind() == FileOp.Kind.SAME) {
                state.file(op.targetName(), Checksums.sha256(op.target()));
            }
        }
        state.save();
    }

    /** Records files already in place, so that a later hand edit of them is seen as one. */
    void remember() {
        for (FileOp op : ops()) {
            if (op.kind() == FileOp.Kind.SAME && state.file(op.targetName()).isEmpty()) {
                state.file(op.targetName(), Checksums.sha256(op.target()));
            }
        }
    }

    @Override
    public Verification verify(StepContext context) {
        for (FileOp op : ops()) {
            if (op.changes() && (!Files.isRegularFile(op.target())
                    || !Checksums.sha256(op.target()).equals(Checksums.sha256(op.source())))) {
                return Verification.failed(op.targetName() + " does not have the content of " + op.source());
            }
        }
        return Verification.ok(ops().stream().filter(FileOp::changes).count() + " file(s) copied");
    }
}
