package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.testing.TestRun;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upgrade's goals in lifecycle order, run by the GoalExecutor as the Mojos run them (without Maven), in a
 * JVM of its own so that a test can kill it at a chosen unit of work. Arguments: {@code key=value} settings
 * (migrate-identity needs its own: resources, {@code apim.identity.run=true} and a home whose
 * {@code bin/wso2server.sh} plays the server). Prints {@code GOAL <id> <units before> <units after>
 * <millis> ms} for each goal (from {@value #FROM_GOAL} on, when set), then {@code UNITS <total> in <millis> ms}; exits with 3 when a goal does not succeed.
 */
public final class LifecycleMain {
    /** Runs the lifecycle from this goal on, its earlier goals being done (a run resumed where it was killed). */
    static final String FROM_GOAL = "apim.test.fromGoal";
    static final List<String> GOALS = List.of("backup", "migrate-config", "migrate-db", "migrate-identity", "migrate-analytics",
            "reindex", "verify");

    private LifecycleMain() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Map<String, String> props = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            props.put(a.substring(0, eq), a.substring(eq + 1));
        }
        if (!run(props)) {
            System.exit(3);
        }
        System.out.println("UNITS " + FaultInjector.unitsDone() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** Runs the lifecycle as one invocation; false when a goal did not succeed (its log is printed). */
    public static boolean run(Map<String, String> props) {
        Path base = Path.of(props.getOrDefault("apim.test.baseDir", "."));
        String runKey = "lifecycle-" + System.nanoTime();
        String from = props.getOrDefault(FROM_GOAL, GOALS.get(0));
        for (String goal : GOALS.subList(GOALS.indexOf(from), GOALS.size())) {
            int before = FaultInjector.unitsDone();
            long start = System.nanoTime();
            TestRun run = new TestRun(base);
            props.forEach((k, v) -> {
                if (!k.startsWith("apim.test.")) {
                    run.set(k, v);
                }
            });
            GoalExecutor.Result result = run.execute(goal, runKey, GOALS);
            System.out.println("GOAL " + goal + " " + before + " " + FaultInjector.unitsDone() + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
            System.out.println(run.logText());
            if (result.outcome() != Outcome.SUCCEEDED) {
                return false;
            }
        }
        return true;
    }
}
