package io.github.apimupgrade.server;

import io.github.apimupgrade.check.UnchangedDeployment;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.lifecycle.LifecycleFixtures;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server ITs' deployments (setup.groovy / verify.groovy): the lifecycle ITs' 3.0.0 deployment on
 * embedded H2, upgraded in-process by migrate-config, migrate-db and (optionally) reindex with their
 * own work directory, the stand-in server as the new home's bin/wso2server.sh, and a snapshot of
 * the new home (files by SHA-256, embedded databases by content); then the IT's own mvn run starts it.
 */
public final class StartFixtures {
    private StartFixtures() {
    }

    public static void upgraded(Path basedir, boolean reindexed, Map<String, String> standIn) throws Exception {
        LifecycleFixtures.setup(basedir, "h2");
        Path home = basedir.resolve(ExampleHomes.NEW);
        TestRun run = new TestRun(basedir).set("apim.oldHome", basedir.resolve(ExampleHomes.OLD).toString())
                .set("apim.newHome", home.toString()).set("apim.workDir", basedir.resolve("fixture-work").toString())
                .set("apim.env", "fixture").set("apim.reindex.tenantLoader", basedir.resolve("downloads/tenantloader-1.0.jar").toString());
        run.run(ctx -> new MigrateConfigGoal(ctx, c -> {
            throw new IllegalStateException("no Maven here to resolve " + c);
        }, StartFixtures.class.getClassLoader()).run());
        run.run(ctx -> new MigrateDbGoal(ctx).run());
        if (reindexed) {
            run.run(ctx -> new ReindexGoal(ctx).run());
        } else {
            Files.createDirectories(home.resolve("solr/data/index"));
            Files.writeString(home.resolve("solr/data/index/segments_1"), "the index 3.1.0 built before the registry was migrated\n");
        }
        StandIns.apim(home, standIn);
        snapshot(home, basedir.resolve("new-home-before.txt"));
    }

    /** verify.groovy: the mismatches between the new home now and its snapshot (server runtime files aside). */
    public static List<String> homeChanges(Path basedir) throws Exception {
        Map<String, String> before = new TreeMap<>();
        for (String l : Files.readAllLines(basedir.resolve("new-home-before.txt"))) {
            before.put(l.substring(65), l.substring(0, 64));
        }
        return ExampleHomes.compare(before, state(basedir.resolve(ExampleHomes.NEW)));
    }

    /** The home's files by SHA-256 (what a server start writes aside), and its embedded databases by content. */
    private static Map<String, String> state(Path home) throws Exception {
        Map<String, String> out = new TreeMap<>(ServerDeployment.files(home));
        try (var files = Files.list(home.resolve("repository/database"))) {
            for (Path f : files.sorted().toList()) {
                if (UnchangedDeployment.isH2(f)) {
                    out.put("repository/database/" + f.getFileName() + " (content)", UnchangedDeployment.h2Content(f));
                }
            }
        }
        return out;
    }

    static void snapshot(Path home, Path to) throws Exception {
        StringBuilder sb = new StringBuilder();
        state(home).forEach((k, v) -> sb.append(v).append(' ').append(k).append('\n'));
        Files.writeString(to, sb.toString());
    }

    /** verify.groovy: the processes still running from the IT's folder. */
    public static Map<Long, String> left(Path basedir) {
        return StandIns.processesUnder(basedir);
    }
}
