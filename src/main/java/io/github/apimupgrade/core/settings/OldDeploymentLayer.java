package io.github.apimupgrade.core.settings;

import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.XmlEntities;
import io.github.apimupgrade.core.db.JdbcUrls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The datasources of the 3.0.0 deployment.toml as the settings layer just above the defaults (runbook
 * Step 1.3: "redo these configurations in the new file"): {@code [database.apim_db]}, {@code shared_db},
 * {@code user} and {@code config}, by {@code url} or by {@code hostname}/{@code port}/{@code name}. URLs
 * are XML-decoded ({@code &amp;} is how WSO2's files write {@code &}). A {@code $secret{alias}} password is
 * a secure vault reference the plugin cannot read: it is remembered, so that the error can name it.
 */
public final class OldDeploymentLayer {
    static final String TOML = "repository/conf/deployment.toml";

    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<DbKey, String> secretAliases = new EnumMap<>(DbKey.class);

    private OldDeploymentLayer(Path file) {
        this.file = file;
    }

    /** The layer of the old home's deployment.toml, or empty when the home has none. */
    public static Optional<OldDeploymentLayer> read(Path oldHome) {
        Path file = oldHome.resolve(TOML);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        OldDeploymentLayer layer = new OldDeploymentLayer(file);
        DeploymentToml toml = DeploymentToml.read(file);
        for (DbKey key : DbKey.values()) {
            if (key.tomlSection() != null && toml.hasTable("database." + key.tomlSection())) {
                layer.datasource(key, toml, "database." + key.tomlSection());
            }
        }
        return Optional.of(layer);
    }

    private void datasource(DbKey key, DeploymentToml toml, String table) {
        Optional<String> url = text(toml, table, "url");
        Optional<String> host = text(toml, table, "hostname");
        if (url.isPresent()) {
            values.put(key.property("url"), XmlEntities.decode(url.get()).replace("${carbon.home}", "."));
        } else if (host.isPresent()) {
            String type = text(toml, table, "type").orElseThrow(() -> new ConfigurationException(file + ": [" + table
                    + "] gives a hostname but no type; add type (mysql, postgre, mssql, oracle, db2) or a url."));
            String name = text(toml, table, "name").orElseThrow(() -> new ConfigurationException(file + ": [" + table
                    + "] gives a hostname but no database name; add name or a url."));
            values.put(key.property("url"), JdbcUrls.fromParts(type, host.get(), text(toml, table, "port").orElse(null), name));
        }
        // WSO2 renders these into master-datasources.xml unescaped as well: the file holds them XML-encoded
        text(toml, table, "username").ifPresent(u -> values.put(key.property("username"), XmlEntities.decode(u)));
        text(toml, table, "password").ifPresent(p -> {
            if (p.startsWith("$secret{") && p.endsWith("}")) {
                secretAliases.put(key, p);
            } else {
                values.put(key.property("password"), XmlEntities.decode(p));
            }
        });
    }

    private static Optional<String> text(DeploymentToml toml, String table, String key) {
        return toml.get(table, key).map(String::valueOf).filter(s -> !s.isBlank());
    }

    public String name() {
        return "the 3.0.0 deployment.toml (" + file + ")";
    }

    public PropertyLayer layer() {
        return new PropertyLayer(name(), values);
    }

    /** The secure vault reference the old file gives as this database's password, if it does. */
    public Optional<String> secretAlias(DbKey key) {
        return Optional.ofNullable(secretAliases.get(key));
    }
}
