package io.github.apimupgrade.lifecycle;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which points of a traced run {@link FaultInjectionTest} kills at. */
class KillPointsTest {
    @Test
    void aStepEndRightAfterTheStepsLastUnitIsNotAKillPointOfItsOwn() {
        Map<String, List<String>> points = FaultInjectionTest.killPoints(List.of(
                "1\tbackup backup-set BackupGoal.run",
                "258\tbackup backup-set @applied",
                "259\tmigrate-config deployment-toml DeploymentToml.write",
                "259\tmigrate-config deployment-toml @applied",
                "260\tmigrate-config jdbc-driver CopyPlanner.apply",
                "260\tmigrate-config jdbc-driver#2 @applied",
                "261\tmigrate-identity identity-run @identity-server-migrating",
                "261\tmigrate-identity identity-run @applied"));
        assertEquals(Map.of(
                "backup", List.of("backup backup-set BackupGoal.run", "backup backup-set @applied"),
                "migrate-config", List.of("migrate-config deployment-toml DeploymentToml.write",
                        "migrate-config jdbc-driver CopyPlanner.apply", "migrate-config jdbc-driver#2 @applied"),
                // the server migrated between the moment and the step's end: no unit of work, but not the same state
                "migrate-identity", List.of("migrate-identity identity-run @identity-server-migrating",
                        "migrate-identity identity-run @applied")), points);
    }
}
