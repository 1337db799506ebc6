package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.UpgradeLog;

import java.util.Locale;

/**
 * Progress of work done in committed batches: {@code REG_LOG: 120,000/1,000,000 rows deleted,
 * 52,000 rows/s, ETA 0m17s}, logged at most every few seconds and once at the end.
 */
public final class BatchProgress {
    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private final String label;
    private final String unit;
    private final long total;
    private final UpgradeLog log;
    private final long start = System.nanoTime();
    private long done;
    private long lastLog = start;

    /** {@code unit} says what is counted, e.g. "rows deleted". */
    public BatchProgress(String label, String unit, long total, UpgradeLog log) {
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.log = log;
    }

    public void add(long n) {
        done += n;
        long now = System.nanoTime();
        if (now - lastLog > INTERVAL_NANOS) {
            lastLog = now;
            log.info("  " + label + ": " + line(now));
        }
    }

    public long done() {
        return done;
    }

    String line(long now) {
        double secs = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / secs;
        long eta = rate > 0 ? Math.round(Math.max(0, total - done) / rate) : -1;
        return String.format(Locale.ROOT, "%,d/%,d %s, %,.0f rows/s, ETA %s", done, total, unit, rate,
                eta < 0 ? "?" : eta / 60 + "m" + String.format(Locale.ROOT, "%02d", eta % 60) + "s");
    }

    public void finish() {
        log.info("  " + label + ": " + line(System.nanoTime()) + " (done)");
    }
}
