package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.RunLock;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.run.RunLocks;
import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.LockHolderMain;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import io.github.apimupgrade.testing.WorkHolderMain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two runs against one database never interleave; a crashed run's lock goes with its session. */
class RunLockTest {
    @TempDir
    Path tmp;

    private static RunLock hold(TestDatabase db) throws Exception {
        DatabaseSettings s = new DatabaseSettings(DbKey.APIM, db.url(), db.user(), Secret.of(db.password()), db.dialect());
        return RunLock.acquire(db.connect(), s, 0, UpgradeLog.silent());
    }

    /** What a run that changes the deployment does: the work under the run's locks. */
    private static void locked(StepContext ctx, Runnable work) {
        try (RunLocks locks = RunLocks.acquire(ctx)) {
            ctx.databases().markWorkSessions();
            work.run();
        }
    }

    private TestRun run(TestDatabase db) {
        return new TestRun(tmp).database("apim", db);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER", "MARIADB_VIA_MARIADB_DRIVER"})
    void secondRunIsRefusedWhileTheFirstHoldsTheLock(Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp)) {
            AtomicBoolean ran = new AtomicBoolean();
            try (RunLock first = hold(db)) {
                ApimUserException e = assertThrows(ApimUserException.class,
                        () -> run(db).run(ctx -> locked(ctx, () -> ran.set(true))));
                assertTrue(e.getMessage().startsWith("Another apim-maven-plugin run is upgrading WSO2AM_DB"), e.getMessage());
                assertFalse(ran.get());
            }
            run(db).run(ctx -> locked(ctx, () -> ran.set(true)));
            assertTrue(ran.get(), "the lock is free once the first run ends");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void aWaitingRunGoesAheadWhenTheFirstFinishes(Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp)) {
            RunLock first = hold(db);
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                first.close();
            });
            releaser.start();
            AtomicBoolean ran = new AtomicBoolean();
            run(db).set(RunLocks.WAIT_PROPERTY, "20").run(ctx -> locked(ctx, () -> ran.set(true)));
            releaser.join();
            assertTrue(ran.get());
        }
    }

    /** The runbook's layout: WSO2AM_DB and the registry as two databases of one server, locked by one run. */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER", "MARIADB_VIA_MARIADB_DRIVER"})
    void oneRunLocksTwoDatabasesOfOneServer(Kind kind) throws Exception {
        try (TestDatabase am = TestDatabase.create(kind, tmp); TestDatabase reg = TestDatabase.create(kind, tmp)) {
            AtomicBoolean ran = new AtomicBoolean();
            run(am).database("shared", reg).run(ctx -> locked(ctx, () -> ran.set(true)));
            assertTrue(ran.get());
            // and a second run on either database is still refused while one holds it
            try (RunLock first = hold(reg)) {
                ApimUserException e = assertThrows(ApimUserException.class,
                        () -> run(am).database("shared", reg).run(ctx -> locked(ctx, () -> { })));
                assertTrue(e.getMessage().contains("WSO2SHARED_DB"), e.getMessage());
            }
        }
    }

    /** Two environments (dev and staging databases on one server) upgrade at the same time. */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void twoEnvironmentsOnOneServerDoNotBlockEachOther(Kind kind) throws Exception {
        try (TestDatabase dev = TestDatabase.create(kind, tmp); TestDatabase staging = TestDatabase.create(kind, tmp);
             RunLock devRun = hold(dev)) {
            AtomicBoolean ran = new AtomicBoolean();
            new TestRun(tmp.resolve("staging")).database("apim", staging).run(ctx -> locked(ctx, () -> ran.set(true)));
            assertTrue(ran.get());
        }
    }

    /** Two keys naming one database through differently spelled URLs take its lock once (no self-deadlock). */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void oneDatabaseUnderTwoUrlsIsLockedOnce(Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp)) {
            String other = db.url().replace("127.0.0.1", "localhost") + (kind == Kind.POSTGRESQL ? "?ApplicationName=x" : "?useSSL=false");
            AtomicBoolean ran = new AtomicBoolean();
            run(db).set("apim.db.shared.url", other).set("apim.db.shared.username", db.user())
                    .set("apim.db.shared.password", db.password()).run(ctx -> locked(ctx, () -> ran.set(true)));
            assertTrue(ran.get());
        }
    }

    /**
     * A killed run whose statement still runs on the server: the next run is refused, naming the session,
     * and with a wait goes ahead once the server has finished it.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void workLeftRunningByAKilledRunIsNotRaced(Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp)) {
            String sleep = kind == Kind.POSTGRESQL ? "SELECT pg_sleep(8)" : "SELECT SLEEP(8)";
            Jvm.Result killed = Jvm.run(WorkHolderMain.class, List.of(), List.of(db.url(), db.user(), db.password(), sleep));
            assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), killed.output());
            assertTrue(killed.output().contains("WORKING"), killed.output());
            AtomicBoolean ran = new AtomicBoolean();
            // a short wait: the server needs a moment to notice that the idle lock session is gone, not the busy one
            ApimUserException e = assertThrows(ApimUserException.class, () -> run(db).set(RunLocks.WAIT_PROPERTY, "2")
                    .run(ctx -> locked(ctx, () -> ran.set(true))));
            assertTrue(e.getMessage().startsWith("Work of an earlier apim-maven-plugin run is still running on WSO2AM_DB"), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("sleep"), e.getMessage());
            assertFalse(ran.get());
            run(db).set(RunLocks.WAIT_PROPERTY, "30").run(ctx -> locked(ctx, () -> ran.set(true)));
            assertTrue(ran.get());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void aCrashedRunLeavesNoLockBehind(Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp)) {
            Jvm.Result crashed = Jvm.run(LockHolderMain.class, List.of(), List.of(db.url(), db.user(), db.password()));
            assertEquals(FaultInjector.HALT_EXIT_CODE, crashed.exitCode(), crashed.output());
            assertTrue(crashed.output().contains("LOCKED"), crashed.output());
            AtomicBoolean ran = new AtomicBoolean();
            run(db).set(RunLocks.WAIT_PROPERTY, "20").run(ctx -> locked(ctx, () -> ran.set(true)));
            assertTrue(ran.get());
        }
    }
}
