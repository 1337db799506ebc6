package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.GoalSteps;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code reindex}: runbook Step 2.6. The registry's REG_LOG is compacted as reg-index.sql does (on the
 * shared registry database, and on a separate config registry database when there is one), the
 * re-indexing counter is raised, the old Solr index is moved into the backup, and the tenant loader
 * is placed when there are several tenants. {@code apim.reindex.finish=true} runs only the follow-up:
 * removing the tenant loader after the server has indexed.
 */
public final class ReindexGoal implements GoalSteps {
    private final StepContext context;
    private final JdbcDrivers.ArtifactResolver resolver;

    public ReindexGoal(StepContext context) {
        this(context, JdbcDrivers.ArtifactResolver.none());
    }

    /** {@code resolver} resolves {@code apim.reindex.tenantLoader} when it gives Maven coordinates. */
    public ReindexGoal(StepContext context, JdbcDrivers.ArtifactResolver resolver) {
        this.context = context;
        this.resolver = resolver;
    }

    @Override
    public List<Step> steps() {
        if (context.settings().properties().flag("apim.reindex.finish", false)) {
            return List.of(TenantLoaderStep.removal(resolver));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new RegLogStep(DbKey.SHARED));
        Optional<DatabaseSettings> shared = context.settings().database(DbKey.SHARED);
        context.settings().database(DbKey.CONFIG)
                .filter(c -> shared.isEmpty() || !shared.get().url().equals(c.url()))
                .ifPresent(c -> steps.add(new RegLogStep(DbKey.CONFIG)));
        steps.add(TenantLoaderStep.placement(resolver));
        steps.add(new ReIndexingStep());
        steps.add(new SolrBackupStep());
        return steps;
    }

    /** Returns how many steps changed something. */
    public int run() {
        return new StepRunner(context).run(Goal.REINDEX, this);
    }
}
