package io.github.apimupgrade.core.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.github.apimupgrade.core.settings.Option.choice;
import static io.github.apimupgrade.core.settings.Option.flag;
import static io.github.apimupgrade.core.settings.Option.number;
import static io.github.apimupgrade.core.settings.Option.path;
import static io.github.apimupgrade.core.settings.Option.secret;
import static io.github.apimupgrade.core.settings.Option.text;

/**
 * Every {@code apim.*} setting the plugin reads, with its type, default and meaning: the one list that
 * validation, the Maven parameters, {@code apim:help} and the README are checked against. A setting that
 * is not here is refused, with the closest known name.
 */
public final class Options {
    public static final List<Option> ALL = List.of(
            // the deployment and the run
            text("apim.path", "3.0.0-3.1.0", "The upgrade path: the versions upgraded from and to."),
            path("apim.oldHome", null, "The WSO2 API-M 3.0.0 home. Its repository/conf/deployment.toml is read as the settings layer "
                    + "under the pom (database URLs, users, passwords, pool options)."),
            path("apim.newHome", null, "The WSO2 API-M 3.1.0 home; relative H2 URLs point into it once migrate-config has copied the "
                    + "embedded databases."),
            path("apim.workDir", "${project.basedir}/.apim-upgrade", "State, journal, reports, plans and (by default) backups. Keep it "
                    + "between runs: it is not under target/, so mvn clean does not delete it."),
            text("apim.env", "default", "The environment's name (dev, staging, prod...), in reports and backup set names."),
            choice("apim.nodeRole", "all-in-one", "The role of the node being upgraded.", "all-in-one", "gateway", "traffic-manager",
                    "publisher", "devportal", "key-manager"),
            flag("apim.dryRun", "Print the plan with the exact statements, TOML and file changes; change nothing."),
            path("apim.configFile", null, "A .properties or .toml file with apim.* settings for one environment; ${env.NAME} in it is read "
                    + "from the environment."),
            flag("apim.skip", "Skip every goal of the plugin."),
            flag("apim.<goal>.skip", "Skip one goal, e.g. apim.migrate-db.skip."),
            number("apim.lock.waitSeconds", "0", "How long a run waits for another run's upgrade lock before it is refused."),
            number("apim.server.offset", "0", "The API-M port offset, for the 'server stopped' check (port 9443 + offset)."),
            number("apim.progress.intervalSeconds", "10", "How often progress of long work is logged."),
            // databases
            text("apim.db.<key>.url", null, "JDBC URL of a database; <key> is apim (WSO2AM_DB), shared (registry), user, config or analytics. "
                    + "Defaults to the old deployment.toml's [database.*] block, else the home's embedded H2."),
            text("apim.db.<key>.username", null, "User name of a database (default: the old deployment.toml's, wso2carbon on H2)."),
            secret("apim.db.<key>.password", "Password of a database (prefer serverId)."),
            text("apim.db.<key>.serverId", null, "The settings.xml <server> holding the user name and password of a database."),
            // backup and restore
            path("apim.backup.dir", "${apim.workDir}/backups", "Root of the backup sets (relative: to apim.workDir); never inside a home."),
            flag("apim.backup.compress", "Gzip dumps and files (smaller, slower)."),
            flag("apim.backup.verify", "After backup, re-read and check the set."),
            number("apim.backup.threads", "2", "Tables dumped or loaded at once."),
            flag("apim.backup.ignoreRunningServer", "Skip the 'server stopped' check."),
            flag("apim.backup.force", "Take a new backup set even though the upgrade has begun (it is then not a 3.0.0 set)."),
            text("apim.restore.set", null, "The set to restore: its folder name under apim.backup.dir, or a path (default: the newest "
                    + "complete set of apim.env taken at 3.0.0)."),
            flag("apim.restore.overwrite", "Replace non-empty databases and folders."),
            flag("apim.restore.verifyOnly", "Verify the set; restore nothing."),
            new Option("apim.restore.databases", Option.Type.FLAG, "true", "Put the databases back.", List.of()),
            new Option("apim.restore.files", Option.Type.FLAG, "true", "Put the folders back.", List.of()),
            flag("apim.restore.analyze", "Update the database statistics after loading (ANALYZE)."),
            // migrate-config
            choice("apim.config.passwords", "secret-alias", "How passwords go into the 3.1.0 deployment.toml: as $secret{alias} "
                    + "references (define them under [secrets]) or in plain text.", "secret-alias", "plain"),
            text("apim.config.secretAlias.<table.key>", null, "Another secure vault alias for a password key, e.g. "
                    + "apim.config.secretAlias.database.apim_db.password."),
            flag("apim.config.overwriteHandEdits", "Overwrite deployment.toml keys changed by hand since the last run."),
            path("apim.config.synapseDefaults", null, "A sha256sum-style file of more 3.0.0 default Synapse files."),
            text("apim.jdbcDriver", null, "Maven coordinates groupId:artifactId:version of the JDBC driver jar(s) to copy into the new home "
                    + "(comma-separated)."),
            choice("apim.userStore.type", null, "The [user_store] type (default: the old deployment.toml's, else database).", "database",
                    "database_unique_id", "read_only_ldap", "read_only_ldap_unique_id", "read_write_ldap", "read_write_ldap_unique_id",
                    "active_directory", "active_directory_unique_id"),
            choice("apim.registry.disableVersioning", "auto", "auto: remove the registry's version data only if 3.0.0 had versioning on "
                    + "(registry.xml); true: always; false: never.", "auto", "true", "false"),
            number("apim.registry.batchSize", "50000", "Registry link rows (or tags, comments, properties, ratings) per committed batch "
                    + "of the versioning clean-up."),
            flag("apim.registry.keepVersioning", "Keep registry versioning on in 3.1.0 (not recommended; needs disableVersioning=false)."),
            flag("apim.analytics.enable", "Write [apim.analytics] enable = true even without an analytics database."),
            text("apim.keystore.<name>.file_name", null, "Keystore file of [keystore.<name>] (primary, tls, internal) or truststore."),
            text("apim.keystore.<name>.type", null, "Keystore type (JKS, PKCS12)."),
            secret("apim.keystore.<name>.password", "Keystore password (default: the old deployment.toml's, else wso2carbon)."),
            text("apim.keystore.<name>.alias", null, "The key's alias."),
            secret("apim.keystore.<name>.key_password", "The key's password."),
            // migrate-identity
            text("apim.identity.resources", null, "WSO2's identity migration resources: folder, zip, or groupId:artifactId:version[:type"
                    + "[:classifier]] in the local repository (never downloaded)."),
            flag("apim.identity.run", "Start the server from the goal and follow its log."),
            flag("apim.identity.finish", "Clean up after a server run done by hand (checks wso2carbon.log first)."),
            flag("apim.identity.userStoreUniqueId", "Afterwards set [user_store] type = \"database_unique_id\"."),
            number("apim.identity.indexingFrequency", "10", "The temporary [indexing] frequency after a PoolExhaustedException."),
            flag("apim.identity.indexingOverride", "Set that override at preparation already (runs by hand)."),
            path("apim.identity.apimClient", null, "Folder with WSO2's API-M migration client jar (the optional -DmigrateFromVersion=3.0.0 run)."),
            flag("apim.identity.scopesOnly", "Only the scope-role mapping (the identity migration was done elsewhere)."),
            number("apim.identity.timeoutMinutes", "480", "How long one server run may take before it is stopped and the goal fails."),
            text("apim.roleMapping.<role>", null, "Comma-separated scopes to add <role> to, e.g. apim.roleMapping.api-team=apim:api_view."),
            // migrate-analytics and reindex
            path("apim.analyticsHome", null, "The API-M Analytics 3.1.0 home."),
            path("apim.analytics.driverJar", null, "The driver jar to convert into the Analytics home's lib (default: the plugin's driver)."),
            number("apim.reindex.batchSize", "10000", "REG_LOG ids per committed delete."),
            text("apim.reindex.tenantLoader", null, "The runbook's tenantloader-1.0.jar (several tenants): a path, groupId:artifactId:version, "
                    + "or none."),
            flag("apim.reindex.finish", "Only remove the tenant loader (after the server indexed)."),
            // start (runbook Step 4) and the reindex server run
            flag("apim.start", "Run apim:start in the lifecycle (phase apim-start); mvn apim:start always runs."),
            flag("apim.start.keepRunning", "Leave the started 3.1.0 node (and Analytics) running after the checks."),
            text("apim.start.adminServerId", null, "The settings.xml <server> with the super tenant admin's user name and password."),
            text("apim.start.adminServerId.<tenant>", null, "The settings.xml <server> with a tenant admin's login, per tenant domain."),
            number("apim.start.timeoutSeconds", "600", "How long the node may take to start."),
            number("apim.start.indexTimeoutSeconds", "600", "How long the registry index may take to cover every tenant's APIs."),
            text("apim.start.profile", null, "The server profile to start (default: the node role's, e.g. gateway-worker)."),
            flag("apim.reindex.run", "Drive runbook Steps 2.6.5-2.6.6: start the server, wait for the index, stop it, remove the tenant loader."),
            choice("apim.keyManager", null, "What the 3.0.0 [apim.key_manager] service_url points at when it is another server: an API-M "
                    + "key manager node, or WSO2 IS as Key Manager (refused: WSO2's IS-as-KM guide applies).", "api-m", "wso2is"),
            // verify
            path("apim.verify.dbscripts", "${apim.newHome}/dbscripts", "The 3.1.0 scripts verify compares with."),
            // test hooks of the crash and disk-full tests: system properties, never set in a pom
            number("apim.fault.haltAfter", null, "Test only: halt the JVM after this many units of work."),
            number("apim.fault.usableSpaceBytes", null, "Test only: the free disk space to report."));

    private Options() {
    }

    /** The option {@code key} is, if any. */
    public static Optional<Option> of(String key) {
        return ALL.stream().filter(o -> o.matches(key)).findFirst();
    }

    /**
     * Refuses settings that are not options (a typo silently ignored would let the run go on with another value)
     * and values of the wrong type, naming the layer that holds them.
     */
    public static void validate(LayeredProperties props) {
        List<String> problems = new ArrayList<>();
        for (PropertyLayer layer : props.layers()) {
            for (var e : layer.values().entrySet()) {
                String key = e.getKey();
                if (!key.startsWith("apim.")) {
                    continue;
                }
                Optional<Option> option = of(key);
                if (option.isEmpty()) {
                    problems.add("'" + key + "' (" + layer.name() + ") is not a setting of this plugin " + closest(key).map(
                            c -> "(did you mean '" + c + "'?)").orElse("(mvn apim:help -Ddetail lists the settings)"));
                    continue;
                }
                String value = e.getValue();
                String problem = value == null || value.isBlank() ? null : option.get().problem(value);
                if (problem != null) {
                    problems.add("'" + key + "' " + problem + ", but " + layer.name() + " sets it to '"
                            + (option.get().type() == Option.Type.SECRET ? "******" : value.trim()) + "'");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems) + ". Nothing was changed.");
        }
    }

    /** The known name closest to a mistyped one (families spelled with the mistyped key's own parts). */
    static Optional<String> closest(String key) {
        List<String> candidates = new ArrayList<>();
        String[] parts = key.split("\\.");
        for (Option o : ALL) {
            if (!o.isFamily()) {
                candidates.add(o.name());
                continue;
            }
            // a family's <part> is each value it allows, else what the key has at that place (apim.db.apim.ulr meets apim.db.apim.url)
            String part = o.name().substring(o.name().indexOf('<'), o.name().indexOf('>') + 1);
            int at = List.of(o.name().split("\\.")).indexOf(part);
            List<String> values = Option.PARTS.getOrDefault(part, List.of(at >= 0 && at < parts.length ? parts[at] : part));
            values.forEach(v -> candidates.add(o.name().replace(part, v)));
        }
        return candidates.stream().min(Comparator.comparingInt(c -> distance(c.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT))))
                .filter(c -> distance(c.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT)) <= Math.max(3, key.length() / 4));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
