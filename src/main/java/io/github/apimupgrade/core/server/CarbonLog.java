package io.github.apimupgrade.core.server;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a WSO2 server's log says about its start: the line that reports it has started, or the first
 * line that shows it cannot serve: an ERROR about a datasource (a URL the server cannot parse, a
 * database it cannot reach, a password it cannot use) or an ERROR "Error while ..." (a component
 * that did not initialise).
 */
public final class CarbonLog {
    /** API-M (carbon kernel 4.x) logs this once start-up is complete. */
    public static final Pattern API_M_STARTED = Pattern.compile("WSO2 Carbon started in");
    /** API-M Analytics (carbon kernel 5.x) logs "<server name> started in 4.123 sec". */
    public static final Pattern ANALYTICS_STARTED = Pattern.compile("started in [0-9.]+ sec");
    /** The level field of a carbon log line ("[2020-03-01 10:00:00,042] ERROR {logger} - ..."). */
    public static final Pattern ERROR_LINE = Pattern.compile("(^|\\s|\\])ERROR(\\s|\\{|\\]|:)");
    private static final Pattern DATASOURCE = Pattern.compile("(?i)data ?source");
    private static final String ERROR_WHILE = "Error while ";

    /** The outcome a line decides: started, or failed with this line. */
    public record Outcome(boolean started, String line) {
    }

    private final Pattern started;

    public CarbonLog(Pattern started) {
        this.started = started;
    }

    public Optional<Outcome> classify(String line) {
        if (isFailure(line)) {
            return Optional.of(new Outcome(false, line.strip()));
        }
        return started.matcher(line).find() ? Optional.of(new Outcome(true, line.strip())) : Optional.empty();
    }

    /** An ERROR line about a datasource, or an ERROR "Error while ...". */
    public static boolean isFailure(String line) {
        return ERROR_LINE.matcher(line).find() && (DATASOURCE.matcher(line).find() || line.contains(ERROR_WHILE));
    }
}
