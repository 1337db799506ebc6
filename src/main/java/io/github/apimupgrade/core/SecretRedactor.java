package io.github.apimupgrade.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes every known password from text that leaves the plugin (log lines, exception messages),
 * and masks password parameters inside JDBC URLs. Drivers sometimes echo URLs; we never echo secrets.
 */
public final class SecretRedactor {
    private static final Pattern URL_PASSWORD =
            Pattern.compile("(?i)(password|pwd)=([^;&\\s]*)");
    private final List<String> secrets = new ArrayList<>();

    public synchronized void register(Secret secret) {
        if (secret != null && !secret.isEmpty() && !secrets.contains(secret.reveal())) {
            secrets.add(secret.reveal());
            secrets.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    public synchronized String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = URL_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=******"));
        for (String s : secrets) {
            out = out.replace(s, "******");
        }
        return out;
    }

    /** Wraps a log so that every line passes through {@link #redact(String)}. */
    public UpgradeLog wrap(UpgradeLog log) {
        return new UpgradeLog() {
            @Override public void info(String message) { log.info(redact(message)); }
            @Override public void warn(String message) { log.warn(redact(message)); }
            @Override public void debug(String message) { log.debug(redact(message)); }
            @Override public void error(String message) { log.error(redact(message)); }
        };
    }
}
