package io.github.apimupgrade.core.db;

import java.sql.DatabaseMetaData;
import java.util.List;

/** A foreign key as the catalog reports it. */
public record ForeignKey(String name, List<String> columns, String refTable, List<String> refColumns,
                         Rule updateRule, Rule deleteRule) {

    /** Referential actions. RESTRICT and NO ACTION are kept apart: fresh 3.1.0 schemas spell out which. */
    public enum Rule {
        CASCADE, RESTRICT, NO_ACTION, SET_NULL, SET_DEFAULT;

        static Rule fromJdbc(short code) {
            return switch (code) {
                case DatabaseMetaData.importedKeyCascade -> CASCADE;
                case DatabaseMetaData.importedKeyRestrict -> RESTRICT;
                case DatabaseMetaData.importedKeySetNull -> SET_NULL;
                case DatabaseMetaData.importedKeySetDefault -> SET_DEFAULT;
                default -> NO_ACTION;
            };
        }
    }
}
