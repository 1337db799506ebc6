package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.files.FileTrees;
import io.github.apimupgrade.core.files.NewHomeWritable;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.TomlValue;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.H2Files;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.SqlHistory;
import io.github.apimupgrade.core.path.GoalSteps;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.server.StartGoal;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code migrate-identity}: runbook Step 2.5 (identity component 5.9.0 to 5.10.0) with the later
 * revision's corrections, the optional API-M migration client step, and the scope-role mapping of
 * the closing "Important" note. A failure anywhere reverts every file change the goal recorded, so
 * the home is as it was before the migration was prepared.
 */
public final class MigrateIdentityGoal implements GoalSteps {
    static final String DROPINS = "repository/components/dropins";
    static final String RESOURCES = "migration-resources";
    static final String CARBON_LOG = "repository/logs/wso2carbon.log";
    public static final List<String> IDENTITY_ARGS = List.of("-Dmigrate", "-Dcomponent=identity");
    public static final List<String> APIM_CLIENT_ARGS = List.of("-DmigrateFromVersion=3.0.0");
    /** The transcripts of the servers the goal starts, in {@code <workDir>/identity}: the identity migration, its retry, the API-M client. */
    static final String IDENTITY_FIRST_LOG = "server-identity-1.log";
    static final String IDENTITY_RETRY_LOG = "server-identity-2.log";
    static final String APIM_CLIENT_LOG = "server-apim-client.log";
    /** The entry of WSO2AM_DB's history table that records a finished identity migration. */
    static final String MILESTONE = "3.1.0.50";

    private final StepContext context;
    private final IdentityOptions options;
    private final IdentityState state;
    private final UpgradeLog log;
    private final Path baseDir;
    private MigrationResources resources;
    private Path tempUnpack;

    public MigrateIdentityGoal(StepContext context, IdentityOptions options, Path baseDir) {
        this.context = context;
        this.options = options;
        this.state = IdentityState.load(context.settings());
        this.log = context.log();
        this.baseDir = baseDir;
        this.scopes = new ScopeRoleMapping(options.roleMappings());
        this.startPhase = state.phase();
    }

    public static MigrateIdentityGoal of(StepContext context, Map<String, String> pluginRoleMappings,
                                         Optional<Path> localRepository, Path baseDir) {
        return new MigrateIdentityGoal(context, IdentityOptions.from(context.settings().properties(), pluginRoleMappings,
                localRepository), baseDir);
    }

    @Override
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>(List.of(new NewHomeWritable(Goal.MIGRATE_IDENTITY, List.of("", "repository/conf", DROPINS)),
                new Prepare(), new RunIdentity(), new Cleanup()));
        boolean migratesInThisRun = !options.scopesOnly() && (options.run() || options.finish());
        BooleanSupplier migrated = () -> state.phase() == IdentityState.Phase.DONE || migratedAccordingToTheDatabase();
        IdentityAlignment.steps(context.settings().userStore())
                .forEach(s -> steps.add(new AfterIdentityMigration(s, migrated, migratesInThisRun)));
        steps.add(new ApimClient());
        steps.add(scopes);
        return steps;
    }

    private final ScopeRoleMapping scopes;
    private IdentityState.Phase startPhase;

    /** Runs the goal; returns how many steps changed something. */
    public int run() {
        return new StepRunner(context).run(Goal.MIGRATE_IDENTITY, this);
    }

    @Override
    public void afterSuccess(int applied) {
        scopes.report(context);
        if (!context.settings().dryRun() && !options.scopesOnly() && !options.run() && !options.finish()
                && state.phase() == IdentityState.Phase.PREPARED) {
            printManualInstructions();
        }
    }

    /** Any failure puts the home back as it was before this run (WSO2's own database changes stay: restore for those). */
    @Override
    public void afterFailure(RuntimeException failure) {
        revertAll(startPhase);
    }

    @Override
    public void close() {
        if (tempUnpack != null) {
            FileTrees.delete(tempUnpack);
        }
    }

    /**
     * WSO2's identity scripts for PostgreSQL run CREATE EXTENSION "uuid-ossp" on WSO2AM_DB (step1/identity) and on
     * the user store (step2/um): a user that may not would fail the migration half-way, so it is refused first.
     */
    private Optional<String> uuidOsspRefused() {
        List<String> refused = new ArrayList<>();
        DbKey userStore = context.settings().userStore();
        for (DbKey key : List.of(DbKey.APIM, userStore)) {
            Optional<DatabaseSettings> db = context.settings().database(key).filter(d -> d.dialect() == Dialect.POSTGRESQL);
            if (db.isPresent() && context.withCatalog(key, c -> c.count(SqlResources.catalogQuery(Dialect.POSTGRESQL, "uuid-ossp-creatable"))) == 0) {
                refused.add(db.get().describe() + " as '" + db.get().username() + "'");
            }
        }
        return refused.isEmpty() ? Optional.empty() : Optional.of("WSO2's identity migration runs CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\", "
                + "which " + String.join(" and ", refused) + " may not: create the extension there first as a superuser "
                + "(CREATE EXTENSION \"uuid-ossp\";), or grant that user CREATE on the database (PostgreSQL 13+), or run as a superuser "
                + "(the runbook's SUPERUSER note)");
    }

    /**
     * WSO2's step2/um for MySQL adds UM_USER.UM_USER_ID only when no database of the server has that column: another
     * environment already migrated, or a fresh 3.1.0 database, on the same server would leave this user store without it.
     */
    private Optional<String> userIdWouldBeSkipped() {
        DbKey userStore = context.settings().userStore();
        Optional<DatabaseSettings> db = context.settings().database(userStore).filter(d -> d.dialect() == Dialect.MYSQL);
        if (db.isEmpty() || context.withCatalog(userStore, c -> c.count(SqlResources.catalogQuery(Dialect.MYSQL, "um-user-id-elsewhere"))) == 0) {
            return Optional.empty();
        }
        return Optional.of("another database on the server of " + db.get().describe() + " has a UM_USER with UM_USER_ID, so WSO2's "
                + "step2/um (which looks the column up in INFORMATION_SCHEMA without naming the database) would not add it to this "
                + "user store: run the identity migration while no other database of that server has a migrated UM_USER, or add "
                + "the column first as step2/um would (ALTER TABLE UM_USER ADD COLUMN UM_USER_ID CHAR(36) NOT NULL DEFAULT 'NONE'; "
                + "UPDATE UM_USER SET UM_USER_ID = UUID(); ALTER TABLE UM_USER ADD UNIQUE(UM_USER_ID, UM_TENANT_ID))");
    }

    private boolean migratedAccordingToTheDatabase() {
        return finishedAccordingToTheDatabase(context);
    }

    /** WSO2AM_DB's history says the identity migration finished, whatever the work directory holds. */
    public static boolean finishedAccordingToTheDatabase(StepContext context) {
        return reachable(context, DbKey.APIM) && new SqlHistory(context, DbKey.APIM).recorded().contains(MILESTONE);
    }

    /** The database is configured and there (an embedded file that migrate-config has not copied yet is not). */
    static boolean reachable(StepContext context, DbKey key) {
        Optional<DatabaseSettings> db = context.settings().database(key);
        return db.isPresent() && (db.get().dialect() != Dialect.H2 || H2Files.dataFile(db.get().url()).isPresent());
    }

    private Path home() {
        return context.settings().newHome().orElseThrow(() -> new ConfigurationException(
                "migrate-identity needs 'apim.newHome' (the WSO2 API-M 3.1.0 home)."));
    }

    private MigrationResources resources() {
        if (resources == null) {
            String location = options.resources().orElseThrow(() -> new ConfigurationException(
                    "Set 'apim.identity.resources' to WSO2's identity migration resources (folder, zip or coordinates)."));
            Path unpack;
            if (context.settings().dryRun()) {
                try {
                    tempUnpack = Files.createTempDirectory("apim-identity-");
                } catch (IOException e) {
                    throw new ApimException("Cannot create a temporary folder: " + e.getMessage(), e);
                }
                unpack = tempUnpack;
            } else {
                unpack = state.unpackDir();
            }
            resources = MigrationResources.locate(location, baseDir, options.localRepository(), unpack);
        }
        return resources;
    }

    private MigrationConfigYaml shippedYaml() {
        try {
            return MigrationConfigYaml.of(resources().configYaml().toString(),
                    Files.readString(resources().configYaml(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApimException("Cannot read " + resources().configYaml() + ": " + e.getMessage(), e);
        }
    }

    private Path jarTarget() {
        return home().resolve(DROPINS).resolve(resources().jar().getFileName().toString());
    }

    private List<String> identityJarsInDropins() {
        Path d = home().resolve(DROPINS);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("org\\.wso2\\.carbon\\.is\\.migration-.*\\.jar")).toList();
        } catch (IOException e) {
            throw new ApimException("Cannot list " + d + ": " + e.getMessage(), e);
        }
    }

    private void createdCopy(Path from, Path to) {
        Path rel = home().relativize(to);
        if (!Files.exists(to.getParent())) {
            // record the outermost folder we create, so that clean-up removes it too
            Path p = to.getParent();
            while (!Files.exists(p.getParent())) {
                p = p.getParent();
            }
            state.created(home().relativize(p).toString());
            try {
                Files.createDirectories(to.getParent());
            } catch (IOException e) {
                throw new ApimException("Cannot create " + to.getParent() + ": " + e.getMessage(), e);
            }
        }
        state.created(rel.toString());
        if (Files.isDirectory(from)) {
            FileTrees.copy(from, to);
        } else {
            try {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                FaultInjector.afterFile();
            } catch (IOException e) {
                throw new ApimException("Cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
            }
        }
    }

    private void removeCreated() {
        List<String> created = new ArrayList<>(state.created());
        // deepest first: the jar before a dropins folder we created
        created.sort((a, b) -> Integer.compare(b.length(), a.length()));
        Optional<String> home = state.home();
        Path root = home.map(Path::of).orElse(null);
        if (root == null) {
            return;
        }
        for (String rel : created) {
            FileTrees.delete(root.resolve(rel));
            FaultInjector.afterFile();
        }
        state.clearCreated();
    }

    /**
     * A preparation that did not finish (the JVM was killed): still phase NONE, but files recorded as
     * created or deployment.toml edits recorded. The next run undoes it and prepares again.
     */
    private boolean interruptedPreparation() {
        return state.phase() == IdentityState.Phase.NONE && (!state.created().isEmpty()
                || !state.tomlEdits(TomlChanges.RUN).isEmpty() || !state.tomlEdits(TomlChanges.TEMP).isEmpty());
    }

    /** Whether a path of the home is one this goal recorded as created, or lies inside one. */
    private boolean ours(String relative) {
        Path p = Path.of(relative);
        return state.created().stream().map(Path::of).anyMatch(p::startsWith);
    }

    /** After any failure: remove what we copied, put deployment.toml back byte for byte. */
    private void revertAll(IdentityState.Phase startPhase) {
        try {
            if (state.home().isEmpty() || (state.created().isEmpty() && state.tomlEdits(TomlChanges.RUN).isEmpty()
                    && state.tomlEdits(TomlChanges.TEMP).isEmpty())) {
                return;
            }
            Path home = Path.of(state.home().get());
            removeCreated();
            new TomlChanges(home, state, log).revert(List.of(TomlChanges.RUN, TomlChanges.TEMP), List.of());
            boolean done = startPhase == IdentityState.Phase.DONE;
            state.reset(done ? IdentityState.Phase.DONE : IdentityState.Phase.NONE);
            log.warn("migrate-identity failed; " + home + " is back as it was before the migration was prepared "
                    + "(migration jar and " + RESOURCES + " removed, deployment.toml restored). Database changes made by "
                    + "WSO2's migration client itself are not undone: restore the database backup (apim:restore) before trying again.");
        } catch (RuntimeException revert) {
            log.error("Reverting after the failure failed too: " + revert.getMessage() + ". The record of what to undo is in "
                    + state.dir() + "; fix the cause and run with -Dapim.identity.finish=true.");
        }
    }

    private void printManualInstructions() {
        log.info("");
        log.info("The identity migration is prepared. Now, with every other API-M 3.1.0 node stopped, run in " + home() + ":");
        log.info("    " + ServerRun.command(IDENTITY_ARGS));
        log.info("Wait for '" + ServerRun.STARTED + "' (and no '" + ServerRun.STOPPED + "' or ERROR line of org.wso2.carbon.is.migration),");
        log.info("stop the server, and finish (removes the jar and " + RESOURCES + ", reverts the temporary settings):");
        log.info("    mvn apim:migrate-identity -Dapim.identity.finish=true   (with the same profile/settings)");
        log.info("If the log shows " + ServerRun.POOL_EXHAUSTED + ", stop the server and prepare again with "
                + "-Dapim.identity.indexingOverride=true ([indexing] frequency = " + options.indexingFrequency() + ", reverted by finish).");
        log.info("Or let the goal do all of this: -Dapim.identity.run=true.");
    }

    // ---------------------------------------------------------------- steps

    private abstract class IdentityStep implements Step {
        @Override
        public Goal goal() {
            return Goal.MIGRATE_IDENTITY;
        }

        Probe common() {
            if (options.scopesOnly()) {
                return Probe.notApplicable("apim.identity.scopesOnly=true: only the scope-role mapping runs");
            }
            if (state.phase() == IdentityState.Phase.NONE && migratedAccordingToTheDatabase()) {
                return Probe.done("WSO2's identity migration finished earlier (recorded in " + SqlHistory.AM_TABLE + " of WSO2AM_DB)");
            }
            if (context.settings().newHome().isEmpty()) {
                return Probe.blocked("set 'apim.newHome' to the WSO2 API-M 3.1.0 home");
            }
            if (state.home().isPresent() && state.phase() != IdentityState.Phase.DONE
                    && !Path.of(state.home().get()).equals(home())) {
                return Probe.blocked("the work directory records a migration of " + state.home().get() + ", not " + home()
                        + "; finish that one (or use another apim.workDir)");
            }
            return null;
        }
    }

    /** Copy the resources and the jar, write migration-config.yaml, switch the user store. */
    private final class Prepare extends IdentityStep {
        @Override public String id() { return "identity-prepare"; }

        @Override
        public String summary() {
            return "Copy migration-resources and the IS migration jar into the home, write migration-config.yaml "
                    + "(5.9.0 -> 5.10.0, continueOnError false, without MigrationValidator and SchemaMigrator step2/identity), "
                    + "set [user_store] type = \"database\"";
        }

        @Override
        public String provenance() {
            return "runbook Step 2.5 items 1-5; later revision: remove MigrationValidator and SchemaMigrator step2/identity "
                    + "(ground truth §1.5, §3, §7); continueOnError false (users' pain #8)";
        }

        @Override
        public Probe probe(StepContext c) {
            Probe p = common();
            if (p != null) {
                return p;
            }
            switch (state.phase()) {
                case DONE -> {
                    return Probe.done("the identity migration of this home finished earlier (state in " + state.dir() + ")");
                }
                case MIGRATED -> {
                    return Probe.done("the identity migration ran; clean-up is pending");
                }
                case PREPARED -> {
                    return Probe.done("prepared earlier");
                }
                default -> { }
            }
            if (options.finish()) {
                return Probe.blocked("apim.identity.finish=true but nothing was prepared (no state in " + state.dir() + ")");
            }
            if (options.resources().isEmpty()) {
                return Probe.blocked("set 'apim.identity.resources' to WSO2's identity migration resources (the unpacked "
                        + "wso2is-migration-<version> folder, its zip, or groupId:artifactId:version of that zip in the local "
                        + "Maven repository), or apim.identity.scopesOnly=true to map scopes only");
            }
            if (Files.exists(home().resolve(RESOURCES)) && !ours(RESOURCES)) {
                return Probe.blocked(home().resolve(RESOURCES) + " already exists (left from a manual run?); remove it first");
            }
            List<String> foreignJars = identityJarsInDropins().stream().filter(j -> !ours(DROPINS + "/" + j)).toList();
            if (!foreignJars.isEmpty()) {
                return Probe.blocked(home().resolve(DROPINS) + " already holds " + foreignJars + "; remove it first");
            }
            if (!Files.isRegularFile(home().resolve("repository/conf/deployment.toml"))) {
                return Probe.blocked("there is no " + home().resolve("repository/conf/deployment.toml"));
            }
            Optional<String> refused = uuidOsspRefused().or(MigrateIdentityGoal.this::userIdWouldBeSkipped);
            if (refused.isPresent()) {
                return Probe.blocked(refused.get());
            }
            resources();
            shippedYaml().prepared();
            return Probe.applicable((interruptedPreparation() ? "an earlier run stopped half-way: undo its preparation, then " : "")
                    + "resources from " + options.resources().get());
        }

        @Override
        public List<PlannedAction> plan(StepContext c) {
            List<PlannedAction> out = new ArrayList<>();
            MigrationResources r = resources();
            out.add(new PlannedAction(PlannedAction.Kind.FILE, home().toString(),
                    "copy " + r.resourcesDir() + " -> " + home().resolve(RESOURCES)));
            out.add(new PlannedAction(PlannedAction.Kind.FILE, home().toString(), "copy " + r.jar() + " -> " + jarTarget()));
            MigrationConfigYaml shipped = shippedYaml();
            StringBuilder yaml = new StringBuilder("edit " + home().resolve(RESOURCES).resolve("migration-config.yaml") + ":");
            shipped.diff(shipped.prepared()).forEach(l -> yaml.append("\n  ").append(l));
            out.add(new PlannedAction(PlannedAction.Kind.NOTE, "migration-config.yaml", yaml.toString()));
            DeploymentToml toml = DeploymentToml.read(home().resolve("repository/conf/deployment.toml"));
            DeploymentToml after = toml.set("user_store", "type", TomlValue.string("database"));
            if (options.indexingOverride()) {
                after = after.set("indexing", "frequency", TomlValue.integer(options.indexingFrequency()));
            }
            StringBuilder t = new StringBuilder("edit deployment.toml (reverted after a failure):");
            toml.diff(after).forEach(l -> t.append("\n  ").append(l));
            out.add(new PlannedAction(PlannedAction.Kind.TOML, "deployment.toml", t.toString()));
            return out;
        }

        @Override
        public void apply(StepContext c) {
            Path home = home();
            if (interruptedPreparation()) {
                log.info("  undoing the preparation an earlier run left half done: " + state.created());
                removeCreated();
                new TomlChanges(home, state, log).revert(List.of(TomlChanges.RUN, TomlChanges.TEMP), List.of());
            }
            state.phase(IdentityState.Phase.NONE, home);
            MigrationConfigYaml prepared = shippedYaml().prepared();
            createdCopy(resources().resourcesDir(), home.resolve(RESOURCES));
            try {
                Files.writeString(home.resolve(RESOURCES).resolve("migration-config.yaml"), prepared.text(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ApimException("Cannot write migration-config.yaml: " + e.getMessage(), e);
            }
            FaultInjector.afterFile();
            createdCopy(resources().jar(), jarTarget());
            TomlChanges toml = new TomlChanges(home, state, log);
            toml.set(TomlChanges.RUN, "user_store", "type", TomlValue.string("database"));
            if (options.indexingOverride()) {
                toml.set(TomlChanges.TEMP, "indexing", "frequency", TomlValue.integer(options.indexingFrequency()));
            }
            Path carbonLog = home.resolve(CARBON_LOG);
            try {
                state.logOffset(Files.isRegularFile(carbonLog) ? Files.size(carbonLog) : 0);
            } catch (IOException e) {
                state.logOffset(0);
            }
            state.phase(IdentityState.Phase.PREPARED, home);
        }

        @Override
        public Verification verify(StepContext c) {
            Path yaml = home().resolve(RESOURCES).resolve("migration-config.yaml");
            try {
                boolean ok = Files.isRegularFile(jarTarget())
                        && MigrationConfigYaml.of(yaml.toString(), Files.readString(yaml, StandardCharsets.UTF_8)).isPrepared()
                        && "database".equals(DeploymentToml.read(home().resolve("repository/conf/deployment.toml"))
                        .get("user_store", "type").orElse(null));
                return ok ? Verification.ok("prepared") : Verification.failed("the prepared files are not as written");
            } catch (IOException e) {
                return Verification.failed(e.getMessage());
            }
        }
    }

    private List<String> migratorNames() {
        return migratorNames(home());
    }

    /** The 5.10.0 migrators the prepared home's migration-config.yaml lists, in order (for progress). */
    static List<String> migratorNames(Path home) {
        Path yaml = home.resolve(RESOURCES).resolve("migration-config.yaml");
        List<String> out = new ArrayList<>();
        try {
            Map<String, Object> d = MigrationConfigYaml.of(yaml.toString(), Files.readString(yaml, StandardCharsets.UTF_8)).data();
            if (d.get("versions") instanceof List<?> versions) {
                for (Object v : versions) {
                    if (v instanceof Map<?, ?> m && MigrationConfigYaml.TARGET_VERSION.equals(String.valueOf(m.get("version")))
                            && m.get("migratorConfigs") instanceof List<?> cs) {
                        for (Object o : cs) {
                            if (o instanceof Map<?, ?> cm) {
                                out.add(String.valueOf(cm.get("name")));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ApimException("Cannot read " + yaml + ": " + e.getMessage(), e);
        }
        return out.stream().distinct().toList();
    }

    /** Start the server with -Dmigrate -Dcomponent=identity, watch the log, retry once after a pool exhaustion. */
    private final class RunIdentity extends IdentityStep {
        @Override public String id() { return "identity-run"; }

        @Override
        public String summary() {
            return "Start the 3.1.0 server with " + String.join(" ", IDENTITY_ARGS) + ", follow its log, stop it when the "
                    + "migration has finished; on " + ServerRun.POOL_EXHAUSTED + " retry once with [indexing] frequency = "
                    + options.indexingFrequency();
        }

        @Override
        public String provenance() {
            return "runbook Step 2.5 item 6 and its troubleshooting box; users' pain #7";
        }

        @Override
        public Probe probe(StepContext c) {
            Probe p = common();
            if (p != null) {
                return p;
            }
            if (state.phase() == IdentityState.Phase.MIGRATED || state.phase() == IdentityState.Phase.DONE) {
                return Probe.done("the identity migration already ran");
            }
            if (!options.run()) {
                return Probe.notApplicable(options.finish() ? "apim.identity.finish=true: the server was run by hand"
                        : "apim.identity.run is false: the goal prints the command to run");
            }
            return Probe.applicable("apim.identity.run=true");
        }

        @Override
        public List<PlannedAction> plan(StepContext c) {
            return List.of(PlannedAction.note("server", "cd " + home() + " && " + ServerRun.command(IDENTITY_ARGS)));
        }

        @Override
        public void apply(StepContext c) {
            if (state.phase() != IdentityState.Phase.PREPARED) {
                throw new ApimException("identity-run needs a prepared home; the state is " + state.phase());
            }
            StartGoal.releaseEmbeddedDatabases(context);
            // a retry's transcript means the first run ended in a pool exhaustion: an interrupted run is resumed at the retry
            ServerRun.Outcome o = Files.isRegularFile(state.dir().resolve(IDENTITY_RETRY_LOG))
                    ? new ServerRun.Outcome(ServerRun.Result.POOL_EXHAUSTED, "the first run exhausted the pool ("
                    + state.dir().resolve(IDENTITY_FIRST_LOG) + ")")
                    : new ServerRun(ServerRun.Markers.identity(migratorNames()), context.settings().workDir(), log)
                    .run(home(), IDENTITY_ARGS, options.timeoutMinutes(), state.dir().resolve(IDENTITY_FIRST_LOG));
            if (o.result() == ServerRun.Result.POOL_EXHAUSTED) {
                log.warn("  " + o.detail() + "; retrying once with the temporary [indexing] frequency = " + options.indexingFrequency());
                new TomlChanges(home(), state, log).set(TomlChanges.TEMP, "indexing", "frequency",
                        TomlValue.integer(options.indexingFrequency()));
                o = new ServerRun(ServerRun.Markers.identity(migratorNames()), context.settings().workDir(), log)
                        .run(home(), IDENTITY_ARGS, options.timeoutMinutes(), state.dir().resolve(IDENTITY_RETRY_LOG));
            }
            if (o.result() != ServerRun.Result.MIGRATED) {
                throw new IdentityMigrationFailedException("The identity migration failed: " + o.detail()
                        + ". Server log: " + state.dir() + "/server-identity-*.log.");
            }
            log.info("  " + o.detail());
            state.phase(IdentityState.Phase.MIGRATED, home());
            FaultInjector.afterBatch();
        }

        @Override
        public Verification verify(StepContext c) {
            return state.phase() == IdentityState.Phase.MIGRATED ? Verification.ok("migrated")
                    : Verification.failed("state is " + state.phase());
        }
    }

    /** Remove the jar and migration-resources, revert the temporary overrides, optionally switch to database_unique_id. */
    private final class Cleanup extends IdentityStep {
        @Override public String id() { return "identity-cleanup"; }

        @Override
        public String summary() {
            return "Remove the migration jar and migration-resources, revert temporary deployment.toml overrides"
                    + (options.userStoreUniqueId() ? ", set [user_store] type = \"database_unique_id\"" : "");
        }

        @Override
        public String provenance() {
            return "runbook Step 2.5 item 6 (after), the troubleshooting box's \"revert\", and its user-store note";
        }

        @Override
        public Probe probe(StepContext c) {
            Probe p = common();
            if (p != null) {
                return p;
            }
            if (state.phase() == IdentityState.Phase.DONE) {
                return Probe.done("cleaned up earlier");
            }
            if (options.run()) {
                return Probe.applicable("after the server run");
            }
            if (options.finish()) {
                return state.phase() == IdentityState.Phase.NONE ? Probe.blocked("nothing was prepared")
                        : Probe.applicable("apim.identity.finish=true; " + CARBON_LOG + " is checked first");
            }
            return Probe.notApplicable("runs with apim.identity.run=true, or later with apim.identity.finish=true");
        }

        @Override
        public List<PlannedAction> plan(StepContext c) {
            List<PlannedAction> out = new ArrayList<>();
            out.add(new PlannedAction(PlannedAction.Kind.FILE, home().toString(), "delete " + home().resolve(RESOURCES)
                    + " and " + home().resolve(DROPINS) + "/org.wso2.carbon.is.migration-*.jar"));
            out.add(new PlannedAction(PlannedAction.Kind.TOML, "deployment.toml", "revert temporary overrides ([indexing] frequency)"
                    + (options.userStoreUniqueId() ? "; set [user_store] type = \"database_unique_id\"" : "; keep [user_store] type = \"database\"")));
            return out;
        }

        @Override
        public void apply(StepContext c) {
            if (options.finish()) {
                checkCarbonLog();
            }
            removeCreated();
            TomlChanges toml = new TomlChanges(home(), state, log);
            toml.revert(List.of(TomlChanges.TEMP), List.of(TomlChanges.RUN));
            if (options.userStoreUniqueId()) {
                DeploymentToml now = toml.current();
                DeploymentToml next = now.set("user_store", "type", TomlValue.string("database_unique_id"));
                if (next != now) {
                    toml.set(TomlChanges.RUN, "user_store", "type", TomlValue.string("database_unique_id"));
                }
            }
            state.reset(IdentityState.Phase.DONE);
            if (reachable(c, DbKey.APIM)) {
                new SqlHistory(c, DbKey.APIM).milestone(MILESTONE, "identity migration 5.9.0 -> 5.10.0 finished");
            }
        }

        private void checkCarbonLog() {
            Path carbonLog = home().resolve(CARBON_LOG);
            if (!Files.isRegularFile(carbonLog)) {
                log.warn("  " + carbonLog + " does not exist; cannot confirm the identity migration from the server log.");
                return;
            }
            ServerRun watcher = new ServerRun(ServerRun.Markers.identity(migratorNames()), context.settings().workDir(), log);
            ServerRun.Outcome outcome = null;
            try (InputStream in = Files.newInputStream(carbonLog)) {
                long offset = state.logOffset();
                if (offset > Files.size(carbonLog)) {
                    offset = 0; // rotated
                }
                in.skipNBytes(offset);
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    ServerRun.Outcome o = watcher.classify(line);
                    if (o != null && o.result() != ServerRun.Result.MIGRATED) {
                        throw new IdentityMigrationFailedException("The identity migration failed according to " + carbonLog
                                + ": " + o.detail());
                    }
                    if (o != null) {
                        outcome = o;
                    }
                }
            } catch (IOException e) {
                throw new ApimException("Cannot read " + carbonLog + ": " + e.getMessage(), e);
            }
            if (outcome == null) {
                log.warn("  " + carbonLog + " shows no completed start-up after the preparation; finishing as asked.");
            } else {
                log.info("  " + carbonLog + ": " + outcome.detail());
            }
        }

        @Override
        public Verification verify(StepContext c) {
            List<String> left = new ArrayList<>(identityJarsInDropins());
            if (Files.exists(home().resolve(RESOURCES))) {
                left.add(RESOURCES);
            }
            return left.isEmpty() ? Verification.ok("clean") : Verification.failed("still present: " + left);
        }
    }

    /** The later runbook's "Migrate the API Manager artifacts" step; off unless apim.identity.apimClient names the client. */
    private final class ApimClient extends IdentityStep {
        @Override public String id() { return "apim-migration-client"; }

        @Override
        public String summary() {
            return "Run WSO2's API-M migration client (" + String.join(" ", APIM_CLIENT_ARGS) + ") for registry artifacts such as api.rxt";
        }

        @Override
        public String provenance() {
            return "later runbook revision, \"Migrate the API Manager artifacts\" (ground truth §1.6, §7); optional";
        }

        private Path clientDir() {
            Path p = Path.of(options.apimClient().orElseThrow());
            return p.isAbsolute() ? p : baseDir.resolve(p);
        }

        private Path clientJar() {
            try (Stream<Path> s = Files.list(clientDir())) {
                List<Path> jars = s.filter(f -> f.getFileName().toString().matches("org\\.wso2\\.carbon\\.apimgt\\.migrate\\.client-.*\\.jar")).toList();
                if (jars.size() != 1) {
                    throw new ConfigurationException("'apim.identity.apimClient' (" + clientDir() + ") must hold exactly one "
                            + "org.wso2.carbon.apimgt.migrate.client-*.jar, it holds " + jars.size());
                }
                return jars.get(0);
            } catch (IOException e) {
                throw new ConfigurationException("'apim.identity.apimClient' (" + clientDir() + ") is not a readable folder: " + e.getMessage());
            }
        }

        @Override
        public Probe probe(StepContext c) {
            if (options.apimClient().isEmpty()) {
                return Probe.notApplicable("off by default; set apim.identity.apimClient to the folder with WSO2's API-M migration client");
            }
            Probe p = common();
            if (p != null) {
                return p;
            }
            if (!Files.isDirectory(clientDir())) {
                return Probe.blocked("'apim.identity.apimClient' = " + clientDir() + " is not a folder");
            }
            clientJar();
            if (!options.run()) {
                return Probe.notApplicable("apim.identity.run is false; run by hand: copy " + clientDir()
                        + " (jar into dropins, migration-resources into the home), then " + ServerRun.command(APIM_CLIENT_ARGS));
            }
            return Probe.applicable("after the identity migration");
        }

        @Override
        public List<PlannedAction> plan(StepContext c) {
            return List.of(PlannedAction.note("server", "copy " + clientJar() + " -> " + home().resolve(DROPINS)
                    + "; cd " + home() + " && " + ServerRun.command(APIM_CLIENT_ARGS) + "; then remove the jar and resources again"));
        }

        @Override
        public void apply(StepContext c) {
            Path home = home();
            state.phase(state.phase(), home);
            createdCopy(clientJar(), home.resolve(DROPINS).resolve(clientJar().getFileName().toString()));
            Path res = clientDir().resolve(RESOURCES);
            if (Files.isDirectory(res)) {
                if (Files.exists(home.resolve(RESOURCES))) {
                    throw new ApimUserException(home.resolve(RESOURCES) + " exists; cannot copy the API-M client's resources.");
                }
                createdCopy(res, home.resolve(RESOURCES));
            }
            try {
                StartGoal.releaseEmbeddedDatabases(context);
                ServerRun.Outcome o = new ServerRun(ServerRun.Markers.apimClient(), context.settings().workDir(), log)
                        .run(home, APIM_CLIENT_ARGS, options.timeoutMinutes(), state.dir().resolve(APIM_CLIENT_LOG));
                if (o.result() != ServerRun.Result.MIGRATED) {
                    throw new IdentityMigrationFailedException("The API-M migration client failed: " + o.detail());
                }
                log.info("  " + o.detail());
            } finally {
                removeCreated();
            }
        }

        @Override
        public Verification verify(StepContext c) {
            return Verification.ok("client removed again");
        }
    }

    /** The migration client reported a failure (or the server did not get through start-up). */
    public static final class IdentityMigrationFailedException extends ApimUserException {
        public IdentityMigrationFailedException(String message) {
            super(message);
        }
    }
}
