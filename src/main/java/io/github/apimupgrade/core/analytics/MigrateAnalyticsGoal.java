package io.github.apimupgrade.core.analytics;

import io.github.apimupgrade.core.files.NewHomeWritable;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.GoalSteps;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.settings.DbKey;

import java.util.List;

/**
 * {@code migrate-analytics}: runbook Step 3, only when an analytics database is configured
 * ({@code apim.db.analytics.url}); otherwise it says so and does nothing.
 */
public final class MigrateAnalyticsGoal implements GoalSteps {
    private final StepContext context;

    public MigrateAnalyticsGoal(StepContext context) {
        this.context = context;
    }

    /** Runbook Step 3 is optional: without an analytics database the goal has no step. */
    @Override
    public List<Step> steps() {
        if (context.settings().database(DbKey.ANALYTICS).isEmpty()) {
            context.log().info("migrate-analytics: no analytics database is configured ('" + DbKey.ANALYTICS.property("url")
                    + "'), so there is nothing to migrate (runbook Step 3 is optional).");
            return List.of();
        }
        return List.of(new NewHomeWritable(Goal.MIGRATE_ANALYTICS, List.of("repository/conf")), new LastAccessKeyStep(),
                AnalyticsYamlStep.dashboard(), AnalyticsYamlStep.worker(), new AnalyticsDriverStep(), new AnalyticsEnableStep());
    }

    public int run() {
        return new StepRunner(context).run(Goal.MIGRATE_ANALYTICS, this);
    }
}
