package io.github.apimupgrade.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The names of kill points, as the fault-injection suite reads them from a run's trace. */
class FaultInjectorTest {
    @TempDir
    Path tmp;

    @AfterEach
    void off() {
        System.clearProperty(FaultInjector.TRACE);
        FaultInjector.within("");
    }

    @Test
    void aTracedRunNamesEachPlaceOnceByGoalStepAndTheMethodThatDidTheWork() throws Exception {
        Path trace = tmp.resolve("trace.txt");
        System.setProperty(FaultInjector.TRACE, trace.toString());
        int before = FaultInjector.unitsDone();
        FaultInjector.within("unit-test-goal step-a");
        writeTwoRows();
        List.of(1, 2).forEach(i -> FaultInjector.afterFile()); // a lambda is named by the method it is written in
        FaultInjector.at(FaultInjector.STEP_APPLIED);
        FaultInjector.within("unit-test-goal step-a#2"); // the same step again, on another database
        writeTwoRows();

        List<String> lines = Files.readAllLines(trace);
        assertEquals(List.of(
                (before + 1) + "\tunit-test-goal step-a FaultInjectorTest.writeTwoRows",
                (before + 3) + "\tunit-test-goal step-a FaultInjectorTest.aTracedRunNamesEachPlaceOnceByGoalStepAndTheMethodThatDidTheWork",
                (before + 4) + "\tunit-test-goal step-a @applied",
                (before + 5) + "\tunit-test-goal step-a#2 FaultInjectorTest.writeTwoRows"), lines);
    }

    private static void writeTwoRows() {
        FaultInjector.afterStatement();
        FaultInjector.afterStatement();
    }
}
