package io.github.apimupgrade.core.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the flat JSON objects the journal writes (string, number, boolean and null values). */
final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
        this.s = s;
    }

    static Map<String, Object> parse(String line) {
        return new FlatJson(line.trim()).object();
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        expect('{');
        skip();
        if (peek() == '}') {
            i++;
            return out;
        }
        while (true) {
            skip();
            String key = string();
            skip();
            expect(':');
            skip();
            out.put(key, value());
            skip();
            char c = s.charAt(i++);
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw new IllegalArgumentException("bad journal line at " + i + ": " + s);
            }
        }
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        int start = i;
        while (i < s.length() && ",}".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String token = s.substring(start, i).trim();
        return switch (token) {
            case "null" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> token.contains(".") ? Double.parseDouble(token) : Long.parseLong(token);
        };
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private char peek() {
        return s.charAt(i);
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw new IllegalArgumentException("bad journal line, expected '" + c + "' at " + i + ": " + s);
        }
        i++;
    }
}
