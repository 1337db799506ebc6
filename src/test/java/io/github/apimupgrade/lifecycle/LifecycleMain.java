package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.PreUpgradeBackup;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.identity.MigrateIdentityGoal;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.core.settings.SettingsResolver.H2Home;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.testing.TestRun;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The upgrade's goals in lifecycle order, as the Mojos run them (without Maven), in a JVM of its
 * own so that a test can kill it at a chosen unit of work. Arguments: {@code key=value} settings
 * (migrate-identity needs its own: resources, {@code apim.identity.run=true} and a home whose
 * {@code bin/wso2server.sh} plays the server). Prints {@code GOAL <id> <units before> <units after>
 * <millis> ms} for each goal, then {@code UNITS <total> in <millis> ms}.
 */
public final class LifecycleMain {
    private LifecycleMain() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Map<String, String> props = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            props.put(a.substring(0, eq), a.substring(eq + 1));
        }
        run(props);
        System.out.println("UNITS " + FaultInjector.unitsDone() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    public static void run(Map<String, String> props) {
        Path base = Path.of(props.getOrDefault("apim.test.baseDir", "."));
        goal("backup", runner(base, props, H2Home.OLD), ctx -> {
            if (PreUpgradeBackup.existing(ctx).isEmpty()) {
                new BackupGoal(ctx).run();
            }
        });
        goal("migrate-config", runner(base, props, H2Home.NEW), ctx -> new MigrateConfigGoal(ctx, c -> {
            throw new IllegalStateException("no Maven here to resolve " + c);
        }, LifecycleMain.class.getClassLoader()).run());
        goal("migrate-db", runner(base, props, H2Home.NEW), ctx -> new MigrateDbGoal(ctx).run());
        goal("migrate-identity", runner(base, props, H2Home.NEW),
                ctx -> MigrateIdentityGoal.of(ctx, Map.of(), Optional.empty(), base.toAbsolutePath()).run());
        goal("migrate-analytics", runner(base, props, H2Home.NEW), ctx -> new MigrateAnalyticsGoal(ctx).run());
        goal("reindex", runner(base, props, H2Home.NEW), ctx -> new ReindexGoal(ctx).run());
        goal("verify", runner(base, props, H2Home.NEW), ctx -> new VerifyGoal(ctx).run());
    }

    private static void goal(String id, TestRun runner, Consumer<StepContext> goal) {
        int before = FaultInjector.unitsDone();
        long start = System.nanoTime();
        runner.run(goal);
        System.out.println("GOAL " + id + " " + before + " " + FaultInjector.unitsDone() + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private static TestRun runner(Path base, Map<String, String> props, H2Home home) {
        TestRun run = new TestRun(base).h2Home(home);
        props.forEach(run::set);
        return run;
    }
}
