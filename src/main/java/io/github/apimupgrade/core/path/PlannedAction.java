package io.github.apimupgrade.core.path;

/** One concrete thing a step would do: a SQL statement, a file operation, a TOML edit. */
public record PlannedAction(Kind kind, String target, String text) {

    public enum Kind { SQL, FILE, TOML, NOTE }

    public static PlannedAction sql(String database, String statement) {
        return new PlannedAction(Kind.SQL, database, statement);
    }

    public static PlannedAction note(String target, String text) {
        return new PlannedAction(Kind.NOTE, target, text);
    }
}
