package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.settings.DbKey;

import java.sql.SQLException;
import java.util.Optional;

/**
 * A SQL step described by data alone: its script per dialect ({@code <base>/<dialect>/<id>.sql}) and a query
 * ({@code <base>/<dialect>/<id>.done.sql}) answering 1 when the work is already there. A path made of data
 * (see {@code DataPath}) is built from these; recorded in the database's history like every SQL step.
 */
public final class ScriptStep extends SqlStep {
    private final String base;

    public ScriptStep(String base, String id, Goal goal, DbKey database, String version, String summary, String provenance) {
        super(new Definition(id, goal, database, base, version, summary, provenance));
        this.base = base;
    }

    @Override
    public Optional<String> script(Dialect dialect) {
        return SqlResources.resource(base + "/" + dialect.folder() + "/" + id() + ".sql");
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        String query = SqlResources.asQuery(SqlResources.resource(base + "/" + catalog.dialect().folder() + "/" + id() + ".done.sql")
                .orElseThrow(() -> new IllegalStateException("the data path has no " + id() + ".done.sql for " + catalog.dialect())));
        return catalog.count(query) > 0 ? Probe.done("already there") : Probe.applicable(summary());
    }
}
