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

    /** A TOML boolean. */
    record Bool(boolean value) implements TomlValue {
        @Override public String render() { return Boolean.toString(value); }
        @Override public Object plain() { return value; }
    }
}
