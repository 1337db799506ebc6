package io.github.apimupgrade.backup;

import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.RestoreGoal;
import io.github.apimupgrade.testing.TestRun;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs backup (or restore, with first argument {@code restore}) in its own JVM, {@code key=value}
 * arguments, so that a test can kill it half-way or bound its heap; prints the peak heap used.
 */
public final class BackupMain {
    private BackupMain() {
    }

    public static void main(String[] args) {
        boolean restore = args.length > 0 && args[0].equals("restore");
        TestRun run = new TestRun(Path.of("."));
        for (String a : restore ? Arrays.copyOfRange(args, 1, args.length) : args) {
            int eq = a.indexOf('=');
            run.set(a.substring(0, eq), a.substring(eq + 1));
        }
        // The live heap after each collection: what the backup keeps, not the garbage it has not collected yet.
        AtomicLong liveAfterGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    if (!info.getGcAction().contains("major")) {
                        return; // after a minor collection the old generation still holds garbage: not live
                    }
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    liveAfterGc.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        System.gc();
        liveAfterGc.set(0);
        long sampleMillis = Long.getLong("apim.test.liveHeapSampleMillis", 0);
        if (sampleMillis > 0) {
            // a full collection every few ms: the live heap measured often, whichever collections the JVM chose itself
            Thread sampler = new Thread(() -> {
                while (true) {
                    System.gc();
                    try {
                        Thread.sleep(sampleMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        run.run(ctx -> {
            if (restore) {
                new RestoreGoal(ctx).run();
            } else {
                new BackupGoal(ctx).run();
            }
        });
        long wall = System.nanoTime() - t0;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        run.log().forEach(System.out::println);
        System.out.println("PEAK_HEAP=" + peak);
        System.out.println("PEAK_LIVE_HEAP=" + liveAfterGc.get());
        System.out.println("WALL_MS=" + wall / 1_000_000);
        if (Boolean.getBoolean("apim.bench.threadCpu")) {
            threadCpu();
        }
    }

    /** CPU time of every thread of this JVM (JIT compilers and GC included), from /proc: where the client's CPU goes. */
    private static void threadCpu() {
        java.util.Map<String, long[]> byName = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String name = java.nio.file.Files.readString(t.resolve("comm")).strip().replaceAll("[0-9]+$", "#");
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long[] v = byName.computeIfAbsent(name, k -> new long[2]);
                    v[0] += Long.parseLong(f[11]);
                    v[1] += Long.parseLong(f[12]);
                } catch (java.io.IOException | RuntimeException ignored) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException e) {
            return;
        }
        byName.forEach((n, v) -> { if (v[0] + v[1] > 0) { System.out.printf("THREAD_CPU %-24s user %5.2f s sys %5.2f s%n", n, v[0] / 100.0, v[1] / 100.0); } });
    }
}
