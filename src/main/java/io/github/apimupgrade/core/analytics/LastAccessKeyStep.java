package io.github.apimupgrade.core.analytics;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runbook Step 3.1, corrected (ground truth §5): the primary key of the last-access summary table
 * becomes (apiName, apiCreator, apiVersion, apiCreatorTenantDomain). The table is found under the
 * name the catalog stores (MySQL keeps {@code ApiLastAccessSummary}); before anything changes the
 * new key's byte length is checked against the dialect's limit for the columns' character set, and a
 * key that cannot fit is refused with the reason, so the table never loses its key.
 */
public final class LastAccessKeyStep implements Step {
    public static final String TABLE = "APILASTACCESSSUMMARY";
    static final Set<String> NEW_KEY = Set.of("APINAME", "APICREATOR", "APIVERSION", "APICREATORTENANTDOMAIN");
    static final int INNODB_MAX_KEY_BYTES = 3072;

    @Override public String id() { return "analytics-last-access-key"; }
    @Override public Goal goal() { return Goal.MIGRATE_ANALYTICS; }
    @Override public String summary() {
        return "primary key of ApiLastAccessSummary -> (apiName, apiCreator, apiVersion, apiCreatorTenantDomain)";
    }
    @Override public String provenance() {
        return "runbook Step 3.1, corrected per ground truth §5 (table case, atomic key swap, key length, MSSQL batch, DB2 syntax)";
    }

    @Override
    public Probe probe(StepContext context) {
        return context.withCatalog(DbKey.ANALYTICS, this::probe);
    }

    public Probe probe(Catalog catalog) throws SQLException {
        Optional<String> table = catalog.table(TABLE);
        if (table.isEmpty()) {
            return Probe.notApplicable("no ApiLastAccessSummary table (Analytics 3.1.0 creates it with the new key)");
        }
        Optional<Catalog.Key> pk = catalog.primaryKey(table.get());
        if (pk.isPresent() && pk.get().columns().size() == NEW_KEY.size() && NEW_KEY.containsAll(pk.get().columns())) {
            return Probe.done(table.get() + " already has the 3.1.0 primary key " + pk.get().columns());
        }
        Optional<String> tooLong = keyTooLong(catalog, table.get());
        if (tooLong.isPresent()) {
            return Probe.blocked(tooLong.get());
        }
        return Probe.applicable(table.get() + " has " + pk.map(k -> "the 3.0.0 key " + k.columns()).orElse("no primary key"));
    }

    /** Why the new key cannot be created on this table, checked before anything changes. */
    private static Optional<String> keyTooLong(Catalog catalog, String table) throws SQLException {
        if (catalog.dialect() == Dialect.MYSQL) {
            try (PreparedStatement ps = catalog.connection().prepareStatement(single(Dialect.MYSQL,
                    SqlResources.load("analytics", Dialect.MYSQL, "key-length")))) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long bytes = rs.getLong(1);
                    String charset = rs.getString(2);
                    if (bytes > INNODB_MAX_KEY_BYTES) {
                        return Optional.of("the 3.1.0 key (apiName, apiCreator, apiVersion, apiCreatorTenantDomain) of " + table
                                + " needs " + bytes + " bytes in character set " + charset + " (4 x 254 characters), over InnoDB's "
                                + INNODB_MAX_KEY_BYTES + "-byte limit: MySQL/MariaDB would refuse it (ERROR 1071), and the runbook's "
                                + "two-step script would leave the table with no primary key. Nothing was changed; the old key is kept. "
                                + "Convert those four columns to a single-byte character set (e.g. ALTER TABLE `" + table
                                + "` MODIFY apiName VARCHAR(254) CHARACTER SET latin1, ... for the four key columns), or shorten "
                                + "them to at most 192 characters in utf8mb4, then run again");
                    }
                }
            }
        }
        if (catalog.dialect() == Dialect.MSSQL) {
            long bytes = 0;
            for (String c : NEW_KEY) {
                Catalog.ColumnInfo col = catalog.column(table, c).orElseThrow();
                bytes += (long) col.size() * (col.typeName().toUpperCase().startsWith("N") ? 2 : 1);
            }
            if (bytes > 1700) {
                return Optional.of("the 3.1.0 key of " + table + " needs " + bytes + " bytes, over SQL Server's 1700-byte limit "
                        + "for a nonclustered key; nothing was changed");
            }
        }
        return Optional.empty();
    }

    private static String single(Dialect d, String script) {
        return StatementSplitter.withoutComments(StatementSplitter.split(d, script).get(0));
    }

    /**
     * ApiLastAccessSummary as Analytics 3.1.0 creates it ({@code table-3.1.0.sql}), under the name the migrated table has;
     * on MySQL in that table's collation.
     */
    public static String table310(Catalog catalog, String table) throws SQLException {
        Map<String, String> names = new HashMap<>();
        names.put("table", table);
        if (catalog.dialect() == Dialect.MYSQL) {
            try (PreparedStatement ps = catalog.connection().prepareStatement(single(Dialect.MYSQL,
                    SqlResources.load("analytics", Dialect.MYSQL, "table-collation")))) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    names.put("collation", rs.getString(1));
                }
            }
        }
        return SqlResources.fill(SqlResources.load("analytics", catalog.dialect(), "table-3.1.0"), names);
    }

    /** The exact statements for the table as it is now. */
    public List<String> statements(StepContext context) {
        return context.withCatalog(DbKey.ANALYTICS, c -> statements(c));
    }

    static List<String> statements(Catalog catalog) throws SQLException {
        String table = catalog.table(TABLE).orElseThrow();
        Optional<Catalog.Key> pk = catalog.primaryKey(table);
        Map<String, String> names = new HashMap<>();
        names.put("table", table);
        names.put("pkName", pk.map(Catalog.Key::name).orElse(""));
        String script = SqlResources.load("analytics", catalog.dialect(), pk.isPresent() ? "replace-primary-key" : "add-primary-key");
        return StatementSplitter.split(catalog.dialect(), SqlResources.fill(script, names));
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        String target = context.databases().settings(DbKey.ANALYTICS).describe();
        return statements(context).stream().map(s -> PlannedAction.sql(target, s)).toList();
    }

    @Override
    public void apply(StepContext context) {
        context.execute(DbKey.ANALYTICS, statements(context));
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.ALREADY_DONE) ? Verification.ok(p.reason()) : Verification.failed(p.reason());
    }
}
