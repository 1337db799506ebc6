package io.github.apimupgrade.core.verify;

import java.util.Optional;

/** Tables whose difference from a fresh 3.1.0 schema is known and explained ({@code apim-data/verify/known-differences.properties}). */
final class KnownDifferences {
    private final TableRules reasons = new TableRules("apim-data/verify/known-differences.properties");

    Optional<String> reason(String table) {
        return reasons.forTable(table);
    }
}
