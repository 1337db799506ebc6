package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.DbKey;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step made of one SQL script per dialect ({@code sql/<path>/<dialect>/<id>.sql}). The subclass
 * says, from the live catalog, whether the work is needed and which generated names to fill in; a
 * dialect without a script for the step is not applicable (say why in {@link #withoutScript}).
 */
public abstract class SqlStep implements Step {
    private final String id;
    private final Goal goal;
    private final DbKey database;
    private final String scriptPath;
    private final String migrationVersion;
    private final String summary;
    private final String provenance;

    protected SqlStep(Definition d) {
        this.id = d.id();
        this.goal = d.goal();
        this.database = d.database();
        this.scriptPath = d.scriptPath();
        this.migrationVersion = d.migrationVersion();
        this.summary = d.summary();
        this.provenance = d.provenance();
    }

    /** What identifies a SQL step and where its scripts live. */
    public record Definition(String id, Goal goal, DbKey database, String scriptPath, String migrationVersion,
                             String summary, String provenance) {
    }

    @Override public String id() { return id; }
    @Override public Goal goal() { return goal; }
    @Override public String summary() { return summary; }
    @Override public String provenance() { return provenance; }

    public DbKey database() {
        return database;
    }

    /** The version this step is recorded under in the plugin's Flyway history table. */
    public String migrationVersion() {
        return migrationVersion;
    }

    public Optional<String> script(Dialect dialect) {
        return SqlResources.find(scriptPath, dialect, id);
    }

    /** Looks at the catalog only; the script's existence for the dialect is checked first. */
    protected abstract Probe probe(Catalog catalog) throws SQLException;

    /** Why a dialect has no script for this step; steps that skip a dialect on purpose say why. */
    protected String withoutScript(Dialect dialect) {
        return "no script for " + dialect.displayName();
    }

    /** Names the script needs from the live catalog, such as a generated constraint name. */
    protected Map<String, String> placeholders(Catalog catalog) throws SQLException {
        return Map.of();
    }

    /** The plugin's history table of this step's database, where a finished step is recorded. */
    public String historyTable() {
        return SqlHistory.tableOf(database);
    }

    @Override
    public Probe probe(StepContext context) {
        Dialect dialect = context.databases().settings(database).dialect();
        if (script(dialect).isEmpty()) {
            return Probe.notApplicable(withoutScript(dialect));
        }
        if (new SqlHistory(context, database).recorded().contains(migrationVersion)) {
            return Probe.done("recorded as applied in " + historyTable());
        }
        return context.withCatalog(database, this::probe);
    }

    /** The catalog's answer alone, without the history table (inside the recording migration itself). */
    Probe probeCatalog(StepContext context) {
        Dialect dialect = context.databases().settings(database).dialect();
        return script(dialect).isEmpty() ? Probe.notApplicable(withoutScript(dialect)) : context.withCatalog(database, this::probe);
    }

    /** The exact statements this step would run now, in order. */
    public List<String> statements(StepContext context) {
        return context.withCatalog(database, catalog -> {
            String script = script(catalog.dialect()).orElseThrow();
            return StatementSplitter.split(catalog.dialect(), SqlResources.fill(script, placeholders(catalog)));
        });
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        String target = context.databases().settings(database).describe();
        return statements(context).stream().map(s -> PlannedAction.sql(target, s)).toList();
    }

    /** Runs through the database's history: Flyway records the step in the same transaction. */
    @Override
    public void apply(StepContext context) {
        new SqlHistory(context, database).apply(this);
    }

    /** The statements themselves, on the context's (possibly Flyway-bound) connection. */
    protected void runStatements(StepContext context) {
        context.execute(database, statements(context));
    }

    @Override
    public Verification verify(StepContext context) {
        Probe after = probeCatalog(context);
        return after.is(Probe.Status.ALREADY_DONE) || after.is(Probe.Status.NOT_APPLICABLE)
                ? Verification.ok(after.reason())
                : Verification.failed(after.reason());
    }
}
