package io.github.apimupgrade.server;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * apim:reindex with apim.reindex.run=true against the stand-in server: the runbook's manual tail of
 * Step 2.6 (start, let it index every tenant, stop, remove the tenant loader) driven by the goal;
 * and the same run killed after every unit of work it does, then run again, ends the same way.
 */
class ReindexServerRunTest {
    private static final Path LOADER = Path.of("repository/components/dropins/tenantloader-1.0.jar");

    @TempDir
    Path tmp;

    static TestRun reindex(Path root, Path home, int offset) {
        return ServerDeployment.run(root, home, offset).set("apim.reindex.run", "true")
                .set("apim.reindex.tenantLoader", root.resolve("downloads/tenantloader-1.0.jar").toString())
                .set("apim.db.shared.url", "jdbc:h2:" + home.resolve("repository/database/WSO2SHARED_DB"))
                .set("apim.db.shared.username", "wso2carbon").set("apim.db.shared.password", "wso2carbon");
    }

    private static int reindex(TestRun run) {
        int[] applied = new int[1];
        run.run(ctx -> applied[0] = new ReindexGoal(ctx, JdbcDrivers.ArtifactResolver.none(), ServerDeployment.credentials()).run());
        return applied[0];
    }

    /** The end state every run must reach: loader gone, every tenant's APIs found in the index, no server left. */
    private static void indexedAndClean(Path root, Path home) throws Exception {
        assertFalse(Files.exists(home.resolve(LOADER)), "the tenant loader is removed");
        String index = Files.readString(root.resolve("work/reindex-index.json"));
        for (String tenant : List.of("carbon.super", "wso2.com", "acme.org")) {
            assertTrue(index.contains(tenant + ": the registry index finds each API of AM_API by name (1)"), index);
        }
        assertFalse(index.contains("FAIL"), index);
        assertTrue(Files.readString(root.resolve("work/reindex/test-indexed.properties")).contains("verified=true"));
        assertTrue(StandIns.processesUnder(home).isEmpty(), "no server left: " + StandIns.processesUnder(home));
    }

    @Test
    void theServerRunIsDrivenAndASecondRunDoesNothing() throws Exception {
        Path home = ServerDeployment.beforeReindex(tmp, Map.of());
        TestRun run = reindex(tmp, home, 221);
        assertEquals(4, reindex(run), run.logText());
        String log = run.logText();
        assertTrue(log.contains("tenant-loader-place") && log.contains("reindex-server-run"), log);
        assertTrue(log.contains("Loaded tenant wso2.com") || Files.readString(home.resolve("repository/logs/wso2carbon.log"))
                .contains("Loaded tenant wso2.com"), "the tenant loader loaded the tenants at start");
        indexedAndClean(tmp, home);
        assertTrue(Files.readString(home.resolve("repository/conf/deployment.toml")).contains("re_indexing = 1"));

        TestRun again = reindex(tmp, home, 221);
        assertEquals(0, reindex(again), again.logText());
        assertTrue(again.logText().contains("reindex: nothing to do"), again.logText());
        assertFalse(again.logText().contains("Started api-m"), "no server start on a re-run");
        assertFalse(Files.exists(home.resolve(LOADER)), "the tenant loader is not placed again");
        assertTrue(Files.exists(home.resolve("solr/data/stand-in-index.properties")), "the new index is kept");
    }

    @Test
    void withoutTheRunSwitchTheServerRunIsLeftToTheOperator() throws Exception {
        Path home = ServerDeployment.beforeReindex(tmp, Map.of());
        TestRun run = reindex(tmp, home, 222).set("apim.reindex.run", "false");
        assertEquals(3, reindex(run), run.logText());
        assertTrue(Files.exists(home.resolve(LOADER)));
        assertTrue(run.logText().contains("apim.reindex.run is false: start the server once yourself"), run.logText());
        assertFalse(Files.exists(home.resolve("wso2carbon.pid")));
    }

    @Test
    void withoutATenantAdminTheServerRunIsBlockedBeforeAnythingChanges() throws Exception {
        Path home = ServerDeployment.beforeReindex(tmp, Map.of());
        TestRun run = reindex(tmp, home, 223).unset("apim.start.adminServerId.acme.org");
        Map<String, String> before = ServerDeployment.files(home);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(io.github.apimupgrade.core.ApimUserException.class, () -> reindex(run));
        assertTrue(e.getMessage().contains("reindex-server-run: the index is proven per tenant") && e.getMessage()
                .contains("apim.start.adminServerId.acme.org"), e.getMessage());
        assertEquals(before, ServerDeployment.files(home));
    }

    private static final Pattern UNITS = Pattern.compile("(?m)^UNITS (\\d+)$");

    @Test
    void killedAfterAnyUnitOfWorkThenRunAgainEndsIndexedWithTheLoaderRemoved() throws Exception {
        Path ref = Files.createDirectories(tmp.resolve("reference"));
        Path refHome = ServerDeployment.beforeReindex(ref, Map.of());
        Jvm.Result clean = Jvm.run(ReindexRunMain.class, List.of(), List.of(ref.toString(), refHome.toString(), "224"));
        assertEquals(0, clean.exitCode(), clean.output());
        Matcher m = UNITS.matcher(clean.output());
        assertTrue(m.find(), clean.output());
        int units = Integer.parseInt(m.group(1));
        indexedAndClean(ref, refHome);
        assertTrue(units >= 6, "units of work: " + units);
        List<String> survived = new ArrayList<>();
        for (int k = 1; k <= units; k++) {
            Path root = Files.createDirectories(tmp.resolve("kill-" + k));
            Path home = ServerDeployment.beforeReindex(root, Map.of());
            Jvm.Result killed = Jvm.run(ReindexRunMain.class, List.of("-D" + FaultInjector.HALT_AFTER + "=" + k),
                    List.of(root.toString(), home.toString(), "224"));
            assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), "kill point " + k + ": " + killed.output());
            TestRun again = reindex(root, home, 224);
            reindex(again);
            indexedAndClean(root, home);
            survived.add(k + (again.logText().contains("An earlier run was interrupted") ? " (server left running, stopped)" : ""));
        }
        System.out.println("reindex server run: killed after each of " + units + " units and run again: " + survived);
        assertTrue(survived.stream().anyMatch(s -> s.contains("server left running")), survived.toString());
    }
}
