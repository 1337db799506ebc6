package io.github.apimupgrade.core.verify;

import java.util.Optional;

/**
 * Tables whose difference from a fresh 3.1.0 schema is known: for a reason that holds whatever the identity migration
 * did ({@code apim-data/verify/known-differences.properties}), or because the identity migration changes them
 * ({@code identity-differences.properties}), which explains them only once it is done.
 */
final class KnownDifferences {
    private final TableRules always = new TableRules("apim-data/verify/known-differences.properties");
    private final TableRules identity = new TableRules("apim-data/verify/identity-differences.properties");

    /** Why a table differs, and whether the reason is the identity migration. */
    record Known(String reason, boolean byIdentityMigration) {
    }

    Optional<Known> of(String table) {
        return always.forTable(table).map(r -> new Known(r, false))
                .or(() -> identity.forTable(table).map(r -> new Known(r, true)));
    }
}
