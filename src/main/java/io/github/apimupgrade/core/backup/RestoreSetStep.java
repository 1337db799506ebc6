package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;

import java.util.List;

/**
 * Puts a backup set back, after checking every checksum and row count; refuses a damaged set or a
 * non-empty target before anything is written (unless apim.restore.overwrite). Not in the lifecycle.
 */
public final class RestoreSetStep implements Step {
    private RestoreGoal.Result result;

    @Override public String id() { return "restore-set"; }
    @Override public Goal goal() { return Goal.RESTORE; }
    @Override public String summary() { return "Verify a backup set, then put its databases and folders back"; }
    @Override public String provenance() { return "runbook Step 1.1: the way back from a failed upgrade"; }

    @Override
    public Probe probe(StepContext context) {
        BackupOptions options = BackupOptions.from(context.settings());
        return Probe.applicable(options.verifyOnly() ? "verify " + options.restoreSet().orElse("the newest set") + ", restore nothing"
                : "restore " + options.restoreSet().orElse("the newest complete set of '" + context.settings().env() + "'"));
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        return List.of(PlannedAction.note(BackupOptions.from(context.settings()).root().toString(),
                "check every checksum and row count of the set, then load it into the configured databases and homes"));
    }

    @Override
    public void apply(StepContext context) {
        result = new RestoreGoal(context).run();
    }

    @Override
    public Verification verify(StepContext context) {
        return result == null ? Verification.failed("nothing was restored") : Verification.ok("restored from " + result.set()
                + (result.verifiedOnly() ? " (verified only)" : "") + "; report " + result.report());
    }
}
