package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.files.NewHomeWritable;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.GoalSteps;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.server.ApimServer;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code reindex}: runbook Step 2.6. The registry's REG_LOG is compacted as reg-index.sql does (on the
 * shared registry database, and on a separate config registry database when there is one), the
 * re-indexing counter is raised, the old Solr index is moved into the backup, and the tenant loader
 * is placed when there are several tenants. With {@code apim.reindex.run=true} the goal then starts
 * the server, waits until its index finds every tenant's APIs, stops it and removes the tenant
 * loader ({@link ReindexServerRunStep}); otherwise {@code apim.reindex.finish=true} runs only that
 * follow-up after the operator's own server run: removing the tenant loader.
 */
public final class ReindexGoal implements GoalSteps {
    private final StepContext context;
    private final JdbcDrivers.ArtifactResolver resolver;
    private final CredentialSource credentials;

    public ReindexGoal(StepContext context) {
        this(context, JdbcDrivers.ArtifactResolver.none(), CredentialSource.none());
    }

    /**
     * {@code resolver} resolves {@code apim.reindex.tenantLoader} when it gives Maven coordinates;
     * {@code credentials} gives the tenant admins' logins for the server run ({@code apim.start.adminServerId...}).
     */
    public ReindexGoal(StepContext context, JdbcDrivers.ArtifactResolver resolver, CredentialSource credentials) {
        this.context = context;
        this.resolver = resolver;
        this.credentials = credentials;
    }

    private boolean finish() {
        return context.settings().properties().flag("apim.reindex.finish", false);
    }

    @Override
    public List<Step> steps() {
        if (finish()) {
            return List.of(TenantLoaderStep.removal(resolver));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new NewHomeWritable(Goal.REINDEX, List.of("", "repository/conf", "repository/components/dropins")));
        steps.add(new RegLogStep(DbKey.SHARED));
        Optional<DatabaseSettings> shared = context.settings().database(DbKey.SHARED);
        context.settings().database(DbKey.CONFIG)
                .filter(c -> shared.isEmpty() || !shared.get().url().equals(c.url()))
                .ifPresent(c -> steps.add(new RegLogStep(DbKey.CONFIG)));
        steps.add(TenantLoaderStep.placement(resolver));
        steps.add(new ReIndexingStep());
        steps.add(new SolrBackupStep());
        steps.add(new ReindexServerRunStep(credentials, resolver));
        return steps;
    }

    /** Returns how many steps changed something. */
    public int run() {
        return new StepRunner(context).run(Goal.REINDEX, this);
    }

    /** A server a killed run left running would hold the embedded databases and the index: it is stopped first. */
    @Override
    public void begin() {
        ApimServer.recoverLeftover(context.settings(), context.log());
    }

    /**
     * After a server run done by hand (finish), the marker says the index covers the current counter. Where neither this
     * goal's server run nor a finish has covered it, the server run is left to the operator: the journal says so.
     */
    @Override
    public void afterSuccess(int applied) {
        if (context.settings().dryRun()) {
            return;
        }
        if (finish() && ReindexMarker.covering(context).isEmpty()) {
            ReindexMarker.current(context).ifPresent(n -> ReindexMarker.write(context, n, false));
        }
        if (ReindexMarker.current(context).isPresent() && ReindexMarker.covering(context).isEmpty()) {
            new Journal(context.settings()).record(Goal.REINDEX.id(), Journal.MANUAL, "TODO", "the registry index is not rebuilt yet: "
                    + "start the 3.1.0 server once (runbook Step 2.6.5), wait until it has indexed, stop it, then run "
                    + "mvn apim:reindex -Dapim.reindex.finish=true (or let apim:reindex do it with -Dapim.reindex.run=true)", 0);
        }
    }
}
