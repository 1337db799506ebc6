package io.github.apimupgrade.core.goal;

import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.sql.SqlStepRunner.StepPlan;

import java.util.List;

/** Prints a goal's plan: per database, each step with its state, its reason and its exact statements. */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static void print(UpgradeLog log, String goal, List<MigrateDbGoal.DatabasePlan> plans) {
        for (MigrateDbGoal.DatabasePlan plan : plans) {
            log.info("Plan of " + goal + " for " + plan.database().describe() + ": " + plan.finding());
            int n = 1;
            for (StepPlan step : plan.steps()) {
                log.info(String.format("  %d. %-36s %-15s %s", n++, step.step().id(), label(step.probe()), step.probe().reason()));
                log.info("       " + step.step().summary() + " [" + step.step().provenance() + "]");
                for (String sql : step.statements()) {
                    for (String line : sql.split("\n")) {
                        if (!line.strip().startsWith("--")) {
                            log.info("         " + line);
                        }
                    }
                }
            }
        }
    }

    private static String label(Probe probe) {
        return switch (probe.status()) {
            case APPLICABLE -> "TO DO";
            case ALREADY_DONE -> "DONE";
            case NOT_APPLICABLE -> "NOT APPLICABLE";
            case BLOCKED -> "BLOCKED";
        };
    }
}
