package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.goal.PlanPrinter;
import io.github.apimupgrade.core.identity.MigrateIdentityGoal;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.core.server.StartGoal;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.SettingsResolver;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the whole upgrade for this environment and node role, goal by goal: each step with its
 * state (to do, done, not applicable, blocked), why it exists (the runbook section or the
 * correction) and what it would do (statements, TOML diff, file operations). Changes nothing.
 */
@Mojo(name = "plan", requiresProject = false, threadSafe = true)
public class PlanMojo extends AbstractApimMojo {
    private final RepositorySystem repositorySystem;

    @Inject
    public PlanMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super(decrypter);
        this.repositorySystem = repositorySystem;
    }

    @Override
    protected String goalName() {
        return "plan";
    }

    @Override
    protected boolean changesDeployment() {
        return false;
    }

    @Override
    protected SettingsResolver.H2Home h2Home() {
        return SettingsResolver.H2Home.NEW_OR_OLD;
    }

    @Override
    protected void run(StepContext context) {
        context.log().info("backup: writes a set of every configured database and the deployment's folders under "
                + context.settings().properties().get("apim.backup.dir", context.settings().workDir().resolve("backups").toString()));
        if (context.settings().oldHome().isPresent() && context.settings().newHome().isPresent()) {
            StepRunner.print(context, Goal.MIGRATE_CONFIG, new MigrateConfigGoal(context,
                    c -> MavenArtifacts.resolve(repositorySystem, session, project, c), getClass().getClassLoader()).plan());
        } else {
            context.log().info("migrate-config: needs apim.oldHome and apim.newHome");
        }
        PlanPrinter.print(context.log(), "migrate-db", new MigrateDbGoal(context).plan());
        Path baseDir = project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of(".");
        StepRunner runner = new StepRunner(context);
        if (skipped(context, Goal.MIGRATE_IDENTITY)) {
            context.log().info("migrate-identity: skipped (apim.migrate-identity.skip=true)");
        } else {
            StepRunner.print(context, Goal.MIGRATE_IDENTITY, runner.plan(MigrateIdentityGoal.of(context, Map.of(),
                    Optional.empty(), baseDir.toAbsolutePath()).steps()));
        }
        if (context.settings().database(DbKey.ANALYTICS).isPresent()) {
            StepRunner.print(context, Goal.MIGRATE_ANALYTICS, runner.plan(new MigrateAnalyticsGoal(context).steps()));
        } else {
            context.log().info("migrate-analytics: no analytics database is configured; nothing to do");
        }
        if (skipped(context, Goal.REINDEX)) {
            context.log().info("reindex: skipped (apim.reindex.skip=true)");
        } else {
            StepRunner.print(context, Goal.REINDEX, runner.plan(new ReindexGoal(context, c -> MavenArtifacts.resolve(repositorySystem, session, project, c), credentials()).steps()));
        }
        if (context.settings().newHome().isPresent()) {
            new StartGoal(context, credentials()).printPlan();
        }
        context.log().info("apim:plan changes nothing.");
    }

    private static boolean skipped(StepContext context, Goal goal) {
        return context.settings().properties().flag("apim." + goal.id() + ".skip", false);
    }
}
