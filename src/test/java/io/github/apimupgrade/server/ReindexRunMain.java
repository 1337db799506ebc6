package io.github.apimupgrade.server;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.reindex.ReindexGoal;

import java.nio.file.Path;

/** apim:reindex with the server run, in its own JVM (args: root, home, offset) so that a test can kill it at any unit of work. */
public final class ReindexRunMain {
    private ReindexRunMain() {
    }

    public static void main(String[] args) {
        var run = ReindexServerRunTest.reindex(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
        run.run(ctx -> new ReindexGoal(ctx, JdbcDrivers.ArtifactResolver.none(), ServerDeployment.credentials()).run());
        run.log().forEach(System.out::println);
        System.out.println("UNITS " + FaultInjector.unitsDone());
    }
}
