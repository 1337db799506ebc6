package io.github.apimupgrade.core.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops processes with their children: a polite SIGTERM first (WSO2 servers shut down on it), then SIGKILL. */
final class ProcessTree {
    static final long GRACE_SECONDS = 60;

    private ProcessTree() {
    }

    @SafeVarargs
    static void stop(Optional<ProcessHandle>... roots) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (Optional<ProcessHandle> root : roots) {
            root.ifPresent(r -> {
                r.descendants().forEach(all::add);
                all.add(r);
            });
        }
        all.forEach(ProcessHandle::destroy);
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        all.forEach(h -> exits.add(h.onExit()));
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            kill(all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(all);
        }
    }

    private static void kill(Set<ProcessHandle> all) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        all.stream().filter(ProcessHandle::isAlive).forEach(h -> {
            h.destroyForcibly();
            exits.add(h.onExit());
        });
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // a process that outlives SIGKILL is beyond our reach; the caller's check reports it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
