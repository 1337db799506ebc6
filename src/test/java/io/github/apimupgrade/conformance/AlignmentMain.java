package io.github.apimupgrade.conformance;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.identity.IdentityAlignment;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.testing.TestRun;

import io.github.apimupgrade.core.sql.SqlStep;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * migrate-identity's alignment steps alone, in a JVM of their own so that a test can kill it: with
 * {@code apim.test.killInStep=i} the steps before the i-th run to the end, then the JVM halts right after the next
 * statement, which is the i-th step's (when it has work). Arguments: {@code key=value} settings,
 * {@code apim.test.baseDir} among them. Prints {@code APPLIED <steps> UNITS <statements>}.
 */
public final class AlignmentMain {
    private AlignmentMain() {
    }

    public static void main(String[] args) {
        TestRun run = null;
        int killInStep = -1;
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("apim.test.baseDir=")) {
                run = new TestRun(Path.of(a.substring(eq + 1)));
            } else if (a.startsWith("apim.test.killInStep=")) {
                killInStep = Integer.parseInt(a.substring(eq + 1));
            }
        }
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("apim.test.")) {
                run.set(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        AtomicInteger applied = new AtomicInteger();
        int kill = killInStep;
        run.run(ctx -> {
            List<SqlStep> steps = IdentityAlignment.steps(ctx.settings().userStore());
            int from = 0;
            if (kill >= 0) {
                applied.set(new StepRunner(ctx).run(Goal.MIGRATE_IDENTITY, steps.subList(0, kill)));
                System.setProperty(FaultInjector.HALT_AFTER, String.valueOf(FaultInjector.unitsDone() + 1));
                from = kill;
            }
            applied.addAndGet(new StepRunner(ctx).run(Goal.MIGRATE_IDENTITY, steps.subList(from, steps.size())));
        });
        System.out.println("APPLIED " + applied.get() + " UNITS " + FaultInjector.unitsDone());
    }
}
