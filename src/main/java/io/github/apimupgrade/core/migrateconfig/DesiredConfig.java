package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.TomlValue;
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

    private void databases() {
        for (DbKey key : List.of(DbKey.APIM, DbKey.SHARED, DbKey.USER, DbKey.CONFIG)) {
            Optional<DatabaseSettings> db = settings.database(key);
            Optional<String> rawUrl = props.get(key.property("url"));
            if (db.isEmpty() || rawUrl.isEmpty()) {
                continue; // not configured, or the home's default embedded H2 that the 3.1.0 pack already names
            }
            String table = "database." + key.tomlSection();
            String why = "runbook Step 1.3 (" + key.label() + ")";
            Dialect dialect = db.get().dialect();
            add(table, "type", TomlValue.string(dialect.wso2Type()), why + "; WSO2 spells PostgreSQL 'postgre'");
            add(table, "url", TomlValue.string(url(table, rawUrl.get(), dialect)), why);
            add(table, "username", TomlValue.string(db.get().username()), why);
            password(table, "password", db.get().password(), key.tomlSection() + "_password",
                    dialect == Dialect.H2, why + " (" + policy.id() + ")");
            String driver = Dialect.driverClassFor(rawUrl.get());
            boolean mariadb = rawUrl.get().toLowerCase(Locale.ROOT).startsWith("jdbc:mariadb:");
            if (mariadb || (dialect != Dialect.H2 && dialect != Dialect.MYSQL)) {
                add(table, "driver", TomlValue.string(driver), why + ": other databases than H2 and MySQL name the driver");
                add(table, "validationQuery", TomlValue.string(validationQuery(dialect)), why);
            }
        }
    }

    private String url(String table, String rawUrl, Dialect dialect) {
        if (dialect == Dialect.H2) {
            Optional<Object> current = newToml.get(table, "url");
            if (current.isPresent() && current.get() instanceof String s && s.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")
                    && JdbcUrls.h2File(s) != null && JdbcUrls.h2File(s).equals(JdbcUrls.h2File(rawUrl))) {
                return s; // the same file: keep the pack's H2 options (AUTO_SERVER...)
            }
        }
        return rawUrl;
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
            keys.add(new TomlKey(table, key, TomlValue.string(password.reveal()), true, why));
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
                || Boolean.TRUE.equals(oldToml.get("apim.analytics", "enable").orElse(null))
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
            String pw = pwProp.orElseGet(() -> oldToml.get(table, "password").map(Object::toString).orElse(Keystores.DEFAULT_PASSWORD));
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
                .orElseGet(() -> oldToml.get(table, key).map(Object::toString).orElse(defaultValue));
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
}
