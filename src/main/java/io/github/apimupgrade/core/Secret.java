package io.github.apimupgrade.core;

import java.util.Objects;

/** A password that prints as a mask: it cannot leak through toString, logs or exception messages. */
public final class Secret {
    private static final String MASK = "******";
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value == null ? "" : value);
    }

    public static Secret empty() {
        return new Secret("");
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Objects.equals(s.value, value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
