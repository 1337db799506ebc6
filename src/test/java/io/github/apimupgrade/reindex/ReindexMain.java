package io.github.apimupgrade.reindex;

import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.testing.TestRun;

import java.nio.file.Path;

/** Runs reindex in its own JVM ({@code key=value} arguments), so that a test can kill it at a batch. */
public final class ReindexMain {
    private ReindexMain() {
    }

    public static void main(String[] args) {
        TestRun run = new TestRun(Path.of("."));
        for (String a : args) {
            int eq = a.indexOf('=');
            run.set(a.substring(0, eq), a.substring(eq + 1));
        }
        run.run(ctx -> new ReindexGoal(ctx).run());
        run.log().forEach(System.out::println);
    }
}
