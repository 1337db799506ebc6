package io.github.apimupgrade.core.settings;

import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.JdbcUrls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns layered properties into {@link UpgradeSettings}: paths made absolute against the project
 * directory, H2 URLs resolved against the new home, credentials taken from a server id or given
 * directly (never both), every password registered with the redactor before anything can print it.
 */
public final class SettingsResolver {
    /** What WSO2 packs use for their embedded H2 databases when deployment.toml does not say otherwise. */
    static final String WSO2_H2_USER = "wso2carbon";

    private final Path baseDir;
    private final CredentialSource credentials;
    private final SecretRedactor redactor;

    /** Where relative H2 URLs point. */
    public enum H2Home {
        /** The new home (migrate-db and later goals). */
        NEW,
        /** The old home: the 3.0.0 deployment as it stands (check, backup). */
        OLD,
        /** The new home if the database is there already, else the old home's, which migrate-config will copy (plans, dry runs). */
        NEW_OR_OLD
    }

    private H2Home h2Home = H2Home.NEW;

    public SettingsResolver(Path baseDir, CredentialSource credentials, SecretRedactor redactor) {
        this.baseDir = baseDir.toAbsolutePath();
        this.credentials = credentials;
        this.redactor = redactor;
    }

    /** Where relative H2 URLs point (the new home unless a goal says otherwise). */
    public SettingsResolver h2Home(H2Home home) {
        this.h2Home = home;
        return this;
    }

    public UpgradeSettings resolve(LayeredProperties props) {
        Optional<Path> oldHome = props.get("apim.oldHome").map(this::path);
        Optional<Path> newHome = props.get("apim.newHome").map(this::path);
        oldHome.ifPresent(h -> requireDirectory("apim.oldHome", h));
        newHome.ifPresent(h -> requireDirectory("apim.newHome", h));
        Path workDir = path(props.get("apim.workDir", "target/apim-upgrade"));
        String env = props.get("apim.env", "default");
        NodeRole role = NodeRole.parse(props.get("apim.nodeRole", NodeRole.ALL_IN_ONE.id()));
        boolean dryRun = props.flag("apim.dryRun", false);

        Map<DbKey, DatabaseSettings> dbs = new EnumMap<>(DbKey.class);
        H2Home where = h2Home == H2Home.NEW && dryRun && oldHome.isPresent() ? H2Home.NEW_OR_OLD : h2Home;
        for (DbKey key : DbKey.values()) {
            Optional<DatabaseSettings> db = database(key, props, where == H2Home.OLD && oldHome.isPresent() ? oldHome : newHome);
            if (where == H2Home.NEW_OR_OLD && db.isPresent() && db.get().dialect() == Dialect.H2 && !h2Exists(db.get().url())) {
                Optional<DatabaseSettings> old = database(key, props, oldHome);
                if (old.isPresent() && h2Exists(old.get().url())) {
                    db = old;
                }
            }
            db.ifPresent(d -> dbs.put(key, d));
        }
        return new UpgradeSettings(oldHome, newHome, workDir, env, role, dryRun, dbs, props);
    }

    private Optional<DatabaseSettings> database(DbKey key, LayeredProperties props, Optional<Path> h2Home) {
        Optional<String> configuredUrl = props.get(key.property("url"));
        boolean defaultH2 = configuredUrl.isEmpty() && key.defaultH2File().isPresent() && h2Home.isPresent();
        if (configuredUrl.isEmpty() && !defaultH2) {
            return Optional.empty();
        }
        String url = configuredUrl.orElseGet(() -> "jdbc:h2:./repository/database/" + key.defaultH2File().orElseThrow());
        Dialect dialect;
        try {
            dialect = Dialect.fromJdbcUrl(url);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("Property '" + key.property("url") + "': " + e.getMessage());
        }
        if (dialect == Dialect.H2) {
            url = JdbcUrls.resolveH2(url, h2Home.orElse(baseDir));
            if (props.flag("apim.dryRun", false)) {
                // H2 rewrites a file it opened for writing when it closes it; a dry run must not.
                url = url + ";ACCESS_MODE_DATA=r";
            }
        }
        Credentials creds = credentials(key, props, dialect);
        if (!creds.password().reveal().equals(WSO2_H2_USER)) {
            // WSO2's public H2 default is no secret, and masking it would garble every "wso2carbon.jks" in the log.
            redactor.register(creds.password());
        }
        return Optional.of(new DatabaseSettings(key, url, creds.username(), creds.password(), dialect));
    }

    private Credentials credentials(DbKey key, LayeredProperties props, Dialect dialect) {
        Optional<String> serverId = props.get(key.property("serverId"));
        Optional<String> user = props.get(key.property("username"));
        Optional<String> password = props.find(key.property("password")).map(LayeredProperties.Found::value);
        if (serverId.isPresent()) {
            if (password.isPresent()) {
                throw new ConfigurationException("Both '" + key.property("serverId") + "' and '"
                        + key.property("password") + "' are set; keep one of them so that it is clear which password is used.");
            }
            Credentials fromServer = credentials.lookup(serverId.get()).orElseThrow(() -> new ConfigurationException(
                    "No <server> with id '" + serverId.get() + "' in settings.xml (named by '" + key.property("serverId")
                            + "'). Add it to ~/.m2/settings.xml or pass -s with the settings file that has it."));
            String username = user.orElse(fromServer.username());
            return new Credentials(username, fromServer.password() == null ? Secret.empty() : fromServer.password());
        }
        String defaultUser = dialect == Dialect.H2 ? WSO2_H2_USER : null;
        String username = user.orElse(defaultUser);
        if (username == null) {
            throw new ConfigurationException("No user name for " + key.label() + ": set '" + key.property("username")
                    + "' or '" + key.property("serverId") + "' (a settings.xml <server>).");
        }
        Secret secret = Secret.of(password.orElse(dialect == Dialect.H2 && user.isEmpty() ? WSO2_H2_USER : ""));
        return new Credentials(username, secret);
    }

    private static boolean h2Exists(String url) {
        Path base = JdbcUrls.h2File(url);
        return base != null && (Files.exists(base.resolveSibling(base.getFileName() + ".mv.db"))
                || Files.exists(base.resolveSibling(base.getFileName() + ".h2.db")));
    }

    private Path path(String value) {
        Path p = Path.of(value);
        return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
    }

    private static void requireDirectory(String property, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("Property '" + property + "' points at " + dir
                    + ", which is not a directory. Set it to the WSO2 API-M home folder.");
        }
    }
}
