package io.github.apimupgrade.core.report;

import java.util.Map;

/** One line of the run journal. */
public record JournalEntry(String time, String env, String goal, String step, String status, String detail, long durationMs) {

    static JournalEntry of(Map<String, Object> m) {
        Object d = m.get("durationMs");
        return new JournalEntry(str(m.get("time")), str(m.get("env")), str(m.get("goal")), str(m.get("step")),
                str(m.get("status")), str(m.get("detail")), d instanceof Number n ? n.longValue() : 0);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
