package io.github.apimupgrade.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of text that leaves the plugin (log lines, exception messages, reports), the
 * plugin's own and its libraries' (Flyway, the drivers). Passwords are found where text carries them:
 * as values ({@code password=...}, {@code "password":"..."}, {@code user:password@host}) and, when
 * long enough to be told from ordinary words, as whole tokens equal to a known password. A short
 * password such as {@code user} is never masked inside words: it cannot garble a message.
 */
public final class SecretRedactor {
    /** Known passwords shorter than this are masked only where the text shows them as a password value. */
    static final int WHOLE_TOKEN_MIN_LENGTH = 6;
    private static final String MASK = "******";
    private static final Pattern AS_VALUE = Pattern.compile(
            "(?i)(password|passwd|pwd)(\\s*[=:]\\s*\"?)(?!\\$secret\\{|\\$\\{|\\*{6})([^;&\\s\"',)]*)|(//[^/:@\\s]+:)([^@/\\s]+)(@)");
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
        String out = maskValues(text);
        for (String s : secrets) {
            if (s.length() >= WHOLE_TOKEN_MIN_LENGTH) {
                out = maskTokens(out, s);
            }
        }
        return out;
    }

    /**
     * Masks the passwords the text shows as values (a URL's {@code password=...}, {@code user:password@host}),
     * whoever they belong to: for text written to files, and for telling a value that carries a password.
     */
    public static String maskValues(String text) {
        return AS_VALUE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null
                ? m.group(1) + m.group(2) + (m.group(3).isEmpty() ? "" : MASK)
                : m.group(4) + MASK + m.group(6)));
    }

    /** Masks each occurrence of {@code secret} that is not part of a longer word. */
    private static String maskTokens(String text, String secret) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int at;
        while ((at = text.indexOf(secret, from)) >= 0) {
            int end = at + secret.length();
            boolean whole = (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
            sb.append(text, from, at).append(whole ? MASK : secret);
            from = end;
        }
        return sb.append(text.substring(from)).toString();
    }

    /** Wraps a log so that every line passes through {@link #redact(String)}. */
    public UpgradeLog wrap(UpgradeLog log) {
        return new UpgradeLog() {
            @Override public void info(String message) { log.info(redact(message)); }
            @Override public void warn(String message) { log.warn(redact(message)); }
            @Override public void debug(String message) { log.debug(redact(message)); }
            @Override public void error(String message) { log.error(redact(message)); }
            @Override public void output(String document) { log.output(redact(document)); }
        };
    }
}
