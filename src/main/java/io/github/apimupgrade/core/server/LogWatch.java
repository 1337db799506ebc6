package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.UpgradeLog;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Waits for a started server to reach an outcome: each new line of the followed log goes to a
 * classifier until it decides; the server ending or the timeout end the wait too. Progress is
 * logged every {@code progressSeconds}.
 */
public final class LogWatch {
    public enum End { DECIDED, EXITED, TIMED_OUT }

    /** How the wait ended: the classifier's decision, or the exit code of a server that ended, or a timeout. */
    public record Result<T>(End end, T decision, int exitCode, long seconds) {
    }

    private LogWatch() {
    }

    public static <T> Result<T> await(ServerProcess server, LogFollower log, Function<String, Optional<T>> classifier,
                                      Duration timeout, long progressSeconds, UpgradeLog out) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + Duration.ofSeconds(progressSeconds).toNanos();
        long lines = 0;
        String last = "";
        while (true) {
            boolean alive = server.alive();
            for (String line : log.poll()) {
                lines++;
                if (!line.isBlank()) {
                    last = line.strip();
                }
                Optional<T> decision = classifier.apply(line);
                if (decision.isPresent()) {
                    return new Result<>(End.DECIDED, decision.get(), 0, seconds(start));
                }
            }
            if (!alive) {
                return new Result<>(End.EXITED, null, server.exitCode().orElse(-1), seconds(start));
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return new Result<>(End.TIMED_OUT, null, 0, seconds(start));
            }
            if (now >= nextProgress) {
                out.info(String.format("  [%s] %d s, %,d log lines%s", server.command().id(), seconds(start), lines,
                        last.isEmpty() ? "" : "; last: " + abbreviate(last)));
                nextProgress = now + Duration.ofSeconds(progressSeconds).toNanos();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result<>(End.TIMED_OUT, null, 0, seconds(start));
            }
        }
    }

    private static long seconds(long start) {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    private static String abbreviate(String line) {
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
