package io.github.apimupgrade.core.config;

/** A value to write into deployment.toml, rendered as TOML. */
public sealed interface TomlValue {
    String render();

    /** The value as tomlj returns it, for comparing with what a file holds. */
    Object plain();

    static TomlValue string(String s) {
        return new Str(s);
    }

    static TomlValue integer(long n) {
        return new Int(n);
    }

    static TomlValue bool(boolean b) {
        return new Bool(b);
    }

    /** The value tomlj read from a file (string, integer, float, boolean), to write it again elsewhere. */
    static TomlValue of(Object plain) {
        if (plain instanceof String s) {
            return string(s);
        }
        if (plain instanceof Long n) {
            return integer(n);
        }
        if (plain instanceof Boolean b) {
            return bool(b);
        }
        if (plain instanceof Double d) {
            return new Float(d);
        }
        throw new IllegalArgumentException("not a TOML scalar: " + plain.getClass().getSimpleName());
    }

    /** A TOML basic string. */
    record Str(String value) implements TomlValue {
        @Override
        public String render() {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
            return sb.append('"').toString();
        }

        @Override
        public Object plain() {
            return value;
        }
    }

    /** A TOML integer. */
    record Int(long value) implements TomlValue {
        @Override public String render() { return Long.toString(value); }
        @Override public Object plain() { return value; }
    }

    /** A TOML float. */
    record Float(double value) implements TomlValue {
        @Override public String render() { return Double.toString(value); }
        @Override public Object plain() { return value; }
    }

    /** A TOML boolean. */
    record Bool(boolean value) implements TomlValue {
        @Override public String render() { return Boolean.toString(value); }
        @Override public Object plain() { return value; }
    }
}
