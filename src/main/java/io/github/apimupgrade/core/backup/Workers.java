package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.ApimException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Runs n copies of a worker (and optionally one side task) on their own threads; the first failure wins. */
final class Workers {
    private Workers() {
    }

    interface SideTask {
        void run() throws Exception;
    }

    static void run(int n, SideTask side, Callable<Void> worker) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        Runnable onFailure = () -> threads.forEach(Thread::interrupt);
        for (int i = 0; i < n; i++) {
            threads.add(new Thread(() -> {
                try {
                    worker.call();
                } catch (Throwable e) {
                    if (failure.compareAndSet(null, e)) {
                        onFailure.run();
                    }
                }
            }, "apim-worker-" + i));
        }
        if (side != null) {
            threads.add(new Thread(() -> {
                try {
                    side.run();
                } catch (Throwable e) {
                    if (failure.compareAndSet(null, e)) {
                        onFailure.run();
                    }
                }
            }, "apim-files"));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApimException("Interrupted while waiting for the workers");
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new ApimException(f.getMessage() == null ? f.toString() : f.getMessage(), f);
        }
    }
}
