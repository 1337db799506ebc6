package io.github.apimupgrade.server;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.server.ServerFailedException;
import io.github.apimupgrade.core.server.StartGoal;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * apim:start against the stand-in 3.1.0 server in real processes: a good run proves every check and
 * stops the server; an API missing from the index, a datasource error, a server that never starts or
 * exits each fail with what happened; in every case no server process is left and the home's files
 * are as before (what a server start itself writes aside: logs, pid file, index, H2 files).
 */
class StartGoalTest {
    @TempDir
    Path tmp;
    private Path home;

    @AfterEach
    void noServerLeft() throws Exception {
        if (home != null) {
            Map<Long, String> left = StandIns.processesUnder(home);
            left.keySet().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            assertTrue(left.isEmpty(), "processes left running: " + left);
        }
    }

    private TestRun deployment(int offset, boolean tenantLoader, Map<String, String> standIn) throws Exception {
        home = ServerDeployment.home(tmp, tenantLoader, standIn);
        return ServerDeployment.run(tmp, home, offset);
    }

    private List<Finding> start(TestRun run) {
        List<Finding> out = new ArrayList<>();
        run.run(ctx -> out.addAll(new StartGoal(ctx, ServerDeployment.credentials()).run()));
        return out;
    }

    private String fails(TestRun run) {
        ServerFailedException e = assertThrows(ServerFailedException.class, () -> start(run));
        return e.getMessage();
    }

    @Test
    void aGoodRunProvesEveryCheckPerTenantAndStopsTheServer() throws Exception {
        TestRun run = deployment(201, true, Map.of());
        Map<String, String> before = ServerDeployment.files(home);
        List<Finding> findings = start(run);
        assertTrue(findings.stream().allMatch(f -> f.status() == Finding.Status.PASS), findings.toString());
        for (String expected : List.of("https://localhost:9644/carbon/ answers over HTTPS (HTTP 302)",
                "carbon.super: the Publisher lists the 1 API of AM_API", "wso2.com: the Publisher lists the 1 API of AM_API",
                "acme.org: the registry index finds each API of AM_API by name (1)",
                "the 2 Synapse API file(s) of the super tenant are deployed")) {
            assertTrue(findings.stream().anyMatch(f -> f.message().contains(expected)), expected + " in " + findings);
        }
        assertTrue(run.logText().contains("Stopped api-m"), run.logText());
        assertEquals(before, ServerDeployment.files(home));
        assertFalse(Files.exists(tmp.resolve("work/server/api-m.run")), "the run record is removed once the server is stopped");
        String report = Files.readString(tmp.resolve("work/start.json"));
        assertTrue(report.contains("\"status\":\"PASS\""), report);
        assertFalse(run.logText().contains("wso2-admin-pw-2"), "no password in the log");
    }

    @Test
    void anApiTheIndexDoesNotFindFailsNamingIt() throws Exception {
        TestRun run = deployment(202, true, Map.of("hide", "Weather")).set("apim.start.indexTimeoutSeconds", "5");
        Map<String, String> before = ServerDeployment.files(home);
        String message = fails(run);
        assertTrue(message.contains("wso2.com: the Publisher does not list 1 API(s) of AM_API: Weather 2.1.0 (alice@wso2.com)"), message);
        String report = Files.readString(tmp.resolve("work/start.json"));
        assertTrue(report.contains("registry index does not find 1 API(s) by name: Weather 2.1.0 (alice@wso2.com)"), report);
        assertEquals(before, ServerDeployment.files(home));
    }

    @Test
    void withoutTheTenantLoaderATenantIsIndexedOnlyOnceItsAdminSignsIn() throws Exception {
        TestRun run = deployment(203, false, Map.of("indexDelayMillis", "2500"));
        List<Finding> findings = start(run);
        assertTrue(findings.stream().allMatch(f -> f.status() == Finding.Status.PASS), findings.toString());
        assertTrue(run.logText().contains("waiting for the Publisher to list every API of AM_API"), run.logText());
    }

    @Test
    void aServerThatLogsADatasourceErrorFailsWithThatLine() throws Exception {
        TestRun run = deployment(204, true, Map.of("scenario", "datasource-error"));
        Map<String, String> before = ServerDeployment.files(home);
        String message = fails(run);
        assertTrue(message.contains("logged a failure while starting") && message.contains("ERROR {org.wso2.carbon.ndatasource.core"
                + ".DataSourceRepository} - Error in registering data source: WSO2AM_DB: Wrong user name or password"), message);
        assertEquals(before, ServerDeployment.files(home));
    }

    @Test
    void aServerThatNeverStartsTimesOutAndIsStopped() throws Exception {
        TestRun run = deployment(205, true, Map.of("scenario", "never-starts")).set("apim.start.timeoutSeconds", "4");
        long t0 = System.nanoTime();
        String message = fails(run);
        assertTrue(message.contains("did not report 'WSO2 Carbon started in' within 4 s ('apim.start.timeoutSeconds'); it was stopped")
                && message.contains("Registry Mode : READ-WRITE"), message);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 60);
    }

    @Test
    void aServerThatExitsFailsWithItsExitCode() throws Exception {
        String message = fails(deployment(206, true, Map.of("scenario", "exits")));
        assertTrue(message.contains("exited (code 3) before it reported 'WSO2 Carbon started in'"), message);
    }

    @Test
    void aGatewayNodeStartsWithItsProfileAndIsCheckedByItsSynapseFiles() throws Exception {
        TestRun run = deployment(207, false, Map.of()).set("apim.nodeRole", "gateway");
        Files.writeString(home.resolve("repository/deployment/server/synapse-configs/default/api/broken.xml"), "<api context=\"/x\"/>\n");
        ServerFailedException e = assertThrows(ServerFailedException.class, () -> start(run));
        assertTrue(e.getMessage().contains("Synapse API file(s) failed to deploy") && e.getMessage().contains("broken.xml : Failed."),
                e.getMessage());
        assertTrue(run.logText().contains("sh bin/wso2server.sh -Dprofile=gateway-worker -DportOffset=207"), run.logText());
        Files.delete(home.resolve("repository/deployment/server/synapse-configs/default/api/broken.xml"));
        List<Finding> findings = start(ServerDeployment.run(tmp, home, 207).set("apim.nodeRole", "gateway"));
        assertEquals(List.of("server", "server", "gateway", "server"), findings.stream().map(Finding::area).toList(), findings.toString());
    }

    @Test
    void keepRunningLeavesTheServerUpAndTheNextRunDoesNotStopIt() throws Exception {
        TestRun run = deployment(208, true, Map.of()).set("apim.start.keepRunning", "true");
        start(run);
        assertTrue(run.logText().contains("keeps running"), run.logText());
        long pid = Long.parseLong(Files.readString(home.resolve("wso2carbon.pid")).trim());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        ApimUserException refused = assertThrows(ApimUserException.class, () -> start(ServerDeployment.run(tmp, home, 208)));
        assertTrue(refused.getMessage().contains("A server is already running from " + home + " (pid " + pid), refused.getMessage());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "a server we were asked to keep is not ours to stop");
        Process stop = new ProcessBuilder("sh", "bin/wso2server.sh", "stop").directory(home.toFile()).start();
        assertEquals(0, stop.waitFor());
        assertTrue(ProcessHandle.of(pid).get().onExit().get(30, TimeUnit.SECONDS) != null);
    }

    @Test
    void aServerLeftByAKilledRunIsStoppedBeforeTheNextStarts() throws Exception {
        deployment(209, true, Map.of());
        var child = io.github.apimupgrade.testing.Jvm.run(StartThenHalt.class, List.of(), List.of(tmp.toString(), home.toString(), "209"));
        assertEquals(86, child.exitCode(), child.output());
        assertFalse(StandIns.processesUnder(home).isEmpty(), "the halted JVM left its server running");
        TestRun run = ServerDeployment.run(tmp, home, 209);
        List<Finding> findings = start(run);
        assertTrue(run.logText().contains("An earlier run was interrupted while api-m was running"), run.logText());
        assertTrue(findings.stream().allMatch(f -> f.status() == Finding.Status.PASS), findings.toString());
    }

    @Test
    void aServerStartedInAJvmThatEndsIsStoppedByTheShutdownHook() throws Exception {
        deployment(210, true, Map.of());
        var child = io.github.apimupgrade.testing.Jvm.run(StartThenExit.class, List.of(), List.of(tmp.toString(), home.toString(), "210"));
        assertEquals(0, child.exitCode(), child.output());
        assertTrue(child.output().contains("WSO2 Carbon started in"), child.output());
        assertTrue(StandIns.processesUnder(home).isEmpty(), "the shutdown hook stops the server");
        assertFalse(Files.exists(tmp.resolve("work/server/api-m.run")));
    }

    @Test
    void withoutTheAdminServerIdNothingIsStarted() throws Exception {
        TestRun run = deployment(211, true, Map.of()).unset("apim.start.adminServerId");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> start(run));
        assertTrue(e.getMessage().contains("set 'apim.start.adminServerId'"), e.getMessage());
        assertFalse(Files.exists(home.resolve("wso2carbon.pid")));
    }

    @Test
    void aBusyHttpsPortIsRefusedBeforeAnythingStarts() throws Exception {
        TestRun run = deployment(213, true, Map.of());
        try (java.net.ServerSocket busy = new java.net.ServerSocket(9443 + 213, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ApimUserException e = assertThrows(ApimUserException.class, () -> start(run));
            assertTrue(e.getMessage().contains("Something already listens on localhost:9656, the HTTPS port of this node (9443 + offset 213)"),
                    e.getMessage());
        }
        assertFalse(Files.exists(home.resolve("wso2carbon.pid")));
    }

    @Test
    void aDryRunPrintsTheCommandAndStartsNothing() throws Exception {
        TestRun run = deployment(212, true, Map.of()).set("apim.dryRun", "true");
        assertTrue(start(run).isEmpty());
        assertTrue(run.logText().contains("sh bin/wso2server.sh -DportOffset=212"), run.logText());
        assertFalse(Files.exists(home.resolve("wso2carbon.pid")));
    }
}
