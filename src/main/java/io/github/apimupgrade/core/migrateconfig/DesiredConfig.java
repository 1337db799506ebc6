package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.TomlValue;
import io.github.apimupgrade.core.config.XmlEntities;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.JdbcUrls;
import io.github.apimupgrade.core.files.Keystores;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment.toml keys the runbook asks for (Step 1.3, 1.4, Step 2.4 keystores, Step 2.5.5 user
 * store, Step 3.3 analytics, "Disabling versioning in the registry configuration"), computed from the
 * settings and the old home's deployment.toml, with the corrections of ground truth §6.
 */
public final class DesiredConfig {
    static final List<String> USER_STORE_TYPES = List.of("database", "database_unique_id", "read_only_ldap",
            "read_only_ldap_unique_id", "read_write_ldap", "read_write_ldap_unique_id", "active_directory",
            "active_directory_unique_id");
    static final List<String> VERSIONING_TABLES = List.of("static_configuration.versioning_properties",
            "static_configuration.versioning_comments", "static_configuration.versioning_tags",
            "static_configuration.versioning_ratings");
    static final List<String> KEYSTORES = List.of("keystore.primary", "keystore.tls", "keystore.internal", "truststore");

    private final UpgradeSettings settings;
    private final LayeredProperties props;
    private final DeploymentToml oldToml;
    private final DeploymentToml newToml;
    private final PasswordPolicy policy;
    private final List<TomlKey> keys = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final List<Keystores.Configured> keystores = new ArrayList<>();

    public DesiredConfig(UpgradeSettings settings, DeploymentToml oldToml, DeploymentToml newToml) {
        this.settings = settings;
        this.props = settings.properties();
        this.oldToml = oldToml;
        this.newToml = newToml;
        this.policy = PasswordPolicy.parse(props.get("apim.config.passwords", PasswordPolicy.SECRET_ALIAS.id()));
        databases();
        realmManager();
        registryVersioning();
        userStore();
        analytics();
        configureKeystores();
    }

    public List<TomlKey> keys() {
        return keys;
    }

    public List<String> warnings() {
        return warnings;
    }

    public PasswordPolicy policy() {
        return policy;
    }

    /** {@code $secret{alias}} references written, alias → what it is the password of. */
    public Map<String, String> secretAliases() {
        return aliases;
    }

    /** The keystores the deployment configures, with the password to open them. */
    public List<Keystores.Configured> keystores() {
        return keystores;
    }

    /** Keys of a datasource block that name the database; the others (driver, pool_options...) are the operator's options. */
    private static final List<String> LOCATION_KEYS = List.of("type", "url", "hostname", "port", "name", "username", "password");
    private static final List<String> HOST_FORM = List.of("hostname", "port", "name");

    /**
     * Runbook Step 1.3: every datasource block the node uses names the operator's database. The values come
     * from the settings (the old deployment.toml under them); the old block's other keys (driver,
     * validationQuery, pool_options) are carried over; keys the new value makes stale (a profile template's
     * hostname/port/name placeholders beside a url, or the reverse) are removed.
     */
    private void databases() {
        for (DbKey key : List.of(DbKey.APIM, DbKey.SHARED, DbKey.USER, DbKey.CONFIG)) {
            String table = "database." + key.tomlSection();
            Optional<DatabaseSettings> db = settings.database(key);
            if (db.isEmpty()) {
                if (newToml.hasTable(table)) {
                    throw new ConfigurationException("The new deployment.toml has [" + table + "], but the 3.0.0 deployment has no "
                            + key.label() + " (no [" + table + "] in its deployment.toml, no '" + key.property("url") + "'). Set '"
                            + key.property("url") + "', or remove the block from " + newToml.source() + ". Nothing was changed.");
                }
                continue;
            }
            DatabaseSettings d = db.get();
            boolean packDefault = props.find(key.property("url")).isEmpty();
            if (packDefault && (!newToml.hasTable(table) || isPackH2(table, key))) {
                continue; // the embedded H2 3.0.0 used by default, which the 3.1.0 block already names (or the node does not use)
            }
            String why = "runbook Step 1.3 (" + key.label() + (packDefault ? ", the embedded H2 3.0.0 used" : ", from " + d.source()) + ")";
            Dialect dialect = d.dialect();
            Map<String, Object> oldBlock = oldToml.entries(table);
            boolean fromOldBlock = d.source().startsWith("the 3.0.0 deployment.toml");
            add(table, "type", TomlValue.string(dialect.wso2Type()), why + "; WSO2 spells PostgreSQL 'postgre'");
            if (fromOldBlock && !oldBlock.containsKey("url") && oldBlock.containsKey("hostname")) {
                for (String k : HOST_FORM) {
                    if (oldBlock.get(k) != null) {
                        add(table, k, TomlValue.of(oldBlock.get(k)), why + ", as the 3.0.0 file gives it");
                    }
                }
                absent(table, "url", "the 3.0.0 block gives hostname, port and name");
            } else {
                add(table, "url", TomlValue.string(url(table, d.configuredUrl(), dialect)), why
                        + "; '&' written as '&amp;', as WSO2 renders the value into XML unescaped");
                HOST_FORM.forEach(k -> absent(table, k, "stale beside the url (a profile template's placeholder)"));
            }
            add(table, "username", TomlValue.string(XmlEntities.encode(d.username())), why);
            password(table, "password", d.password(), key.tomlSection() + "_password", dialect == Dialect.H2, why + " (" + policy.id() + ")");
            String driver = Dialect.driverClassFor(d.url());
            boolean mariadb = d.url().toLowerCase(Locale.ROOT).startsWith("jdbc:mariadb:");
            if (mariadb || (dialect != Dialect.H2 && dialect != Dialect.MYSQL)) {
                add(table, "driver", TomlValue.string(driver), why + ": other databases than H2 and MySQL name the driver");
                add(table, "validationQuery", TomlValue.string(validationQuery(dialect)), why);
            }
            carryOptions(table, true, oldBlock, dialect);
        }
    }

    /** The old block's own keys (driver, validationQuery, pool_options...), when it is the same kind of database. */
    private void carryOptions(String table, boolean top, Map<String, Object> block, Dialect dialect) {
        String blockTable = top ? table : table.substring(0, table.lastIndexOf('.'));
        Object oldType = oldToml.get(blockTable, "type").orElse(null);
        if (oldType != null && !dialect.wso2Type().equalsIgnoreCase(String.valueOf(oldType))) {
            return; // another kind of database: its driver and pool options would not fit
        }
        for (Map.Entry<String, Object> e : block.entrySet()) {
            if (top && LOCATION_KEYS.contains(e.getKey())) {
                continue;
            }
            if (e.getValue() instanceof Map<?, ?> sub) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) sub;
                carryOptions(table + "." + e.getKey(), false, nested, dialect);
            } else if (e.getValue() instanceof String || e.getValue() instanceof Long || e.getValue() instanceof Boolean
                    || e.getValue() instanceof Double) {
                add(table, e.getKey(), TomlValue.of(e.getValue()), "the 3.0.0 datasource's own setting, carried over");
            }
        }
    }

    /** Whether the new file's block is the pack's embedded H2 database of this key. */
    private boolean isPackH2(String table, DbKey key) {
        Object url = newToml.get(table, "url").orElse(null);
        return url instanceof String s && s.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")
                && JdbcUrls.h2File(s) != null && JdbcUrls.h2File(s).getFileName().toString().equals(key.defaultH2File().orElse(""));
    }

    private String url(String table, String url, Dialect dialect) {
        if (dialect == Dialect.H2) {
            Optional<Object> current = newToml.get(table, "url");
            if (current.isPresent() && current.get() instanceof String s && s.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")
                    && JdbcUrls.h2File(s) != null && JdbcUrls.h2File(s).equals(JdbcUrls.h2File(url))) {
                return s; // the same file: keep the pack's H2 options (AUTO_SERVER...)
            }
        }
        return XmlEntities.encode(url);
    }

    static String validationQuery(Dialect dialect) {
        return switch (dialect) {
            case ORACLE -> "SELECT 1 FROM DUAL";
            case DB2 -> "SELECT 1 FROM SYSIBM.SYSDUMMY1";
            default -> "SELECT 1";
        };
    }

    private void password(String table, String key, Secret password, String defaultAlias, boolean publicDefaultAllowed, String why) {
        Optional<Object> current = newToml.get(table, key);
        if (current.isPresent() && current.get() instanceof String s && s.startsWith("$secret{")) {
            return; // already a secure vault reference in the new home: the operator's
        }
        if (password.isEmpty()) {
            add(table, key, TomlValue.string(""), why);
            return;
        }
        if (policy == PasswordPolicy.PLAIN) {
            keys.add(new TomlKey(table, key, TomlValue.string(XmlEntities.encode(password.reveal())), true, why));
            return;
        }
        if (publicDefaultAllowed && password.reveal().equals(Keystores.DEFAULT_PASSWORD)) {
            add(table, key, TomlValue.string(password.reveal()), why + "; WSO2's public default, not a secret");
            return;
        }
        String alias = props.get("apim.config.secretAlias." + table + "." + key, defaultAlias);
        aliases.put(alias, table + "." + key);
        add(table, key, TomlValue.string("$secret{" + alias + "}"), why);
    }

    private void realmManager() {
        if (settings.database(DbKey.USER).isPresent()) {
            add("realm_manager", "data_source", TomlValue.string("WSO2USER_DB"), "runbook Step 1.4, only with a separate user database");
        } else if ("WSO2USER_DB".equals(newToml.get("realm_manager", "data_source").orElse(null))) {
            warnings.add("[realm_manager] data_source is \"WSO2USER_DB\" in the new deployment.toml, but no user database is "
                    + "configured (apim.db.user.url): 3.1.0 has no such datasource then (runbook Step 1.4 corrected).");
        }
    }

    private void registryVersioning() {
        boolean keep = props.flag("apim.registry.keepVersioning", false);
        if (newToml.get("registry.static_configuration", "enable").isPresent()) {
            warnings.add("[registry.static_configuration] enable in the new deployment.toml is read by nothing in 3.1.0 "
                    + "(ground truth §6); use apim.registry.keepVersioning=true to write the keys 3.1.0 reads.");
        }
        if (!keep) {
            for (String t : VERSIONING_TABLES) {
                if (Boolean.TRUE.equals(newToml.get(t, "enable").orElse(null))) {
                    warnings.add("[" + t + "] enable = true in the new deployment.toml, but apim.registry.keepVersioning is false.");
                }
            }
            return;
        }
        String disable = props.get("apim.registry.disableVersioning", "auto");
        if (!disable.equalsIgnoreCase("false")) {
            throw new ConfigurationException("apim.registry.keepVersioning=true keeps registry versioning on in 3.1.0, "
                    + "but apim.registry.disableVersioning is '" + disable + "', so migrate-db would delete the version "
                    + "history it needs. Set apim.registry.disableVersioning=false as well.");
        }
        for (String t : VERSIONING_TABLES) {
            add(t, "enable", TomlValue.bool(true), "runbook 'Disabling versioning' alternative, with the keys 3.1.0 reads "
                    + "(the runbook's [registry.static_configuration] maps to nothing)");
        }
        warnings.add("Registry versioning stays ON in 3.1.0 (apim.registry.keepVersioning=true). WSO2 does not recommend it, "
                + "it must be set before 3.1.0 first starts and never changed afterwards; the [static_configuration.versioning_*] "
                + "keys are those registry.xml.j2 reads, not runtime-verified.");
    }

    private void userStore() {
        String type = props.get("apim.userStore.type")
                .orElseGet(() -> oldToml.get("user_store", "type").map(Object::toString).orElse("database"));
        if (!USER_STORE_TYPES.contains(type)) {
            throw new ConfigurationException("Property 'apim.userStore.type' (or [user_store] type of the old deployment.toml) is '"
                    + type + "'; use one of " + String.join(", ", USER_STORE_TYPES) + ".");
        }
        add("user_store", "type", TomlValue.string(type), "runbook Step 2.5.5: the user store of 3.0.0 until the identity "
                + "migration has run (then database_unique_id if wanted)");
    }

    private void analytics() {
        boolean configured = settings.database(DbKey.ANALYTICS).isPresent()
                || "true".equalsIgnoreCase(String.valueOf(oldToml.get("apim.analytics", "enable").orElse(false)))
                || props.flag("apim.analytics.enable", false);
        if (configured) {
            add("apim.analytics", "enable", TomlValue.bool(true), "runbook Step 3.3.2");
        }
    }

    private void configureKeystores() {
        Map<String, String> defaultFile = Map.of("keystore.primary", "wso2carbon.jks", "keystore.tls", "wso2carbon.jks",
                "keystore.internal", "wso2carbon.jks", "truststore", "client-truststore.jks");
        for (String table : KEYSTORES) {
            String name = table.replace("keystore.", "");
            boolean inOld = oldToml.hasTable(table);
            boolean inProps = props.layers().stream().anyMatch(l -> l.values().keySet().stream()
                    .anyMatch(k -> k.startsWith("apim.keystore." + name + ".")));
            if (!inOld && !inProps && !table.equals("keystore.primary") && !table.equals("truststore")) {
                continue; // tls and internal default to the primary keystore
            }
            String file = value(table, name, "file_name", defaultFile.get(table));
            String type = value(table, name, "type", "JKS");
            Optional<String> pwProp = props.get("apim.keystore." + name + ".password");
            String pw = pwProp.orElseGet(() -> oldToml.get(table, "password").map(v -> XmlEntities.decode(v.toString()))
                    .orElse(Keystores.DEFAULT_PASSWORD));
            String source = pwProp.isPresent() ? "'apim.keystore." + name + ".password'"
                    : oldToml.get(table, "password").isPresent() ? "[" + table + "] password of the old deployment.toml"
                    : "WSO2's default ('" + "apim.keystore." + name + ".password' is not set)";
            keystores.add(new Keystores.Configured(table, file, type, Secret.of(pw), source));
            String why = "runbook Step 2.4: the 3.0.0 keystores differ from the defaults";
            if (!file.equals(defaultFile.get(table))) {
                add(table, "file_name", TomlValue.string(file), why);
            }
            if (!type.equalsIgnoreCase("JKS")) {
                add(table, "type", TomlValue.string(type), why);
            }
            if (!pw.equals(Keystores.DEFAULT_PASSWORD)) {
                if (pw.startsWith("$secret{")) {
                    add(table, "password", TomlValue.string(pw), why);
                } else {
                    password(table, "password", Secret.of(pw), name + "_keystore_password", false, why);
                }
            }
            if (!table.equals("truststore")) {
                String alias = value(table, name, "alias", "wso2carbon");
                if (!alias.equals("wso2carbon")) {
                    add(table, "alias", TomlValue.string(alias), why);
                }
                String keyPw = value(table, name, "key_password", pw);
                if (!keyPw.equals(Keystores.DEFAULT_PASSWORD)) {
                    password(table, "key_password", Secret.of(keyPw),
                            name + (keyPw.equals(pw) ? "_keystore_password" : "_key_password"), false, why);
                }
            }
        }
    }

    /** A keystore setting: the apim.keystore.* property, else the old deployment.toml, else the default. */
    String value(String table, String name, String key, String defaultValue) {
        return props.get("apim.keystore." + name + "." + key)
                .orElseGet(() -> oldToml.get(table, key).map(v -> XmlEntities.decode(v.toString())).orElse(defaultValue));
    }

    /** The key password of a configured keystore (its store password unless set otherwise). */
    Secret keyPassword(Keystores.Configured ks) {
        String name = ks.table().replace("keystore.", "");
        return Secret.of(value(ks.table(), name, "key_password", ks.password().reveal()));
    }

    String alias(Keystores.Configured ks) {
        return value(ks.table(), ks.table().replace("keystore.", ""), "alias", "wso2carbon");
    }

    private void add(String table, String key, TomlValue value, String why) {
        keys.removeIf(k -> k.table().equals(table) && k.key().equals(key));
        keys.add(new TomlKey(table, key, value, false, why));
    }

    private void absent(String table, String key, String why) {
        if (newToml.get(table, key).isPresent()) {
            keys.removeIf(k -> k.table().equals(table) && k.key().equals(key));
            keys.add(TomlKey.absent(table, key, why));
        }
    }
}
