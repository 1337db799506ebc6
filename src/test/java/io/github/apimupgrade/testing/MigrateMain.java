package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.goal.MigrateDbGoal;

import java.nio.file.Path;

/** Runs migrate-db in its own JVM ({@code key=value} arguments), so that a test can kill it half-way. */
public final class MigrateMain {
    private MigrateMain() {
    }

    public static void main(String[] args) {
        TestRun run = new TestRun(Path.of("."));
        for (String a : args) {
            int eq = a.indexOf('=');
            run.set(a.substring(0, eq), a.substring(eq + 1));
        }
        run.run(ctx -> new MigrateDbGoal(ctx).run());
        run.log().forEach(System.out::println);
    }
}
