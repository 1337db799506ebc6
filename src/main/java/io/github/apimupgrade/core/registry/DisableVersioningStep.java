package io.github.apimupgrade.core.registry;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.KeptRows;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlHistory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Moves registry tags, comments, properties and ratings from version ids to path ids and deletes
 * those of old versions, as a registry without versioning expects, done as {@link VersioningCleanup}.
 * Runs only when the 3.0.0 deployment had versioning on ({@code apim.registry.disableVersioning=auto}),
 * or when forced ({@code true}); {@code false} skips it. Recorded in the registry database's history
 * table when it has finished, so it never runs twice; an interrupted run is finished by the next one.
 */
public final class DisableVersioningStep implements Step {
    public static final String HISTORY_TABLE = SqlHistory.REGISTRY_TABLE;
    public static final String PROPERTY = "apim.registry.disableVersioning";
    static final String BATCH_SIZE = "apim.registry.batchSize";
    static final String MIGRATION_VERSION = "3.1.0.1";
    private static final String ID = "disable-registry-versioning";
    /** Rows of the eight tables per second, truncated and reloaded (PostgreSQL, MariaDB) or in place (H2). */
    private static final long RELOAD_ROWS_PER_SECOND = 400_000;
    private static final long IN_PLACE_ROWS_PER_SECOND = 40_000;

    private final DbKey database;
    /** The clean-up and counts the plan has just read, for the run that follows it. */
    private VersioningCleanup planned;
    private List<VersioningCleanup.TableCount> counted = List.of();

    public DisableVersioningStep(DbKey database) {
        this.database = database;
    }

    @Override public String id() { return ID; }
    @Override public Goal goal() { return Goal.MIGRATE_DB; }
    @Override public String summary() {
        return "Remove registry version data (tags, comments, properties, ratings of old versions)";
    }
    @Override public String provenance() {
        return "runbook 'Disabling versioning in the registry configuration'; a later revision runs it only when "
                + "3.0.0 had versioning on; matches tenant ids too; batched, linear in the registry's size";
    }

    public DbKey database() {
        return database;
    }

    private VersioningCleanup cleanup(StepContext context) {
        return new VersioningCleanup(context.databases().settings(database).dialect(),
                Integer.parseInt(context.settings().properties().get(BATCH_SIZE, "50000").trim()), context.log());
    }

    @Override
    public Probe probe(StepContext context) {
        String mode = context.settings().properties().get(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "false":
                return Probe.notApplicable(PROPERTY + "=false");
            case "true":
                return unlessRecorded(context, "forced by " + PROPERTY + "=true");
            case "auto":
                break;
            default:
                throw new ConfigurationException("Property '" + PROPERTY + "' is '" + mode + "'; use auto, true or false.");
        }
        Optional<Path> oldHome = context.settings().oldHome();
        if (oldHome.isEmpty()) {
            return Probe.blocked("cannot tell whether registry versioning was on: set 'apim.oldHome' to the 3.0.0 home, "
                    + "or '" + PROPERTY + "' to true or false");
        }
        Path registryXml = oldHome.get().resolve("repository/conf/registry.xml");
        Optional<List<String>> on = RegistryVersioning.enabledFlags(registryXml);
        if (on.isEmpty()) {
            return Probe.blocked(registryXml + " has no <staticConfiguration>: set '" + PROPERTY + "' to true or false");
        }
        if (on.get().isEmpty()) {
            return Probe.notApplicable("versioning was off in " + registryXml);
        }
        return unlessRecorded(context, "versioning was on (" + String.join(", ", on.get()) + " checked)");
    }

    private Probe unlessRecorded(StepContext context, String why) {
        return new SqlHistory(context, database).recorded().contains(MIGRATION_VERSION)
                ? Probe.done("recorded as applied in " + HISTORY_TABLE)
                : Probe.applicable(why);
    }

    /** Rows to delete and keep per table, the batches, and the statements of one batch. */
    @Override
    public List<PlannedAction> plan(StepContext context) {
        String target = context.databases().settings(database).describe();
        VersioningCleanup cleanup = cleanup(context);
        List<VersioningCleanup.TableCount> counts = context.withConnection(database, cleanup::count);
        planned = cleanup;
        counted = counts;
        List<PlannedAction> out = new ArrayList<>();
        long work = 0;
        for (VersioningCleanup.TableCount t : counts) {
            out.add(PlannedAction.note(target, String.format(Locale.ROOT, "%s: delete %,d of %,d row(s), keep %,d",
                    t.table(), t.toDelete(), t.rows(), t.toKeep())));
            work += t.rows();
        }
        boolean reloads = context.withConnection(database, cleanup::reloads);
        String how = reloads ? "the rows kept copied aside, then each table truncated and reloaded from the copy"
                : "in batches of about " + context.settings().properties().get(BATCH_SIZE, "50000") + " rows, one commit each: "
                + "each statement below with two ? runs once per range of ids, the ? being the range's bounds";
        long rate = reloads ? RELOAD_ROWS_PER_SECOND : IN_PLACE_ROWS_PER_SECOND;
        out.add(PlannedAction.note(target, String.format(Locale.ROOT,
                "%s; about %s at the %,d rows/s bench/registry-cleanup.sh measured this way on 2 cores", how,
                minutes(work / (double) rate), rate)));
        context.withConnection(database, cleanup::plannedStatements).forEach(s -> out.add(PlannedAction.sql(target, s)));
        return out;
    }

    private static String minutes(double seconds) {
        long s = Math.max(1, Math.round(seconds));
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    @Override
    public void apply(StepContext context) {
        VersioningCleanup cleanup = planned != null ? planned : cleanup(context);
        List<VersioningCleanup.TableCount> known = counted;
        planned = null;
        counted = List.of();
        long deleted = context.withConnection(database, c -> {
            List<VersioningCleanup.TableCount> counts = known.isEmpty() ? cleanup.count(c) : known;
            Catalog catalog = new Catalog(c, context.databases().settings(database).dialect());
            for (VersioningCleanup.TableCount t : counts) {
                KeptRows.recordOnce(catalog, t.table(), ID, t.rows(), t.toKeep());
            }
            return cleanup.run(c, counts);
        });
        context.log().info(String.format(Locale.ROOT, "  registry versioning clean-up: %,d row(s) deleted", deleted));
        new SqlHistory(context, database).milestone(MIGRATION_VERSION, ID);
    }

    /** Every remaining tag, comment, property and rating link points at a resource path; nothing of the run is left. */
    @Override
    public Verification verify(StepContext context) {
        return context.withCatalog(database, catalog -> {
            long dangling = 0;
            for (VersioningCleanup.Kind k : VersioningCleanup.Kind.values()) {
                dangling += catalog.count("SELECT COUNT(*) FROM " + k.link() + " WHERE REG_PATH_ID IS NULL");
            }
            if (dangling > 0) {
                return Verification.failed(dangling + " registry links still have no path id");
            }
            List<String> left = VersioningCleanup.leftovers(catalog);
            return left.isEmpty()
                    ? Verification.ok("every registry tag, comment, property and rating has a path id")
                    : Verification.failed("the clean-up's own " + left + " are still there");
        });
    }
}
