package io.github.apimupgrade.core.run;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.JdbcUrls;
import io.github.apimupgrade.core.files.AtomicWrite;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.report.Json;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * apim:plan's files for a change review, in {@code <workDir>/plan-<env>/}: {@code plan-<database>.sql} with every
 * statement in the order the run would send it, terminated the way the dialect's own client reads it;
 * {@code deployment.diff} with each TOML change under its file, table and line; {@code files.txt} with the file
 * operations; {@code plan.json} with all of it per goal and step. Every file is written, saying so where there is nothing
 * to do; a step's notes (row counts, how batches run) are comments in its database's file. The folder holds only the
 * latest plan.
 */
public final class PlanFiles {
    private static final Pattern ORACLE_BLOCK = Pattern.compile("(?is)^\\s*(BEGIN|DECLARE|CREATE\\s+(OR\\s+REPLACE\\s+)?(TRIGGER|PROCEDURE|FUNCTION|PACKAGE))\\b.*");

    private PlanFiles() {
    }

    /** Writes the files and returns their folder. */
    public static Path write(StepContext context, List<RunWalk.GoalPlan> walk, List<String> skipped, UnaryOperator<String> redact) {
        String env = context.settings().env();
        Path dir = context.settings().workDir().resolve("plan-" + env.replaceAll("[^A-Za-z0-9_.-]", "_"));
        String generated = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        clear(dir);
        Map<String, DatabaseSettings> databases = new LinkedHashMap<>();
        for (DbKey key : DbKey.values()) {
            context.settings().database(key).ifPresent(d -> databases.put(d.describe(), d));
        }
        Map<DbKey, StringBuilder> sql = new LinkedHashMap<>();
        databases.values().forEach(db -> sql.put(db.key(), new StringBuilder(redact.apply(sqlHeader(db, env, generated)))));
        Map<DbKey, Integer> statements = new LinkedHashMap<>();
        StringBuilder diff = new StringBuilder();
        StringBuilder files = new StringBuilder();
        for (RunWalk.GoalPlan goal : walk) {
            for (StepRunner.StepPlan step : goal.steps()) {
                String origin = goal.goal().id() + " / " + step.step().id();
                Set<DbKey> headed = new HashSet<>();
                for (PlannedAction action : step.actions()) {
                    PlannedAction a = new PlannedAction(action.kind(), action.target(), redact.apply(action.text()));
                    DatabaseSettings db = databases.get(a.target());
                    if (a.kind() == PlannedAction.Kind.SQL && db == null) {
                        throw new ApimException("apim:plan: no configured database is described as '" + a.target() + "'");
                    }
                    if (db != null && headed.add(db.key())) {
                        sql.get(db.key()).append("\n-- ").append(origin).append(": ").append(step.step().summary()).append('\n');
                    }
                    switch (a.kind()) {
                        case SQL -> {
                            sql.get(db.key()).append(terminated(db.dialect(), a.text())).append('\n');
                            statements.merge(db.key(), 1, Integer::sum);
                        }
                        case TOML -> diff.append("--- ").append(a.target()).append("   (").append(origin).append(")\n")
                                .append(a.text()).append("\n\n");
                        case FILE -> files.append(origin).append(": ").append(a.text().replace("\n", "\n    ")).append('\n');
                        case NOTE -> {
                            if (db != null) {
                                sql.get(db.key()).append("-- ").append(a.text().replace("\n", "\n-- ")).append('\n');
                            }
                        }
                    }
                }
            }
        }
        sql.forEach((key, text) -> AtomicWrite.text(dir.resolve("plan-" + key.key() + ".sql"), text
                + (statements.containsKey(key) ? "" : "\n-- Nothing to run on this database: every step is done or not applicable.\n")));
        AtomicWrite.text(dir.resolve("deployment.diff"), diff.isEmpty() ? "# No TOML change: every step is done or not applicable.\n" : diff.toString());
        AtomicWrite.text(dir.resolve("files.txt"), files.isEmpty() ? "# No file operation: every step is done or not applicable.\n" : files.toString());
        AtomicWrite.text(dir.resolve("plan.json"), json(context, walk, skipped, env, generated, redact) + "\n");
        return dir;
    }

    /** Only the files an earlier plan wrote go: an operator's own files in the folder stay. */
    private static void clear(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("plan.json") || name.equals("deployment.diff") || name.equals("files.txt")
                        || name.startsWith("plan-") && name.endsWith(".sql")) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new ApimException("Cannot clear the earlier plan in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String sqlHeader(DatabaseSettings db, String env, String generated) {
        return "-- apim:plan for " + db.describe() + " at " + JdbcUrls.location(db.configuredUrl()) + ", environment " + env + ", "
                + generated + "\n"
                + "-- Every statement the upgrade would run on this database, in order, as the deployment stands now.\n"
                + "-- The plugin also records each step in its own history table and runs a step's statements in one\n"
                + "-- transaction where the database allows; a file run by hand does neither.\n";
    }

    /** One statement as the dialect's command-line client reads it. */
    static String terminated(Dialect dialect, String statement) {
        String s = statement.strip();
        return switch (dialect) {
            case MSSQL -> s + "\nGO";
            case ORACLE -> ORACLE_BLOCK.matcher(s.replaceAll("(?m)^\\s*--.*\n", "")).matches() ? s + "\n/" : s + ";";
            case MYSQL -> s.contains(";") ? "DELIMITER $$\n" + s + "$$\nDELIMITER ;" : s + ";";
            case DB2 -> s.contains(";") ? "--#SET TERMINATOR @\n" + s + "\n@\n--#SET TERMINATOR ;" : s + ";";
            default -> s + ";";
        };
    }

    private static String json(StepContext context, List<RunWalk.GoalPlan> walk, List<String> skipped, String env, String generated,
                               UnaryOperator<String> redact) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generated", generated);
        root.put("env", env);
        root.put("node", context.settings().nodeRole().id());
        List<Map<String, Object>> goals = new ArrayList<>();
        for (RunWalk.GoalPlan g : walk) {
            Map<String, Object> goal = new LinkedHashMap<>();
            goal.put("goal", g.goal().id());
            goal.put("refusal", redact.apply(g.refusal()));
            List<Map<String, Object>> steps = new ArrayList<>();
            for (StepRunner.StepPlan p : g.steps()) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("step", p.step().id());
                step.put("summary", p.step().summary());
                step.put("provenance", p.step().provenance());
                step.put("state", p.probe().status().name());
                step.put("reason", redact.apply(p.probe().reason()));
                step.put("actions", p.actions().stream().map(a -> action(a, redact)).toList());
                steps.add(step);
            }
            goal.put("steps", steps);
            goals.add(goal);
        }
        root.put("goals", goals);
        root.put("skipped", skipped);
        return Json.object(root);
    }

    private static Map<String, Object> action(PlannedAction a, UnaryOperator<String> redact) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", a.kind().name());
        m.put("target", a.target());
        m.put("text", redact.apply(a.text()));
        return m;
    }
}
