package io.github.apimupgrade.core.report;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One line of the run journal; lines written before a field existed read it as empty. */
public record JournalEntry(String time, String run, String env, String node, String user, String host, String goal, String step,
                           String summary, String status, String detail, long durationMs, List<Action> actions) {

    /** What an applied step ran: a SQL statement on a database, a TOML edit or a file operation. */
    public record Action(String kind, String target, String text) {
    }

    public boolean isGoalLine() {
        return step.equals(Journal.GOAL);
    }

    static JournalEntry of(JsonNode n) {
        List<Action> actions = new ArrayList<>();
        if (n.has("actions")) {
            n.get("actions").forEach(a -> actions.add(new Action(str(a, "kind"), str(a, "target"), str(a, "text"))));
        }
        return new JournalEntry(str(n, "time"), str(n, "run"), str(n, "env"), str(n, "node"), str(n, "user"), str(n, "host"),
                str(n, "goal"), str(n, "step"), str(n, "summary"), str(n, "status"), str(n, "detail"),
                n.has("durationMs") ? n.get("durationMs").asLong() : 0, List.copyOf(actions));
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }
}
