package io.github.apimupgrade.server;

import io.github.apimupgrade.core.server.ApimServer;
import io.github.apimupgrade.core.server.StartOptions;

import java.nio.file.Path;

/** Starts the node of a test deployment and halts the JVM (no shutdown hooks), as kill -9 would: the server is left running. */
public final class StartThenHalt {
    private StartThenHalt() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        ServerDeployment.run(root, Path.of(args[1]), Integer.parseInt(args[2])).run(ctx -> {
            ApimServer.start(StartOptions.from(ctx.settings()), ctx.settings().workDir(), ctx.log());
            Runtime.getRuntime().halt(86);
        });
    }
}
