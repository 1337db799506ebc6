package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.PreUpgradeBackup;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.core.settings.SettingsResolver.H2Home;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.testing.TestRun;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upgrade's goals in lifecycle order, as the Mojos run them (without Maven), in a JVM of its
 * own so that a test can kill it at a chosen unit of work. Arguments: {@code key=value} settings.
 * The identity migration needs a WSO2 server and is left out here; its own tests cover its failures.
 */
public final class LifecycleMain {
    private LifecycleMain() {
    }

    public static void main(String[] args) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            props.put(a.substring(0, eq), a.substring(eq + 1));
        }
        run(props);
        System.out.println("UNITS " + FaultInjector.unitsDone());
    }

    public static void run(Map<String, String> props) {
        Path base = Path.of(props.getOrDefault("apim.test.baseDir", "."));
        runner(base, props, H2Home.OLD).run(ctx -> {
            if (PreUpgradeBackup.existing(ctx).isEmpty()) {
                new BackupGoal(ctx).run();
            }
        });
        runner(base, props, H2Home.NEW).run(ctx -> new MigrateConfigGoal(ctx, c -> {
            throw new IllegalStateException("no Maven here to resolve " + c);
        }, LifecycleMain.class.getClassLoader()).run());
        runner(base, props, H2Home.NEW).run(ctx -> new MigrateDbGoal(ctx).run());
        runner(base, props, H2Home.NEW).run(ctx -> new MigrateAnalyticsGoal(ctx).run());
        runner(base, props, H2Home.NEW).run(ctx -> new ReindexGoal(ctx).run());
        runner(base, props, H2Home.NEW).run(ctx -> new VerifyGoal(ctx).run());
    }

    private static TestRun runner(Path base, Map<String, String> props, H2Home home) {
        TestRun run = new TestRun(base).h2Home(home);
        props.forEach(run::set);
        return run;
    }
}
