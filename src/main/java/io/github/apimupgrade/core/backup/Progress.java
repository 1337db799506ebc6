package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.UpgradeLog;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of long work, logged every few seconds and when a table finishes:
 * {@code backup: 12/57 tables, 1,234,567 rows (45,000 rows/s), 512.0 MB (38.2 MB/s), ETA 0:42}.
 * The ETA comes from bytes when the total is known (catalog estimates), else from tables.
 */
final class Progress implements AutoCloseable {
    private final String what;
    private final UpgradeLog log;
    private final int totalTables;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private final AtomicInteger tables = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final ScheduledExecutorService timer;

    Progress(String what, UpgradeLog log, int totalTables, long totalBytes, int intervalSeconds) {
        this.what = what;
        this.log = log;
        this.totalTables = totalTables;
        this.totalBytes = totalBytes;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "apim-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::report, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    /** Counts rows and bytes of one table's work. */
    interface Counter {
        void rows(long n);

        Counter NONE = n -> { };
    }

    Counter counter() {
        return rows::addAndGet;
    }

    void bytes(long n) {
        bytes.addAndGet(n);
    }

    /** Progress is logged every interval (a bounded rate, however many tables), and once when the last table is done. */
    void tableDone() {
        if (tables.incrementAndGet() == totalTables) {
            report();
        }
    }

    long rows() {
        return rows.get();
    }

    long bytes() {
        return bytes.get();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    synchronized void report() {
        double s = Math.max(seconds(), 0.001);
        long r = rows.get();
        long b = bytes.get();
        int t = tables.get();
        String eta;
        if (totalBytes > 0 && b > 0) {
            eta = time(Math.max(0, (totalBytes - b) / (b / s)));
        } else if (t > 0 && totalTables > 0) {
            eta = time(Math.max(0, s / t * (totalTables - t)));
        } else {
            eta = "?";
        }
        log.info(String.format(Locale.ROOT, "%s: %d/%d tables, %,d rows (%,.0f rows/s), %.1f MB (%.1f MB/s), ETA %s",
                what, t, totalTables, r, r / s, b / 1e6, b / 1e6 / s, t == totalTables ? "0:00" : eta));
    }

    static String time(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
