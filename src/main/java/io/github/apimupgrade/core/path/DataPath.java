package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.config.TomlKeyStep;
import io.github.apimupgrade.core.config.TomlValue;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.SettingsResolver.H2Home;
import io.github.apimupgrade.core.sql.ScriptStep;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An upgrade path described by data alone: {@code apim-paths/<from>-<to>/path.yaml} on the plugin's class path,
 * with its SQL beside it ({@code sql/<dialect>/<step>.sql} and {@code <step>.done.sql}). Each goal lists its steps,
 * of the kinds a small release needs: {@code sql} (a script per dialect, recorded in the database's history) and
 * {@code toml} (a key of the new deployment.toml). It runs through the same Mojos, executor, check, plan and verify.
 */
public final class DataPath implements UpgradePath {
    public static final String ROOT = "apim-paths/";
    private static final List<String> VIEWS_BEFORE = List.of("check");
    private static final List<String> VIEWS_AFTER = List.of("verify");

    private final String from;
    private final String to;
    private final String provenance;
    private final List<GoalDefinition> goals;

    private DataPath(String from, String to, String provenance, List<GoalDefinition> goals) {
        this.from = from;
        this.to = to;
        this.provenance = provenance;
        this.goals = goals;
    }

    /** The data path {@code id} ({@code <from>-<to>}), if the class path has one. */
    public static Optional<DataPath> load(String id) {
        String base = ROOT + id;
        try (InputStream in = DataPath.class.getClassLoader().getResourceAsStream(base + "/path.yaml")) {
            if (in == null) {
                return Optional.empty();
            }
            Object doc = new Load(LoadSettings.builder().build()).loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Optional.of(of(base, map(doc, base + "/path.yaml")));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the upgrade path " + base + "/path.yaml: " + e.getMessage());
        }
    }

    private static DataPath of(String base, Map<String, Object> doc) {
        List<GoalDefinition> goals = new ArrayList<>();
        for (Object g : list(doc.get("goals"))) {
            Map<String, Object> goal = map(g, base);
            String id = text(goal, "id");
            Goal kind = Goal.byId(id).orElseThrow(() -> new ConfigurationException(base + ": no goal '" + id + "'"));
            List<Step> steps = new ArrayList<>();
            for (Object s : list(goal.get("steps"))) {
                steps.add(step(base, kind, map(s, base)));
            }
            goals.add(new GoalDefinition(id, text(goal, "summary"), true, true, H2Home.NEW, c -> GoalSteps.of(steps)));
        }
        return new DataPath(text(doc, "from"), text(doc, "to"), text(doc, "provenance"), List.copyOf(goals));
    }

    private static Step step(String base, Goal goal, Map<String, Object> s) {
        if (s.containsKey("sql")) {
            Map<String, Object> sql = map(s.get("sql"), base);
            DbKey db = DbKey.byKey(text(sql, "database")).orElseThrow(() -> new ConfigurationException(base + ": unknown database"));
            return new ScriptStep(base + "/sql", text(sql, "id"), goal, db, text(sql, "version"), text(sql, "summary"), text(sql, "provenance"));
        }
        Map<String, Object> toml = map(s.get("toml"), base);
        return new TomlKeyStep(text(toml, "id"), goal, text(toml, "table"), text(toml, "key"), TomlValue.of(toml.get("value") instanceof Integer i
                ? Long.valueOf(i) : toml.get("value")), text(toml, "provenance"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new ConfigurationException(where + ": a mapping was expected");
        }
        return (Map<String, Object>) m;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new ConfigurationException("an upgrade path's data lacks '" + key + "'");
        }
        return String.valueOf(v);
    }

    @Override public String from() { return from; }
    @Override public String to() { return to; }
    @Override public String provenance() { return provenance; }
    @Override public List<GoalDefinition> goals() { return goals; }

    @Override
    public List<String> phases() {
        List<String> out = new ArrayList<>(VIEWS_BEFORE);
        goals.forEach(g -> out.add(g.id()));
        out.addAll(VIEWS_AFTER);
        return out;
    }
}
