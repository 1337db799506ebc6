package io.github.apimupgrade.server;

import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.server.ServerFailedException;
import io.github.apimupgrade.core.server.StartGoal;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * apim:start with API-M Analytics configured: after the API-M node, the worker and the dashboard
 * (stand-ins behind bin/worker.sh and bin/dashboard.sh) are started the same way, the dashboard must
 * reach WSO2AM_DB through its AM_DB datasource, and all three are stopped again.
 */
class AnalyticsStartTest {
    @TempDir
    Path tmp;
    private Path home;
    private Path analytics;

    @AfterEach
    void noServerLeft() {
        for (Path dir : List.of(home, analytics)) {
            Map<Long, String> left = StandIns.processesUnder(dir);
            left.keySet().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            assertTrue(left.isEmpty(), "processes left running: " + left);
        }
    }

    private TestRun deployment(int offset, String amDbPassword) throws Exception {
        home = ServerDeployment.home(tmp, true, Map.of());
        analytics = tmp.resolve("wso2am-analytics-3.1.0");
        StandIns.analytics(analytics);
        Files.createDirectories(analytics.resolve("conf/dashboard"));
        Files.writeString(analytics.resolve("conf/dashboard/deployment.yaml"), """
                wso2.datasources:
                  dataSources:
                    - name: AM_DB
                      description: Main datasource used by API Manager
                      definition:
                        type: RDBMS
                        configuration:
                          jdbcUrl: 'jdbc:h2:%s;AUTO_SERVER=TRUE'
                          username: wso2carbon
                          password: '%s'
                """.formatted(home.resolve("repository/database/WSO2AM_DB"), amDbPassword));
        return ServerDeployment.run(tmp, home, offset).set("apim.analyticsHome", analytics.toString()).set("apim.analytics.enable", "true");
    }

    @Test
    void theWorkerAndTheDashboardStartAfterApiMAndTheDashboardReachesWso2AmDb() throws Exception {
        TestRun run = deployment(231, "wso2carbon");
        List<Finding> findings = new ArrayList<>();
        run.run(ctx -> findings.addAll(new StartGoal(ctx, ServerDeployment.credentials()).run()));
        List<String> analyticsFindings = findings.stream().filter(f -> f.area().equals("analytics")).map(Finding::message).toList();
        assertEquals(3, analyticsFindings.size(), findings.toString());
        assertTrue(analyticsFindings.get(0).startsWith("the Analytics worker started: ") && analyticsFindings.get(1)
                .startsWith("the Analytics dashboard started: "), analyticsFindings.toString());
        assertTrue(analyticsFindings.get(2).contains("reaches WSO2AM_DB: AM_API holds 3 API(s)"), analyticsFindings.get(2));
        assertTrue(findings.stream().allMatch(f -> f.status() == Finding.Status.PASS), findings.toString());
        String log = run.logText();
        assertTrue(log.indexOf("Started api-m") < log.indexOf("Started analytics-worker")
                && log.indexOf("Started analytics-worker") < log.indexOf("Started analytics-dashboard"), log);
    }

    @Test
    void aDashboardThatCannotReachWso2AmDbFailsWithItsLogLine() throws Exception {
        TestRun run = deployment(232, "not-the-password");
        ServerFailedException e = assertThrows(ServerFailedException.class,
                () -> run.run(ctx -> new StartGoal(ctx, ServerDeployment.credentials()).run()));
        assertTrue(e.getMessage().contains("the Analytics dashboard logged a failure while starting") && e.getMessage()
                .contains("Error while initializing datasource AM_DB: Wrong user name or password"), e.getMessage());
        assertTrue(!run.logText().contains("not-the-password"), "the password is not logged");
    }
}
