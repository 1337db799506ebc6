package io.github.apimupgrade.core.amdb;

/** What {@link AmDbInspector} found, with the evidence in words, and whether our history table exists. */
public record AmDbState(Kind kind, String evidence, boolean hasHistory) {
    public enum Kind { EMPTY, NOT_WSO2AM_DB, OLDER_THAN_300, V300, PARTIAL, V310 }
}
