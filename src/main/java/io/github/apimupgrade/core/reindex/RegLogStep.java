package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.db.KeptRows;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.DbKey;


import java.util.List;

/** Runbook Step 2.6.1 ({@code reg-index.sql}) on one registry database, done as {@link RegLogCompaction}. */
public final class RegLogStep implements Step {
    private final DbKey database;
    private RegLogCompaction.Analysis analysis;

    public RegLogStep(DbKey database) {
        this.database = database;
    }

    @Override public String id() { return "reg-log-compact-" + database.key(); }
    @Override public Goal goal() { return Goal.REINDEX; }
    @Override public String summary() {
        return "keep the newest REG_LOG row per path and tenant, then drop deletes (action 7), as reg-index.sql does";
    }
    @Override public String provenance() {
        return "runbook Step 2.6.1 (reg-index.sql), done in linear time and in committed batches";
    }

    private RegLogCompaction compaction(StepContext context) {
        return new RegLogCompaction(context.databases().settings(database).dialect(), batchSize(context), context.log());
    }

    private static int batchSize(StepContext context) {
        return Integer.parseInt(context.settings().properties().get("apim.reindex.batchSize", "10000"));
    }

    @Override
    public Probe probe(StepContext context) {
        boolean hasTable = context.withCatalog(database, c -> c.tableExists("REG_LOG"));
        if (!hasTable) {
            return Probe.blocked(context.databases().settings(database).describe() + " has no REG_LOG table: point '"
                    + database.property("url") + "' at the registry database");
        }
        analysis = context.withConnection(database, c -> compaction(context).analyse(c));
        return analysis.toDelete() == 0
                ? Probe.done("REG_LOG holds " + analysis.rows() + " row(s), only the newest of each path, no deletes")
                : Probe.applicable(String.format("%,d of %,d REG_LOG row(s) to delete (%,d path/tenant groups)",
                        analysis.toDelete(), analysis.rows(), analysis.groups()));
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        int batch = batchSize(context);
        return List.of(PlannedAction.note(context.databases().settings(database).describe(), String.format(
                "DELETE %,d REG_LOG row(s) in %,d block(s) of at most %,d ids, one commit per block",
                analysis.toDelete(), analysis.blocksToDo(batch), batch)));
    }

    @Override
    public void apply(StepContext context) {
        RegLogCompaction.Analysis a = analysis != null ? analysis
                : context.withConnection(database, c -> compaction(context).analyse(c));
        context.withCatalog(database, c -> {
            KeptRows.recordOnce(c, "REG_LOG", id(), a.rows(), a.rows() - a.toDelete());
            return null;
        });
        long deleted = context.withConnection(database, c -> compaction(context).delete(c, a));
        analysis = null;
        context.log().info(String.format("  REG_LOG: %,d row(s) deleted, %,d left", deleted, a.rows() - deleted));
    }

    @Override
    public Verification verify(StepContext context) {
        Probe after = probe(context);
        analysis = null;
        return after.is(Probe.Status.ALREADY_DONE) ? Verification.ok(after.reason()) : Verification.failed(after.reason());
    }
}
