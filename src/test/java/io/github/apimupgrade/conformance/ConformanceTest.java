package io.github.apimupgrade.conformance;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.sql.StatementSplitter;
import io.github.apimupgrade.testing.Schema;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Conformance against WSO2's own schema files (not the hand-written fixtures): the real API-M 3.0.0
 * AM_DB schema plus the real carbon-kernel 4.5.1 schema, migrated by migrate-db, must have the same
 * shape in every {@code AM_} table as the real 3.1.0 AM_DB plus carbon-kernel 4.6.0 schema.
 *
 * <p>Runs only with {@code -Dapim.reference=<dir>} pointing at the stored WSO2 files
 * ({@code apimgt-3.0.0/}, {@code apimgt-3.1.0/}, {@code carbon-kernel-4.5.1/}, {@code carbon-kernel-4.6.0/}).
 * A relative directory is resolved against the project base directory. Prints one comparison
 * table per dialect to stdout and to {@code <apim.buildDir or target>/conformance/<dialect>.txt}.
 */
@EnabledIfSystemProperty(named = "apim.reference", matches = ".+")
class ConformanceTest {

    /** The three databases we can run; MariaDB through Connector/J, as WSO2 documents MySQL. */
    enum Target {
        H2(Kind.H2, "h2"),
        POSTGRESQL(Kind.POSTGRESQL, "postgresql"),
        MARIADB(Kind.MARIADB_VIA_MYSQL_DRIVER, "mysql");

        final Kind kind;
        /** The file name WSO2 uses for this dialect under dbscripts. */
        final String wso2File;

        Target(Kind kind, String wso2File) {
            this.kind = kind;
            this.wso2File = wso2File;
        }
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Target.class)
    void migratedReal300MatchesFreshReal310InEveryAmTable(Target target) throws Exception {
        Path ref = referenceDir();
        Dialect dialect = target.kind.dialect();
        try (TestDatabase migrated = TestDatabase.create(target.kind, tmp);
             TestDatabase fresh = TestDatabase.create(target.kind, tmp)) {
            loadReal(migrated, ref.resolve("apimgt-3.0.0").resolve(target.wso2File + ".sql"));
            loadReal(migrated, ref.resolve("carbon-kernel-4.5.1").resolve(target.wso2File + ".sql"));
            loadReal(fresh, ref.resolve("apimgt-3.1.0").resolve(target.wso2File + ".sql"));
            loadReal(fresh, ref.resolve("carbon-kernel-4.6.0").resolve(target.wso2File + ".sql"));

            // The same comparison before migrate-db: proves the comparison sees the 3.0.0 -> 3.1.0 gap
            // on this dialect, so an all-"same" result after the run means the plugin closed it.
            Report before;
            try (Connection m = migrated.connect(); Connection f = fresh.connect()) {
                List<String> all = tableUnion(m, f, dialect);
                before = compare(Schema.shape(m, dialect, all), Schema.shape(f, dialect, all));
            }

            TestRun run = new TestRun(tmp).database("apim", migrated).database("shared", migrated)
                    .set("apim.registry.disableVersioning", "true");
            int[] executed = new int[1];
            run.run(ctx -> executed[0] = new MigrateDbGoal(ctx).run());

            Report report;
            try (Connection m = migrated.connect(); Connection f = fresh.connect()) {
                List<String> all = tableUnion(m, f, dialect);
                report = compare(Schema.shape(m, dialect, all), Schema.shape(f, dialect, all));
            }

            String text = report.render(target) + "\nBefore migrate-db, " + (before.amCompared - before.amMatched)
                    + " AM_ table(s) differed: " + before.amRows.stream().filter(r -> r.status != Status.SAME)
                    .map(r -> r.table + " (" + r.status.label + ")").toList()
                    + "\nmigrate-db: MigrateDbGoal.run() = " + executed[0] + "; its log:\n  "
                    + String.join("\n  ", run.log().stream().filter(l -> !l.startsWith("DEBUG")).toList()) + "\n";
            System.out.println(text);
            Path out = buildDir().resolve("conformance").resolve(target.wso2File + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, text, StandardCharsets.UTF_8);

            assertTrue(report.amCompared > 0, "no AM_ table found in either database");
            // The gap the ground truth (section 2) records between real 3.0.0 and real 3.1.0 AM_ tables.
            Set<String> expectedGap = Set.of("AM_API_CATEGORIES", "AM_USER", "AM_SECURITY_AUDIT_UUID_MAPPING",
                    "AM_SYSTEM_APPS", "AM_CERTIFICATE_METADATA");
            Set<String> gap = new TreeSet<>();
            before.amRows.stream().filter(r -> r.status != Status.SAME).forEach(r -> gap.add(r.table));
            assertTrue(gap.containsAll(expectedGap), "before migrate-db the AM_ tables differing from fresh 3.1.0 were "
                    + gap + ", expected at least " + expectedGap + ": the comparison is not seeing the schemas it should");
            assertTrue(run.logText().contains("disable-registry-versioning"),
                    "the registry clean-up was not planned on the real kernel schema:\n" + run.logText());
            if (report.amMatched != report.amCompared) {
                fail(target + ": " + (report.amCompared - report.amMatched) + " of " + report.amCompared
                        + " AM_ tables differ from fresh 3.1.0 after migrate-db:\n" + report.amDifferences());
            }
        }
    }

    // ---------------------------------------------------------------- loading WSO2's files

    /**
     * Runs one of WSO2's files statement by statement, split with the plugin's own dialect parser.
     * Any failing statement fails the test, naming the file and statement; nothing is skipped.
     * (The ground truth records that H2 1.4.199, MariaDB 10.11 and PostgreSQL 15 load all of these
     * files cleanly, and so they do here; should one ever need an exception, add it here narrowly,
     * matched on the statement and the error, with the reason.)
     */
    static void loadReal(TestDatabase db, Path file) throws IOException, SQLException {
        String script = Files.readString(file, StandardCharsets.UTF_8);
        List<String> statements = StatementSplitter.split(db.dialect(), script);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            int n = 0;
            for (String sql : statements) {
                n++;
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(file + " statement " + n + " of " + statements.size() + " failed on "
                            + db + ": " + e.getMessage() + "\n" + sql, e.getSQLState(), e);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    // ---------------------------------------------------------------- comparison

    enum Status {
        SAME("same"), DIFFERS("differs"), ONLY_MIGRATED("only in migrated"), ONLY_FRESH("only in fresh");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    record Row(String table, Status status, String detail) {
    }

    static final class Report {
        final List<Row> amRows = new ArrayList<>();
        final List<Row> otherDiffs = new ArrayList<>();
        int amCompared;
        int amMatched;
        int otherCompared;

        String amDifferences() {
            StringBuilder sb = new StringBuilder();
            amRows.stream().filter(r -> r.status != Status.SAME)
                    .forEach(r -> sb.append("  ").append(r.table).append(": ").append(r.status.label).append(" - ")
                            .append(r.detail).append('\n'));
            return sb.toString();
        }

        String render(Target target) {
            StringBuilder sb = new StringBuilder();
            sb.append("=== Conformance ").append(target).append(" (").append(target.kind.dialect().displayName())
                    .append("): real 3.0.0 + kernel 4.5.1 after migrate-db  vs  real 3.1.0 + kernel 4.6.0 ===\n");
            table(sb, amRows);
            sb.append("AM_ tables compared: ").append(amCompared).append(", matched: ").append(amMatched)
                    .append(", differing: ").append(amCompared - amMatched).append('\n');
            sb.append('\n').append("--- left to migrate-identity (IDN_/UM_ etc.): non-AM_ tables that differ (")
                    .append(otherDiffs.size()).append(" of ").append(otherCompared).append(") ---\n");
            if (otherDiffs.isEmpty()) {
                sb.append("(none)\n");
            } else {
                table(sb, otherDiffs);
            }
            return sb.toString();
        }

        private static void table(StringBuilder sb, List<Row> rows) {
            int w1 = Math.max(5, rows.stream().mapToInt(r -> r.table.length()).max().orElse(5));
            int w2 = "only in migrated".length();
            String fmt = "%-" + w1 + "s | %-" + w2 + "s | %s%n";
            sb.append(String.format(Locale.ROOT, fmt, "table", "status", "detail (first difference)"));
            sb.append("-".repeat(w1)).append("-+-").append("-".repeat(w2)).append("-+-").append("-".repeat(40)).append('\n');
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, fmt, r.table, r.status.label, r.detail));
            }
        }
    }

    /** Every table of either database (upper-cased), without the plugin's own history tables. */
    private static List<String> tableUnion(Connection m, Connection f, Dialect dialect) throws SQLException {
        Set<String> tables = new TreeSet<>();
        tables.addAll(new Catalog(m, dialect).tables().keySet());
        tables.addAll(new Catalog(f, dialect).tables().keySet());
        tables.removeIf(t -> t.startsWith("APIM_UPGRADE_"));
        return List.copyOf(tables);
    }

    /**
     * Compares {@link Schema#shape} per table. No extra normalisation is applied: H2's random
     * {@code SYSTEM_SEQUENCE_*} default names are already normalised by Schema, and PostgreSQL's
     * {@code nextval('..._seq'::regclass)} and MariaDB's AUTO_INCREMENT defaults come out identical
     * on both sides because WSO2's 3.0.0 and 3.1.0 files declare them the same way.
     */
    static Report compare(Map<String, String> migrated, Map<String, String> fresh) {
        Report report = new Report();
        for (String table : migrated.keySet()) {
            Row row = row(table, present(migrated.get(table)), present(fresh.get(table)));
            if (table.startsWith("AM_")) {
                report.amCompared++;
                if (row.status == Status.SAME) {
                    report.amMatched++;
                }
                report.amRows.add(row);
            } else {
                report.otherCompared++;
                if (row.status != Status.SAME) {
                    report.otherDiffs.add(row);
                }
            }
        }
        return report;
    }

    private static String present(String shape) {
        return shape == null || shape.equals("(missing)") ? null : shape;
    }

    private static Row row(String table, String migrated, String fresh) {
        if (migrated == null && fresh == null) {
            return new Row(table, Status.SAME, "");
        }
        if (fresh == null) {
            return new Row(table, Status.ONLY_MIGRATED, "table is not in fresh 3.1.0");
        }
        if (migrated == null) {
            return new Row(table, Status.ONLY_FRESH, "table is missing after migrate-db");
        }
        if (migrated.equals(fresh)) {
            return new Row(table, Status.SAME, "");
        }
        return new Row(table, Status.DIFFERS, firstDifference(migrated, fresh));
    }

    /** The first line (in shape order) that is not on both sides, paired with its counterpart. */
    static String firstDifference(String migrated, String fresh) {
        Set<String> m = new LinkedHashSet<>(List.of(migrated.split("\n")));
        Set<String> f = new LinkedHashSet<>(List.of(fresh.split("\n")));
        List<String> onlyM = m.stream().filter(l -> !f.contains(l)).toList();
        List<String> onlyF = f.stream().filter(l -> !m.contains(l)).toList();
        // Pair lines about the same column (or the same kind of key) so the detail reads as "x vs y".
        for (String lm : onlyM) {
            String k = lineKey(lm);
            for (String lf : onlyF) {
                if (lineKey(lf).equals(k)) {
                    return "migrated '" + lm + "' vs fresh '" + lf + "'" + more(onlyM.size() + onlyF.size() - 2);
                }
            }
        }
        String first = !onlyM.isEmpty() ? "migrated has '" + onlyM.get(0) + "'" : "";
        String second = !onlyF.isEmpty() ? "fresh has '" + onlyF.get(0) + "'" : "";
        String sep = first.isEmpty() || second.isEmpty() ? "" : "; ";
        return first + sep + second + more(onlyM.size() + onlyF.size() - (first.isEmpty() ? 0 : 1) - (second.isEmpty() ? 0 : 1));
    }

    private static String lineKey(String line) {
        String[] p = line.split(" ");
        if (line.startsWith("column ") && p.length > 1) {
            return "column " + p[1];
        }
        if (line.startsWith("foreign key ")) {
            return line.substring(0, line.indexOf(" on update") < 0 ? line.length() : line.indexOf(" on update"));
        }
        return p[0];
    }

    private static String more(int n) {
        return n > 0 ? " (+" + n + " more)" : "";
    }

    // ---------------------------------------------------------------- paths

    /** The project base directory: surefire sets {@code basedir}; otherwise the working directory. */
    private static Path baseDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    static Path referenceDir() {
        Path p = Path.of(System.getProperty("apim.reference").trim());
        Path dir = (p.isAbsolute() ? p : baseDir().resolve(p)).normalize();
        assertTrue(Files.isDirectory(dir.resolve("apimgt-3.0.0")), "apim.reference=" + dir + " has no apimgt-3.0.0 folder");
        return dir;
    }

    static Path buildDir() {
        String b = System.getProperty("apim.buildDir");
        Path p = b == null || b.isBlank() ? Path.of("target") : Path.of(b.trim());
        return (p.isAbsolute() ? p : baseDir().resolve(p)).normalize();
    }
}
