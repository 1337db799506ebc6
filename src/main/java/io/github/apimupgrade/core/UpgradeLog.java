package io.github.apimupgrade.core;

/** Where the core reports what it does. The Maven side adapts it to the build log. */
public interface UpgradeLog {
    void info(String message);

    void warn(String message);

    void debug(String message);

    void error(String message);

    /** A result for a program to read (apim:status as JSON): standard output where there is one, even with mvn -q. */
    default void output(String document) {
        info(document);
    }

    /** A log that drops everything; for callers that only want the result. */
    static UpgradeLog silent() {
        return new UpgradeLog() {
            @Override public void info(String message) { }
            @Override public void warn(String message) { }
            @Override public void debug(String message) { }
            @Override public void error(String message) { }
        };
    }
}
