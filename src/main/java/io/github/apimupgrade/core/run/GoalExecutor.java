package io.github.apimupgrade.core.run;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.check.CheckGoal;
import io.github.apimupgrade.core.check.HomeVersion;
import io.github.apimupgrade.core.db.ConnectionLoss;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.path.Environment;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.GoalDefinition;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.report.ReportWriter;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.SettingsResolver;
import io.github.apimupgrade.core.settings.SettingsResolver.H2Home;
import io.github.apimupgrade.core.settings.UpgradeSettings;
import io.github.apimupgrade.core.verify.VerifyGoal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs one goal of an upgrade path the same way for Maven, the tests and the tools: skip flags, settings
 * (validated, passwords registered with the redactor), the run's locks (taken by the first goal of a run
 * that changes the deployment and held until its last goal), a look at every goal of the run before the
 * first change, the goal itself through {@link StepRunner}, the journal and report, and one outcome:
 * succeeded, refused (nothing changed), failed or skipped, printed last as {@value #OUTCOME_LINE}....
 */
public final class GoalExecutor {
    public static final String OUTCOME_LINE = "APIM OUTCOME: ";
    /** The goals that only look, each with the home whose embedded databases it reads. */
    private static final List<String> VIEWS = List.of(Goal.CHECK.id(), Goal.PLAN.id(), Goal.STATUS.id(), Goal.VERIFY.id());

    private final UpgradePath path;
    private final CredentialSource credentials;
    private final UpgradeLog sink;

    public GoalExecutor(UpgradePath path, CredentialSource credentials, UpgradeLog sink) {
        this.path = path;
        this.credentials = credentials;
        this.sink = sink;
    }

    /** One goal to run: its settings, what the build tool gives, and the key of the invocation it belongs to. */
    public record Request(String goal, LayeredProperties properties, Environment environment, String runKey) {
    }

    /** How it ended; {@code message} is redacted, {@code failure} is the cause of a failed goal. */
    public record Result(Outcome outcome, String message, Throwable failure) {
    }

    public Result execute(Request request) {
        SecretRedactor redactor = new SecretRedactor();
        UpgradeLog log = redactor.wrap(sink);
        String goal = request.goal();
        FaultInjector.within(goal);
        List<String> runGoals = request.environment().runGoals().isEmpty() ? List.of(goal) : request.environment().runGoals();
        RunScope scope = RunScope.of(request.runKey());
        UpgradeSettings settings = null;
        Outcome outcome;
        String message = "";
        Throwable failure = null;
        long start = System.currentTimeMillis();
        try {
            Optional<GoalDefinition> definition = path.goal(goal);
            Optional<String> skip = skipReason(request, definition);
            if (skip.isPresent()) {
                log.info(skip.get());
                outcome = Outcome.SKIPPED;
                message = skip.get();
                settings = settingsForTheJournal(request, redactor);
            } else {
                if (definition.isEmpty() && !VIEWS.contains(goal)) {
                    throw new ApimUserException("The upgrade path " + path.from() + " -> " + path.to() + " has no goal '" + goal + "'.");
                }
                boolean writes = definition.map(GoalDefinition::writesDatabases).orElse(false);
                settings = resolve(request, redactor, h2Home(goal, definition), !writes);
                if (definition.map(GoalDefinition::changesDeployment).orElse(false)) {
                    requireHomeVersions(settings);
                }
                new Journal(settings).record(goal, Journal.GOAL, "STARTED",
                        "apim:" + goal + (settings.dryRun() ? " (dry run)" : ""), 0);
                run(request, redactor, log, settings, definition, runGoals, scope);
                outcome = Outcome.SUCCEEDED;
            }
        } catch (ApimUserException e) {
            outcome = Outcome.REFUSED;
            message = redactor.redact(e.getMessage());
        } catch (RuntimeException e) {
            outcome = Outcome.FAILED;
            Optional<SQLException> lost = ConnectionLoss.in(e);
            message = redactor.redact(lost.isPresent() ? ConnectionLoss.message(goal, lost.get())
                    : e instanceof ApimException ? e.getMessage() : "Unexpected failure in apim:" + goal + ": " + e);
            failure = e;
        } finally {
            if (goal.equals(runGoals.get(runGoals.size() - 1)) || !runGoals.contains(goal)) {
                scope.release();
            }
        }
        if (outcome != Outcome.SUCCEEDED && outcome != Outcome.SKIPPED) {
            scope.release();
        }
        if (settings != null) {
            record(settings, goal, outcome, message, System.currentTimeMillis() - start, log);
        }
        if (!message.isEmpty() && outcome != Outcome.SKIPPED) {
            log.error(message);
        }
        log.info(OUTCOME_LINE + outcome.label() + " (apim:" + goal + (settings == null ? "" : ", environment " + settings.env()) + ")");
        return new Result(outcome, message, failure);
    }

    private void run(Request request, SecretRedactor redactor, UpgradeLog log, UpgradeSettings settings,
                     Optional<GoalDefinition> definition, List<String> runGoals, RunScope scope) {
        String goal = request.goal();
        boolean changes = definition.map(GoalDefinition::changesDeployment).orElse(false);
        List<GoalDefinition> changing = settings.dryRun() ? List.of()
                : runGoals.stream().map(path::goal).flatMap(Optional::stream).filter(GoalDefinition::changesDeployment).toList();
        Environment environment = request.environment().withCredentials(id -> credentials.lookup(id).map(c -> {
            redactor.register(c.password()); // an admin login of apim:start: masked like the databases' passwords
            return c;
        }));
        try (Databases databases = new Databases(settings, environment.driverLoader())) {
            StepContext context = new StepContext(settings, databases, log, environment);
            if (!changing.isEmpty() && !scope.locked()) {
                scope.hold(RunLocks.acquire(context, changing.stream().anyMatch(g -> g.databaseUse() != GoalDefinition.DatabaseUse.NONE)));
                path.finishInterruptedWork(settings, log); // holding the locks, before any database is opened
            }
            if (changes && scope.locked()) {
                databases.markWorkSessions();
            }
            boolean first = scope.firstLook();
            if (goal.equals(Goal.CHECK.id())) {
                List<RunWalk.GoalPlan> walk = walk(request, redactor, log, lookAhead(request, runGoals));
                new CheckGoal(context, path.environmentChecks()).run(walk);
            } else if (goal.equals(Goal.PLAN.id())) {
                List<RunWalk.GoalPlan> walk = walk(request, redactor, log, lookAhead(request, runGoals));
                printPlan(context, walk, skippedLifecycleGoals(request), redactor);
            } else if (goal.equals(Goal.STATUS.id())) {
                // every goal of the lifecycle: one skipped by a flag is shown as such, never as done
                List<GoalDefinition> lifecycle = path.lifecycle().stream().filter(g -> g.optIn().isEmpty()).toList();
                List<String> skippedGoals = skippedLifecycleGoals(request);
                StatusView.print(context, lifecycle, skippedGoals, walk(request, redactor, log,
                        lifecycle.stream().filter(g -> !skippedGoals.contains(g.id())).toList()));
            } else if (goal.equals(Goal.VERIFY.id())) {
                new VerifyGoal(context, path.goal(Goal.MIGRATE_IDENTITY.id()).isPresent()).run();
            } else {
                if (first && runGoals.size() > 1) {
                    refuseIfBlocked(walk(request, redactor, log, lookAhead(request, runGoals)));
                }
                new StepRunner(context).run(Goal.byId(goal).orElseThrow(), definition.orElseThrow().factory().create(context));
            }
        }
    }

    /**
     * The goals to look at before the first change: those of this run that change the deployment, or, when
     * the run only looks (apim:check, apim:plan alone), the whole lifecycle of the path; a goal this run skips
     * (apim.skip, apim.<goal>.skip, an opt-in goal not switched on) is not looked at.
     */
    private List<GoalDefinition> lookAhead(Request request, List<String> runGoals) {
        LayeredProperties props = request.properties();
        List<GoalDefinition> inRun = runGoals.stream().map(path::goal).flatMap(Optional::stream)
                .filter(g -> g.optIn().isEmpty() || props.flag(g.optIn().get(), false)).toList();
        List<GoalDefinition> goals = inRun.isEmpty() ? path.lifecycle().stream().filter(g -> g.optIn().isEmpty()).toList() : inRun;
        return goals.stream().filter(g -> !skipped(props, g.id())).toList();
    }

    /** Every step of those goals probed against the deployment as it stands (embedded databases where they are now). */
    private List<RunWalk.GoalPlan> walk(Request request, SecretRedactor redactor, UpgradeLog log, List<GoalDefinition> goals) {
        UpgradeSettings settings = resolve(request, redactor, H2Home.NEW_OR_OLD, true);
        Environment environment = request.environment().withCredentials(id -> credentials.lookup(id).map(c -> {
            redactor.register(c.password()); // an admin login of apim:start: masked like the databases' passwords
            return c;
        }));
        try (Databases databases = new Databases(settings, environment.driverLoader())) {
            StepContext context = new StepContext(settings, databases, log, environment);
            return RunWalk.walk(goals, context);
        }
    }

    private static void refuseIfBlocked(List<RunWalk.GoalPlan> walk) {
        List<String> reasons = RunWalk.reasons(walk);
        if (!reasons.isEmpty()) {
            throw new ApimUserException("Refused before any change: this run cannot finish. " + String.join("; ", reasons)
                    + ". Nothing was changed.");
        }
    }

    private static void printPlan(StepContext context, List<RunWalk.GoalPlan> walk, List<String> skipped, SecretRedactor redactor) {
        for (RunWalk.GoalPlan p : walk) {
            if (p.refusal() != null) {
                context.log().info("Plan of " + p.goal().id() + ": BLOCKED " + p.refusal());
            } else {
                StepRunner.print(context, Goal.byId(p.goal().id()).orElseThrow(), p.steps(), true);
            }
        }
        skipped.forEach(g -> context.log().info("Plan of " + g + ": SKIPPED (apim." + g + ".skip or apim.skip is true): not looked at"));
        context.log().output("The plan for review (SQL per database, TOML diff, file operations, plan.json): "
                + PlanFiles.write(context, walk, skipped, redactor::redact));
        List<String> reasons = RunWalk.reasons(walk);
        if (!reasons.isEmpty()) {
            throw new ApimUserException("The upgrade this plan shows would be refused: " + String.join("; ", reasons)
                    + ". apim:plan changed nothing.");
        }
        context.log().info("apim:plan changed nothing.");
    }

    /** Every goal that changes the deployment refuses the two homes given the wrong way round, before anything is written. */
    private void requireHomeVersions(UpgradeSettings settings) {
        HomeVersion.refuse(settings.newHome(), "apim.newHome", path.to(), path.from()::equals);
        HomeVersion.refuse(settings.oldHome(), "apim.oldHome", path.from(), path.to()::equals);
    }

    private static H2Home h2Home(String goal, Optional<GoalDefinition> definition) {
        if (definition.isPresent()) {
            return definition.get().h2Home();
        }
        return goal.equals(Goal.CHECK.id()) ? H2Home.OLD
                : goal.equals(Goal.PLAN.id()) || goal.equals(Goal.STATUS.id()) ? H2Home.NEW_OR_OLD : H2Home.NEW;
    }

    private UpgradeSettings resolve(Request request, SecretRedactor redactor, H2Home home, boolean readOnly) {
        return new SettingsResolver(request.environment().baseDir(), credentials, redactor).h2Home(home).readOnly(readOnly)
                .run(runId(request.runKey())).resolve(request.properties());
    }

    /** The lifecycle's goals this run's settings skip (apim.skip, apim.<goal>.skip). */
    private List<String> skippedLifecycleGoals(Request request) {
        return lifecycle().stream().filter(id -> skipped(request.properties(), id)).toList();
    }

    /** The goals of the path's lifecycle that the report expects to have run (opt-in goals such as apim:start are not). */
    private List<String> lifecycle() {
        return path.lifecycle().stream().filter(g -> g.optIn().isEmpty()).map(GoalDefinition::id).toList();
    }

    /** A skipped goal is journaled (the report lists it as left to do) where its settings resolve; otherwise it is only logged. */
    private UpgradeSettings settingsForTheJournal(Request request, SecretRedactor redactor) {
        try {
            return resolve(request, redactor, H2Home.NEW_OR_OLD, true);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A short id of the mvn invocation, the same for every goal of it. */
    static String runId(String runKey) {
        return UUID.nameUUIDFromBytes(runKey.getBytes(StandardCharsets.UTF_8)).toString().substring(0, 8);
    }

    /** apim.skip, apim.<goal>.skip, or a goal the lifecycle runs only when switched on (apim.start). */
    private static Optional<String> skipReason(Request request, Optional<GoalDefinition> definition) {
        LayeredProperties props = request.properties();
        String goal = request.goal();
        if (skipped(props, goal)) {
            String property = props.flag("apim.skip", false) ? "apim.skip" : "apim." + goal + ".skip";
            return Optional.of("Skipping apim:" + goal + " (" + property + " is true).");
        }
        Optional<String> optIn = definition.flatMap(GoalDefinition::optIn);
        if (request.environment().viaLifecycle() && optIn.isPresent() && !props.flag(optIn.get(), false)) {
            return Optional.of("Skipping apim:" + goal + ": the apim lifecycle runs it only with -D" + optIn.get() + "=true (mvn apim:"
                    + goal + " always does).");
        }
        return Optional.empty();
    }

    private static boolean skipped(LayeredProperties props, String goal) {
        return props.flag("apim.skip", false) || props.flag("apim." + goal + ".skip", false);
    }

    /** The goal's end in the journal and a fresh report; a reporting problem never hides the goal's own outcome. */
    private void record(UpgradeSettings settings, String goal, Outcome outcome, String message, long millis, UpgradeLog log) {
        try {
            new Journal(settings).record(goal, Journal.GOAL, outcome.name(), message, millis);
            ReportWriter.write(settings.workDir(), settings.env(), lifecycle());
        } catch (ApimException e) {
            log.warn("Could not update the run journal or report: " + e.getMessage());
        }
    }
}
