package io.github.apimupgrade.backup;

import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.RestoreGoal;
import io.github.apimupgrade.core.settings.SettingsResolver;
import io.github.apimupgrade.lifecycle.DeploymentLayout;
import io.github.apimupgrade.lifecycle.DeploymentLayout.Layout;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runbook's own layout (WSO2AM_DB and the registry as two databases of one server, named only in the 3.0.0
 * deployment.toml, reached as a user of their own with an awkward password): backup, damage both databases,
 * restore over them, and every table of both is back as it was.
 */
class LayoutBackupRestoreTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER", "MARIADB_VIA_MARIADB_DRIVER"})
    void backupAndRestoreOfTwoDatabasesOnOneServer(Kind kind) throws Exception {
        ExampleHomes.build(tmp);
        try (DeploymentLayout layout = DeploymentLayout.create(Layout.TWO_DATABASES, kind, null, tmp)) {
            TestDatabase am = layout.database("apim");
            TestDatabase reg = layout.database("shared");
            Map<String, String> amRows = Fixtures.tables(am);
            Map<String, String> regRows = Fixtures.tables(reg);
            AtomicReference<BackupGoal.Result> set = new AtomicReference<>();
            TestRun backup = run(SettingsResolver.H2Home.OLD);
            backup.run(ctx -> set.set(new BackupGoal(ctx).run()));
            assertTrue(Files.isRegularFile(set.get().set().resolve("COMPLETE")));

            try (Connection c = am.connect(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM AM_CERTIFICATE_METADATA");
            }
            try (Connection c = reg.connect(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM REG_LOG");
            }
            assertNotEquals(amRows, Fixtures.tables(am));

            TestRun restore = run(SettingsResolver.H2Home.NEW).set("apim.restore.overwrite", "true")
                    .set("apim.restore.set", set.get().set().getFileName().toString()).set("apim.restore.files", "false");
            restore.run(ctx -> new RestoreGoal(ctx).run());
            assertEquals(amRows, Fixtures.tables(am));
            assertEquals(regRows, Fixtures.tables(reg));
            for (String log : new String[] {backup.logText(), restore.logText()}) {
                assertFalse(log.contains(DeploymentLayout.ODD_PASSWORD), "the password reached the log");
            }
        }
    }

    private TestRun run(SettingsResolver.H2Home home) {
        return new TestRun(tmp).h2Home(home).set("apim.oldHome", tmp.resolve(ExampleHomes.OLD).toString())
                .set("apim.newHome", tmp.resolve(ExampleHomes.NEW).toString()).set("apim.workDir", tmp.resolve("work").toString())
                .set("apim.env", "layout-b");
    }
}
