package io.github.apimupgrade.server;

import io.github.apimupgrade.core.server.ApimServer;
import io.github.apimupgrade.core.server.StartOptions;

import java.nio.file.Path;

/** Starts the node of a test deployment and ends the JVM normally without stopping it: the shutdown hook must. */
public final class StartThenExit {
    private StartThenExit() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        var run = ServerDeployment.run(root, Path.of(args[1]), Integer.parseInt(args[2]));
        run.run(ctx -> {
            ApimServer.start(StartOptions.from(ctx.settings()), ctx.settings().workDir(), ctx.log());
            ctx.log().info("started; exiting without stopping it");
        });
        run.log().forEach(System.out::println);
        System.exit(0);
    }
}
