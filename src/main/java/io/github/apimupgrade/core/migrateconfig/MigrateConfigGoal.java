package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.check.HomeVersion;
import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.H2Files;
import io.github.apimupgrade.core.db.JdbcUrls;
import io.github.apimupgrade.core.files.AtomicWrite;
import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.files.CopyPlanner;
import io.github.apimupgrade.core.files.FileOp;
import io.github.apimupgrade.core.files.JarRules;
import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.files.Keystores;
import io.github.apimupgrade.core.files.NewHomeWritable;
import io.github.apimupgrade.core.files.NodeRoles;
import io.github.apimupgrade.core.files.SecureVault;
import io.github.apimupgrade.core.files.SynapseRules;
import io.github.apimupgrade.core.files.UpgradeData;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.GoalSteps;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * apim:migrate-config: runbook Step 1 (sub-steps 3 to 9), Step 2.4 and Step 3.3 for one node. Reads
 * and validates everything first (both homes, both deployment.toml files, the keystores, the
 * driver); a problem stops the run before anything is written. Then the steps run through the
 * generic {@link StepRunner}: node roles, plan, dry run, journal.
 */
public final class MigrateConfigGoal implements GoalSteps {
    public static final String REPORT = "migrate-config-report.txt";
    static final String TOML = "repository/conf/deployment.toml";
    static final String LIB = "repository/components/lib";
    static final String DROPINS = "repository/components/dropins";
    static final String EXECUTION_PLANS = "repository/deployment/server/executionplans";

    private final StepContext context;
    private final UpgradeSettings settings;
    private final UpgradeLog log;
    private final JdbcDrivers.ArtifactResolver resolver;
    private final ClassLoader driverLoader;
    private final Path oldHome;
    private final Path newHome;
    private final ConfigState state;
    private final DesiredConfig desired;
    private final DeploymentTomlStep toml;
    private final CopyPlanner planner;
    private final SynapseRules synapse;
    private final List<String> notes = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private DriverPlan driverPlan;

    public MigrateConfigGoal(StepContext context, JdbcDrivers.ArtifactResolver resolver, ClassLoader driverLoader) {
        this.context = context;
        this.settings = context.settings();
        this.log = context.log();
        this.resolver = resolver;
        this.driverLoader = driverLoader;
        this.oldHome = home(settings.oldHome(), "apim.oldHome", "3.0.0");
        this.newHome = home(settings.newHome(), "apim.newHome", "3.1.0");
        DeploymentToml oldToml = DeploymentToml.read(oldHome.resolve(TOML));
        DeploymentToml newToml = DeploymentToml.read(newHome.resolve(TOML));
        this.state = ConfigState.load(settings);
        this.desired = new DesiredConfig(settings, oldToml, newToml);
        boolean overwrite = settings.properties().flag("apim.config.overwriteHandEdits", false);
        this.toml = new DeploymentTomlStep(newHome.resolve(TOML), newToml, desired.keys(), state, overwrite);
        this.planner = new CopyPlanner(newHome, state::file);
        this.synapse = new SynapseRules(data(), planner, oldHome, newHome);
        SecureVault.Usage vault = SecureVault.detect(oldHome, oldToml.text());
        buildSteps(vault);
        log.info("migrate-config: " + oldHome + " (3.0.0) -> " + newHome + " (3.1.0); passwords in deployment.toml: " + desired.policy().id());
        desired.warnings().forEach(log::warn);
    }

    private UpgradeData data() {
        UpgradeData d = UpgradeData.load300to310();
        Optional<String> extra = settings.properties().get("apim.config.synapseDefaults");
        if (extra.isPresent()) {
            Path f = Path.of(extra.get());
            try {
                d = d.withDefaults(UpgradeData.content(Files.readString(f, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new ConfigurationException("Cannot read 'apim.config.synapseDefaults' " + f + ": " + e.getMessage(), e);
            }
        }
        return d;
    }

    private static Path home(Optional<Path> home, String property, String version) {
        Path h = home.orElseThrow(() -> new ConfigurationException("Property '" + property
                + "' is not set: migrate-config needs the WSO2 API-M " + version + " home."));
        if (!Files.isRegularFile(h.resolve(TOML))) {
            throw new ConfigurationException("'" + property + "' is " + h + ", which has no " + TOML
                    + ": it does not look like a WSO2 API-M " + version + " home. Nothing was changed.");
        }
        HomeVersion.refuse(Optional.of(h), property, version, found -> !found.equals(version));
        return h;
    }

    private void buildSteps(SecureVault.Usage vault) {
        steps.add(new NewHomeWritable(Goal.MIGRATE_CONFIG, List.of("repository/conf", LIB, DROPINS, "repository/deployment/server",
                "repository/tenants", "repository/database", "repository/resources/security")));
        steps.add(new SecureVaultStep(vault, newHome));
        steps.add(toml);
        steps.add(new FileCopyStep("jdbc-driver", "Copy the JDBC driver of the configured databases into components/lib (every node)",
                "runbook Step 1.5", NodeRoles.EVERY_NODE, () -> drivers().ops(), state, "every database is embedded H2, which 3.1.0 ships") {
            @Override
            protected String blockedReason() {
                return drivers().blocked();
            }
        });
        steps.add(new FileCopyStep("h2-databases", "Copy the embedded H2 database files the configured databases use into the new home "
                + "(where 3.1.0 reads them, before migrate-db upgrades them)", "issue: embedded databases move with the home",
                NodeRoles.EVERY_NODE, this::h2Ops, state, "no configured database is an embedded H2 file of the new home"));
        steps.add(new FileCopyStep("synapse-super-tenant", "Copy the super tenant's Synapse configurations, except the files 3.1.0 "
                + "changed (gateway and all-in-one nodes only)", "runbook Step 1.6", NodeRoles.SYNAPSE, synapse::superTenant, state,
                "the old home has no " + SynapseRules.SUPER_TENANT));
        steps.add(new FileCopyStep("synapse-tenants", "Copy every tenant's folder (repository/tenants/<id>), except the Synapse files 3.1.0 "
                + "changed (gateway and all-in-one nodes only)", "runbook Step 1.6", NodeRoles.SYNAPSE, synapse::tenants, state,
                "the old home has no tenants"));
        steps.add(new FileCopyStep("execution-plans", "Copy the execution plans (traffic-manager and all-in-one nodes only)",
                "runbook Step 1.7", NodeRoles.EXECUTION_PLANS,
                () -> SynapseRules.wholeFolder(planner, oldHome.resolve(EXECUTION_PLANS), newHome.resolve(EXECUTION_PLANS)), state,
                "the old home has no execution plans"));
        steps.add(new FileCopyStep("dropins", "Copy custom OSGi bundles from components/dropins (those 3.1.0 does not ship)",
                "runbook Step 1.8", NodeRoles.EVERY_NODE,
                () -> JarRules.plan(planner, oldHome.resolve(DROPINS), newHome.resolve(DROPINS), Set.of()), state,
                "the old home has no bundles in dropins"));
        steps.add(new FileCopyStep("lib-jars", "Copy custom jars from components/lib (those 3.1.0 does not ship)",
                "runbook Step 1.9", NodeRoles.EVERY_NODE,
                () -> JarRules.plan(planner, oldHome.resolve(LIB), newHome.resolve(LIB), drivers().artifacts()), state,
                "the old home has no jars in lib"));
        steps.add(new FileCopyStep("keystores", "Check that the old keystores open with the configured passwords, then copy them "
                + "(wso2carbon.jks, client-truststore.jks and custom ones)", "runbook Step 2.4", NodeRoles.EVERY_NODE,
                this::keystoreOps, state, "the old home has no keystores"));
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    public List<StepRunner.StepPlan> plan() {
        return new StepRunner(context).plan(steps);
    }

    /** Runs the goal; returns how many steps changed something. */
    public int run() {
        return new StepRunner(context).run(Goal.MIGRATE_CONFIG, this);
    }

    @Override
    public void afterSuccess(int applied) {
        reportProblems(!settings.dryRun());
        if (!settings.dryRun()) {
            toml.remember();
            steps.stream().filter(s -> s instanceof FileCopyStep && s.roles().contains(settings.nodeRole()))
                    .forEach(s -> ((FileCopyStep) s).remember());
            state.save();
            guidance();
        }
        writeReport(applied);
    }

    @Override
    public void afterFailure(RuntimeException failure) {
        reportProblems(false);
    }

    /** Logs what the operator has to look at; {@code keep}: also in the journal (a run that succeeded, not a dry run). */
    private void reportProblems(boolean keep) {
        for (DeploymentTomlStep.Conflict c : toml.conflicts()) {
            TomlKey k = c.key();
            boolean secret = k.secret() || TomlKey.isPasswordKey(k.key());
            String current = c.current() == null ? "removed" : secret ? "\"******\"" : String.valueOf(c.current());
            byHand("CONFLICT deployment.toml [" + k.table() + "] " + k.key() + " was changed by hand since migrate-config wrote it "
                    + "(now " + current + ", migrate-config would write " + k.shown() + "); kept. "
                    + "Set apim.config.overwriteHandEdits=true to overwrite it.", keep);
        }
        for (Step s : steps) {
            if (s instanceof FileCopyStep f && s.roles().contains(settings.nodeRole()) && f.opsDecided()) {
                for (FileOp op : f.ops()) {
                    if (op.kind() == FileOp.Kind.CONFLICT) {
                        byHand("CONFLICT " + op.targetName() + ": " + op.reason() + " (apim.config.overwriteHandEdits does not apply "
                                + "to files; delete it from the new home to have it copied again).", keep);
                    } else if (op.kind() == FileOp.Kind.REVIEW) {
                        byHand("REVIEW " + op.targetName() + ": " + op.reason() + " -> "
                                + settings.workDir().resolve(REPORT), keep);
                    }
                }
            }
        }
    }

    /** A warning that leaves the operator something to do: logged, and with {@code keep} in the journal for the report's summary. */
    private void byHand(String what, boolean keep) {
        log.warn(what);
        if (keep) {
            new Journal(settings).record(Goal.MIGRATE_CONFIG.id(), Journal.MANUAL, "TODO", what, 0);
        }
    }

    private void guidance() {
        Set<String> missing = new LinkedHashSet<>();
        DeploymentToml written = DeploymentToml.read(newHome.resolve(TOML));
        for (Map.Entry<String, String> a : desired.secretAliases().entrySet()) {
            if (written.get("secrets", a.getKey()).isEmpty()) {
                missing.add(a.getKey() + " (" + a.getValue() + ")");
            }
        }
        if (!missing.isEmpty()) {
            byHand("deployment.toml refers to secure vault aliases that are not defined yet: " + String.join(", ", missing)
                    + ". Before 3.1.0 starts, add them under [secrets] in " + newHome.resolve(TOML)
                    + " (alias = \"[the password]\") and run 'sh bin/ciphertool.sh -Dconfigure' in the new home "
                    + "(or run migrate-config with apim.config.passwords=plain).", true);
        }
    }

    // ---- jdbc driver ----

    record DriverPlan(List<FileOp> ops, Set<String> artifacts, String blocked) {
    }

    private DriverPlan drivers() {
        if (driverPlan == null) {
            driverPlan = planDrivers();
        }
        return driverPlan;
    }

    private DriverPlan planDrivers() {
        Set<String> classes = new LinkedHashSet<>();
        for (DbKey k : List.of(DbKey.APIM, DbKey.SHARED, DbKey.USER, DbKey.CONFIG)) {
            settings.database(k).filter(db -> db.dialect() != Dialect.H2).ifPresent(db -> classes.add(Dialect.driverClassFor(db.url())));
        }
        List<FileOp> ops = new ArrayList<>();
        Set<String> artifacts = new LinkedHashSet<>();
        if (classes.isEmpty()) {
            return new DriverPlan(ops, artifacts, null);
        }
        Path newLib = newHome.resolve(LIB);
        List<Path> fromCoordinates = new ArrayList<>();
        Optional<String> coords = settings.properties().get("apim.jdbcDriver");
        if (coords.isPresent()) {
            for (String c : coords.get().split(",")) {
                try {
                    fromCoordinates.add(resolver.resolve(c.trim()));
                } catch (ApimException e) {
                    throw new ConfigurationException("Cannot resolve 'apim.jdbcDriver' " + c.trim() + ": " + e.getMessage(), e);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String cls : classes) {
            Optional<Path> inNew = JdbcDrivers.jarWithClass(newLib, cls);
            if (inNew.isPresent()) {
                ops.add(new FileOp(FileOp.Kind.SAME, inNew.get(), inNew.get(), planner.name(inNew.get()), "provides " + cls));
                continue;
            }
            String entry = cls.replace('.', '/') + ".class";
            Optional<Path> jar = fromCoordinates.stream().filter(j -> JdbcDrivers.contains(j, entry)).findFirst();
            if (jar.isEmpty() && coords.isPresent()) {
                missing.add(cls + " is in none of 'apim.jdbcDriver' (" + coords.get() + ")");
                continue;
            }
            if (jar.isEmpty() && JdbcDrivers.jarWithClass(oldHome.resolve(LIB), cls).isPresent()) {
                notes.add("The JDBC driver " + cls + " comes from the old home's lib (step lib-jars).");
                continue;
            }
            if (jar.isEmpty()) {
                jar = JdbcDrivers.onClassPath(cls, driverLoader);
            }
            if (jar.isEmpty()) {
                missing.add("no jar with " + cls + ": set 'apim.jdbcDriver' to its Maven coordinates (groupId:artifactId:version) "
                        + "or add the driver as a <dependency> of apim-maven-plugin");
                continue;
            }
            Path target = newLib.resolve(jar.get().getFileName().toString());
            ops.add(planner.decide(jar.get(), target));
            artifacts.add(JarRules.artifact(jar.get().getFileName().toString()));
        }
        return new DriverPlan(ops, artifacts, missing.isEmpty() ? null : String.join("; ", missing));
    }

    // ---- embedded H2 ----

    private List<FileOp> h2Ops() {
        List<FileOp> ops = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (DbKey k : List.of(DbKey.APIM, DbKey.SHARED, DbKey.USER, DbKey.CONFIG)) {
            // where the file is in the new home, whichever home this run reads it from (plans read the old one)
            Optional<DatabaseSettings> db = settings.database(k).filter(d -> d.dialect() == Dialect.H2);
            Path file = db.map(d -> JdbcUrls.h2File(JdbcUrls.resolveH2(d.configuredUrl(), newHome))).orElse(null);
            if (file == null || !file.toAbsolutePath().normalize().startsWith(newHome) || !seen.add(file)) {
                continue;
            }
            String rel = Checksums.relative(newHome, file.toAbsolutePath().normalize());
            for (String suffix : List.of(".mv.db", ".h2.db")) {
                Path src = oldHome.resolve(rel + suffix);
                if (!Files.isRegularFile(src)) {
                    continue;
                }
                Path target = newHome.resolve(rel + suffix);
                FileOp op = planner.decide(src, target);
                if (op.kind() == FileOp.Kind.CONFLICT) {
                    op = planner.skip(src, target, "copied by an earlier run and changed since (migrate-db or the server ran on it)");
                } else if (op.changes() && Files.isRegularFile(target) && H2Files.containsMarker(target)) {
                    op = planner.skip(src, target, "the new home's file has already been upgraded by migrate-db; not replaced");
                }
                ops.add(op);
            }
        }
        return ops;
    }

    // ---- keystores ----

    private List<FileOp> keystoreOps() {
        Path oldSec = oldHome.resolve(Keystores.FOLDER);
        Path newSec = newHome.resolve(Keystores.FOLDER);
        Set<String> configured = new LinkedHashSet<>();
        for (Keystores.Configured ks : desired.keystores()) {
            if (ks.password().reveal().startsWith("$secret{")) {
                throw new ConfigurationException("The password of [" + ks.table() + "] in the old deployment.toml is a secure vault "
                        + "reference; set 'apim.keystore." + ks.table().replace("keystore.", "") + ".password' so that "
                        + ks.fileName() + " can be checked. Nothing was changed.");
            }
            Path file = oldSec.resolve(ks.fileName());
            KeyStore store = Keystores.open(file, ks.type(), ks.password(), ks.passwordSource());
            if (!ks.table().equals("truststore")) {
                checkKey(store, file, ks);
            }
            configured.add(ks.fileName());
        }
        List<FileOp> ops = new ArrayList<>();
        for (Path f : Keystores.files(oldSec)) {
            if (!configured.contains(f.getFileName().toString())) {
                Keystores.openUnverified(f);
            }
            ops.add(planner.decide(f, newSec.resolve(f.getFileName().toString())));
        }
        return ops;
    }

    private void checkKey(KeyStore store, Path file, Keystores.Configured ks) {
        String alias = desired.alias(ks);
        try {
            if (!store.containsAlias(alias)) {
                throw new ConfigurationException("The keystore " + file + " has no entry '" + alias + "' ([" + ks.table()
                        + "] alias). Set 'apim.keystore." + ks.table().replace("keystore.", "") + ".alias'. Nothing was changed.");
            }
            if (store.isKeyEntry(alias)) {
                store.getKey(alias, desired.keyPassword(ks).reveal().toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("Cannot read the key '" + alias + "' of " + file + " with the key password of ["
                    + ks.table() + "] (" + e.getMessage() + "). Set 'apim.keystore." + ks.table().replace("keystore.", "")
                    + ".key_password'. Nothing was changed.", e);
        }
    }

    // ---- report ----

    private void writeReport(int applied) {
        Path report = settings.workDir().resolve(REPORT);
        if (applied == 0 && !settings.dryRun() && Files.isRegularFile(report)) {
            notes.forEach(log::info);
            log.info("migrate-config report of the run that changed this home (this run changed nothing): " + report);
            return;
        }
        List<String> out = new ArrayList<>();
        out.add("apim:migrate-config report (" + settings.nodeRole().id() + " node, environment " + settings.env()
                + (settings.dryRun() ? ", DRY RUN: nothing was changed" : "") + ")");
        out.add("old home: " + oldHome);
        out.add("new home: " + newHome);
        out.add("steps applied: " + applied);
        out.add("");
        for (Step s : steps) {
            boolean forRole = s.roles().contains(settings.nodeRole());
            out.add("[" + s.id() + "] " + s.summary());
            if (!forRole) {
                out.add("  not done on a " + settings.nodeRole().id() + " node");
                continue;
            }
            if (s == toml) {
                toml.maskedDiff().forEach(l -> out.add("  " + l));
                toml.conflicts().forEach(c -> out.add("  CONFLICT [" + c.key().table() + "] " + c.key().key() + " kept as edited by hand"));
            } else if (s instanceof FileCopyStep f && f.opsDecided()) {
                f.ops().forEach(op -> out.add("  " + op.describe()));
            }
        }
        if (!synapse.diffs().isEmpty()) {
            out.add("");
            out.add("Customised files that 3.1.0 changed (not copied; diff from the 3.0.0 file to the 3.1.0 file):");
            synapse.diffs().forEach((name, diff) -> {
                out.add("--- " + name);
                diff.forEach(l -> out.add("  " + l));
            });
        }
        if (!desired.warnings().isEmpty() || !notes.isEmpty()) {
            out.add("");
            desired.warnings().forEach(w -> out.add("WARNING " + w));
            notes.forEach(n -> out.add("NOTE " + n));
        }
        AtomicWrite.text(report, SecretRedactor.maskValues(String.join("\n", out) + "\n"));
        notes.forEach(log::info);
        log.info("migrate-config report: " + report);
    }

    /** Probe states by step id, for tests. */
    Map<String, Probe.Status> states() {
        Map<String, Probe.Status> m = new java.util.LinkedHashMap<>();
        plan().forEach(p -> m.put(p.step().id(), p.probe().status()));
        return m;
    }
}
