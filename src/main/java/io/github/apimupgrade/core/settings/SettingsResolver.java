package io.github.apimupgrade.core.settings;

import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.H2Files;
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

    /** The id of the mvn invocation this goal belongs to, for the journal. */
    public SettingsResolver run(String id) {
        this.run = id;
        return this;
    }

    /** Where relative H2 URLs point. */
    public enum H2Home {
        /** The new home (migrate-db and later goals). */
        NEW,
        /** The old home: the 3.0.0 deployment as it stands (check). */
        OLD,
        /**
         * The new home if the database is there already, else the old home's, which migrate-config will copy
         * (backup, plans, dry runs): the deployment's databases wherever they are at this point of the upgrade.
         */
        NEW_OR_OLD
    }

    private H2Home h2Home = H2Home.NEW;
    private boolean readOnly;
    private String run = "";
    private Optional<OldDeploymentLayer> oldDeployment = Optional.empty();

    public SettingsResolver(Path baseDir, CredentialSource credentials, SecretRedactor redactor) {
        this.baseDir = baseDir.toAbsolutePath();
        this.credentials = credentials;
        this.redactor = redactor;
    }

    /** Opens embedded H2 files read-only (check, plan, verify, backup, dry runs): no write, no lock or trace file. */
    public SettingsResolver readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    /** Where relative H2 URLs point (the new home unless a goal says otherwise). */
    public SettingsResolver h2Home(H2Home home) {
        this.h2Home = home;
        return this;
    }

    public UpgradeSettings resolve(LayeredProperties given) {
        Options.validate(given);
        Optional<Path> oldHome = given.get("apim.oldHome").map(this::path);
        Optional<Path> newHome = given.get("apim.newHome").map(this::path);
        oldHome.ifPresent(h -> requireDirectory("apim.oldHome", h));
        newHome.ifPresent(h -> requireDirectory("apim.newHome", h));
        if (oldHome.isPresent() && newHome.isPresent()) {
            requireSeparate(oldHome.get(), newHome.get());
        }
        Optional<OldDeploymentLayer> deployment = oldHome.flatMap(OldDeploymentLayer::read);
        LayeredProperties props = deployment.map(d -> given.withLowestLayer(d.layer())).orElse(given);
        this.oldDeployment = deployment;
        Path workDir = path(props.get("apim.workDir", ".apim-upgrade"));
        String env = props.get("apim.env", "default");
        NodeRole role = NodeRole.parse(props.get("apim.nodeRole", NodeRole.ALL_IN_ONE.id()));
        boolean dryRun = props.flag("apim.dryRun", false);

        Map<DbKey, DatabaseSettings> dbs = new EnumMap<>(DbKey.class);
        H2Home where = h2Home == H2Home.NEW && dryRun && oldHome.isPresent() ? H2Home.NEW_OR_OLD : h2Home;
        for (DbKey key : DbKey.values()) {
            Optional<DatabaseSettings> db = database(key, props, where == H2Home.OLD && oldHome.isPresent() ? oldHome : newHome);
            if (where == H2Home.NEW_OR_OLD && db.isPresent() && db.get().dialect() == Dialect.H2) {
                Optional<DatabaseSettings> old = database(key, props, oldHome);
                Optional<Path> oldFile = old.flatMap(o -> H2Files.dataFile(o.url()));
                Optional<Path> newFile = H2Files.dataFile(db.get().url());
                // the new home's file is the pack's fresh 3.1.0 database until migrate-config has copied the old one
                if (oldFile.isPresent() && (newFile.isEmpty() || !H2Files.isTheDeployments(newFile.get(), oldFile.get()))) {
                    db = old;
                }
            }
            db.ifPresent(d -> dbs.put(key, d));
        }
        return new UpgradeSettings(oldHome, newHome, workDir, env, role, dryRun, dbs, props, run);
    }

    private Optional<DatabaseSettings> database(DbKey key, LayeredProperties props, Optional<Path> h2Home) {
        Optional<LayeredProperties.Found> found = props.find(key.property("url"));
        boolean defaultH2 = found.isEmpty() && key.defaultH2File().isPresent() && h2Home.isPresent();
        if (found.isEmpty() && !defaultH2) {
            return Optional.empty();
        }
        String configured = found.map(LayeredProperties.Found::value).orElseGet(() -> key.defaultH2Url().orElseThrow());
        String source = found.map(LayeredProperties.Found::layer).orElse("the home's embedded H2 default");
        String url = configured;
        Dialect dialect;
        try {
            dialect = Dialect.fromJdbcUrl(url);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("Property '" + key.property("url") + "': " + e.getMessage());
        }
        if (dialect == Dialect.H2) {
            // the Analytics profiles name their files relative to the Analytics home
            Optional<Path> analyticsHome = props.get("apim.analyticsHome").map(this::path);
            if (key == DbKey.ANALYTICS && analyticsHome.isPresent()) {
                url = url.replace("${sys:carbon.home}", analyticsHome.get().toString());
            }
            url = JdbcUrls.resolveH2(url, h2Home.orElse(baseDir));
            if (readOnly || props.flag("apim.dryRun", false)) {
                // H2 rewrites a file it opened for writing when it closes it; a goal that changes nothing must not
                url = url + ";ACCESS_MODE_DATA=r;TRACE_LEVEL_FILE=0";
            }
        }
        Credentials creds = credentials(key, props, dialect);
        if (!creds.password().reveal().equals(WSO2_H2_USER)) {
            // WSO2's public H2 default is no secret, and masking it would garble every "wso2carbon.jks" in the log.
            redactor.register(creds.password());
        }
        return Optional.of(new DatabaseSettings(key, url, creds.username(), creds.password(), dialect, configured, source));
    }


    /**
     * The user name and password, taken as a unit from the highest layer that gives a password or a server
     * id: a profile's {@code serverId} is not mixed with the old deployment.toml's password. One layer giving
     * both is refused, so that it is always clear which password is used.
     */
    private Credentials credentials(DbKey key, LayeredProperties props, Dialect dialect) {
        Optional<LayeredProperties.Found> serverId = props.find(key.property("serverId"));
        Optional<LayeredProperties.Found> password = props.find(key.property("password"));
        Optional<LayeredProperties.Found> user = props.find(key.property("username"));
        if (serverId.isPresent() && password.isPresent() && serverId.get().rank() == password.get().rank()) {
            throw new ConfigurationException("Both '" + key.property("serverId") + "' and '" + key.property("password")
                    + "' are set in " + serverId.get().layer() + "; keep one of them so that it is clear which password is used.");
        }
        if (serverId.isPresent() && (password.isEmpty() || serverId.get().rank() < password.get().rank())) {
            int rank = serverId.get().rank();
            Credentials fromServer = credentials.lookup(serverId.get().value()).orElseThrow(() -> new ConfigurationException(
                    "No <server> with id '" + serverId.get().value() + "' in settings.xml (named by '" + key.property("serverId")
                            + "'). Add it to ~/.m2/settings.xml or pass -s with the settings file that has it."));
            String username = user.filter(u -> u.rank() <= rank).map(LayeredProperties.Found::value).orElse(fromServer.username());
            return new Credentials(username, fromServer.password() == null ? Secret.empty() : fromServer.password());
        }
        String defaultUser = dialect == Dialect.H2 ? WSO2_H2_USER : null;
        String username = user.map(LayeredProperties.Found::value).orElse(defaultUser);
        if (username == null) {
            throw new ConfigurationException("No user name for " + key.label() + ": set '" + key.property("username")
                    + "' or '" + key.property("serverId") + "' (a settings.xml <server>).");
        }
        if (password.isEmpty()) {
            Optional<String> alias = oldDeployment.flatMap(d -> d.secretAlias(key));
            if (alias.isPresent()) {
                throw new ConfigurationException("The password of " + key.label() + " in the 3.0.0 deployment.toml is the secure vault "
                        + "reference " + alias.get() + ", which the plugin cannot read: set '" + key.property("serverId")
                        + "' (a settings.xml <server> with the user name and password) or '" + key.property("password") + "'.");
            }
        }
        Secret secret = Secret.of(password.map(LayeredProperties.Found::value)
                .orElse(dialect == Dialect.H2 && user.isEmpty() ? WSO2_H2_USER : ""));
        return new Credentials(username, secret);
    }

    private Path path(String value) {
        Path p = Path.of(value);
        return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
    }

    /** The 3.1.0 pack is unpacked beside the 3.0.0 home, never into it: the old home is the way back. */
    private static void requireSeparate(Path oldHome, Path newHome) {
        Path o = oldHome.toAbsolutePath().normalize();
        Path n = newHome.toAbsolutePath().normalize();
        if (o.equals(n) || n.startsWith(o) || o.startsWith(n)) {
            throw new ConfigurationException("'apim.newHome' (" + n + ") and 'apim.oldHome' (" + o + ") must be two separate folders, "
                    + (o.equals(n) ? "not the same one" : "neither inside the other") + ": unpack the 3.1.0 pack into a folder of its own "
                    + "and point 'apim.newHome' at it. Nothing was changed.");
        }
    }

    private static void requireDirectory(String property, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("Property '" + property + "' points at " + dir
                    + ", which is not a directory. Set it to the WSO2 API-M home folder.");
        }
    }
}
