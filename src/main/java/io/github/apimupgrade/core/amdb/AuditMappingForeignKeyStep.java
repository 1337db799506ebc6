package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.ForeignKey;
import io.github.apimupgrade.core.db.ForeignKey.Rule;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.sql.SqlStep;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Gives AM_SECURITY_AUDIT_UUID_MAPPING's foreign key to AM_API the referential actions of a fresh
 * 3.1.0 schema. Needed where the table was created by the runbook's script, which declares a plain
 * foreign key on every dialect.
 */
final class AuditMappingForeignKeyStep extends SqlStep {
    AuditMappingForeignKeyStep(Definition definition) {
        super(definition);
    }

    /** The rules of the fresh 3.1.0 schema: update rule, delete rule. */
    static Map.Entry<Rule, Rule> expectedRules(Dialect dialect) {
        return switch (dialect) {
            case H2, MYSQL, POSTGRESQL -> Map.entry(Rule.CASCADE, Rule.RESTRICT);
            case MSSQL -> Map.entry(Rule.CASCADE, Rule.NO_ACTION);
            case DB2 -> Map.entry(Rule.NO_ACTION, Rule.RESTRICT);
            case ORACLE -> Map.entry(Rule.NO_ACTION, Rule.NO_ACTION);
        };
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        if (!catalog.tableExists(AmTables.AUDIT_MAPPING)) {
            return Probe.done("the table is created with the right foreign key");
        }
        Optional<ForeignKey> fk = foreignKey(catalog);
        if (fk.isEmpty()) {
            return Probe.applicable("AM_SECURITY_AUDIT_UUID_MAPPING has no foreign key to AM_API");
        }
        Map.Entry<Rule, Rule> expected = expectedRules(catalog.dialect());
        boolean updateOk = fk.get().updateRule() == expected.getKey()
                || catalog.dialect() == Dialect.MYSQL && equivalentOnMySql(fk.get().updateRule(), expected.getKey());
        boolean deleteOk = fk.get().deleteRule() == expected.getValue()
                || catalog.dialect() == Dialect.MYSQL && equivalentOnMySql(fk.get().deleteRule(), expected.getValue());
        String found = "ON UPDATE " + fk.get().updateRule() + " ON DELETE " + fk.get().deleteRule();
        return updateOk && deleteOk
                ? Probe.done("foreign key " + fk.get().name() + " is " + found)
                : Probe.applicable("foreign key " + fk.get().name() + " is " + found + ", fresh 3.1.0 has ON UPDATE "
                + expected.getKey() + " ON DELETE " + expected.getValue());
    }

    private static boolean equivalentOnMySql(Rule a, Rule b) {
        return (a == Rule.RESTRICT || a == Rule.NO_ACTION) && (b == Rule.RESTRICT || b == Rule.NO_ACTION);
    }

    private static Optional<ForeignKey> foreignKey(Catalog catalog) throws SQLException {
        return catalog.foreignKeys(AmTables.AUDIT_MAPPING).stream()
                .filter(f -> f.refTable().equalsIgnoreCase(AmTables.API)).findFirst();
    }

    @Override
    protected Map<String, String> placeholders(Catalog catalog) throws SQLException {
        return Map.of("foreignKeyName", foreignKey(catalog).map(ForeignKey::name).orElse("(none)"));
    }

    @Override
    protected String withoutScript(Dialect dialect) {
        return "fresh Oracle 3.1.0 declares the same plain foreign key as the runbook";
    }
}
