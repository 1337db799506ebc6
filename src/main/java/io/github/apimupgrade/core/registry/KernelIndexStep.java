package io.github.apimupgrade.core.registry;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlStep;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Drops an index that carbon-kernel 4.5.1 creates and 4.6.0 no longer does (a unique key on the same columns serves),
 * in every database that holds the kernel's tables. Scripts: {@code sql/kernel/<dialect>/<id>.sql}; H2 names the
 * REG_PATH index differently, so each dialect's script names its own and the probe looks for that name.
 */
public final class KernelIndexStep extends SqlStep {
    private final String table;
    private final List<String> names;

    private KernelIndexStep(Definition definition, String table, List<String> names) {
        super(definition);
        this.table = table;
        this.names = names;
    }

    /** The kernel's left-over indexes in one database, in the order they are dropped. */
    public static List<SqlStep> of(DbKey database) {
        return List.of(
                new KernelIndexStep(def(database, "reg-path-index", "3.1.0.2", "REG_PATH_IND_BY_PATH_VALUE (H2: REG_PATH_IND_BY_NAME) on REG_PATH"),
                        "REG_PATH", List.of("REG_PATH_IND_BY_PATH_VALUE", "REG_PATH_IND_BY_NAME")),
                new KernelIndexStep(def(database, "system-role-index", "3.1.0.3", "SYSTEM_ROLE_IND_BY_RN_TI on UM_SYSTEM_ROLE"),
                        "UM_SYSTEM_ROLE", List.of("SYSTEM_ROLE_IND_BY_RN_TI")));
    }

    private static Definition def(DbKey database, String id, String version, String index) {
        return new Definition(id, Goal.MIGRATE_DB, database, "kernel", version, "Drop the kernel 4.5.1 index " + index
                + ", which carbon-kernel 4.6.0 no longer creates",
                "issue #12: fresh 3.1.0 (carbon-kernel 4.6.0) has no such index and no kernel script drops it; the unique key on "
                        + "the same columns serves the same look-ups");
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        if (!catalog.tableExists(table)) {
            return Probe.notApplicable("no " + table + " in this database");
        }
        boolean present = catalog.indexInfo(table).stream().anyMatch(i -> i.name() != null && names.contains(i.name().toUpperCase(Locale.ROOT)));
        return present ? Probe.applicable(table + " has the kernel 4.5.1 index") : Probe.done(table + " has no kernel 4.5.1 index");
    }
}
