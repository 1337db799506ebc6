package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.UpgradeLog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Re-reads a set and checks it without a database: the COMPLETE marker against the manifest, every
 * file's presence, size and SHA-256, no file the manifest does not list, and every table dump's
 * structure and row count. Nothing is written.
 */
final class SetVerifier {
    private SetVerifier() {
    }

    /** The manifest of a set that passed, or the list of everything wrong with it. */
    record Outcome(Manifest manifest, List<String> problems) {
    }

    static Manifest verifyOrRefuse(Path set, int threads, UpgradeLog log) {
        log.info("Verifying backup set " + set + " ...");
        Outcome o = verify(set, threads);
        if (!o.problems().isEmpty()) {
            List<String> shown = o.problems().size() > 20 ? o.problems().subList(0, 20) : o.problems();
            throw new BackupRefusedException("Backup set " + set + " is not usable, nothing was restored: "
                    + String.join("; ", shown) + (o.problems().size() > shown.size()
                    ? "; and " + (o.problems().size() - shown.size()) + " more problem(s)" : "") + ".");
        }
        long bytes = o.manifest().files().stream().mapToLong(Manifest.Entry::size).sum();
        log.info(String.format(Locale.ROOT, "Backup set %s verified: %d file(s), %.1f MB, %d table(s) with %,d rows match the manifest.",
                set.getFileName(), o.manifest().files().size(), bytes / 1e6, o.manifest().tables().size(),
                o.manifest().tables().stream().mapToLong(Manifest.Table::rows).sum()));
        return o.manifest();
    }

    static Outcome verify(Path set, int threads) {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        String name = set.getFileName().toString();
        if (name.endsWith(".partial")) {
            problems.add("it is incomplete: the backup that wrote it did not finish (folder " + name + ")");
            return new Outcome(null, problems);
        }
        Path complete = set.resolve(Manifest.COMPLETE);
        Path manifestFile = set.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(complete)) {
            problems.add("it is incomplete: no " + Manifest.COMPLETE + " marker (the backup that wrote it did not finish)");
            return new Outcome(null, problems);
        }
        Manifest manifest;
        try {
            byte[] bytes = Files.readAllBytes(manifestFile);
            String expected = Files.readString(complete, StandardCharsets.US_ASCII).strip();
            if (!Hashing.sha256(bytes).equals(expected)) {
                problems.add(Manifest.FILE_NAME + " was changed after the backup (its SHA-256 differs from the one in "
                        + Manifest.COMPLETE + ")");
                return new Outcome(null, problems);
            }
            manifest = Manifest.read(manifestFile);
        } catch (IOException e) {
            problems.add("cannot read " + Manifest.FILE_NAME + ": " + e.getMessage());
            return new Outcome(null, problems);
        }
        Map<String, Manifest.Table> tableByDump = new HashMap<>();
        Map<String, String> dialectById = new HashMap<>();
        manifest.databases().forEach(d -> dialectById.put(d.id(), d.dialect()));
        manifest.tables().forEach(t -> tableByDump.put(t.dump(), t));
        Set<String> listed = new HashSet<>();
        manifest.files().forEach(e -> listed.add(e.path()));
        for (Manifest.Table t : manifest.tables()) {
            if (!listed.contains(t.dump())) {
                problems.add("table " + t.name() + ": its dump " + t.dump() + " is not listed with a checksum");
            }
        }
        try (Stream<Path> walk = Files.walk(set)) {
            walk.filter(Files::isRegularFile).map(p -> set.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(Manifest.FILE_NAME) && !p.equals(Manifest.COMPLETE) && !listed.contains(p))
                    .sorted().forEach(p -> problems.add("unexpected file " + p + " (not in the manifest)"));
        } catch (IOException e) {
            problems.add("cannot list the set: " + e.getMessage());
        }
        List<Manifest.Entry> entries = new ArrayList<>(manifest.files());
        entries.sort(Comparator.comparingLong(Manifest.Entry::size).reversed());
        ConcurrentLinkedQueue<Manifest.Entry> queue = new ConcurrentLinkedQueue<>(entries);
        Workers.run(threads, null, () -> {
            Manifest.Entry e;
            while ((e = queue.poll()) != null) {
                String problem = check(set, e, tableByDump.get(e.path()));
                if (problem != null) {
                    problems.add(problem);
                }
            }
            return null;
        });
        List<String> sorted = new ArrayList<>(problems);
        Collections.sort(sorted);
        return new Outcome(manifest, sorted);
    }

    private static String check(Path set, Manifest.Entry e, Manifest.Table table) {
        Path file = set.resolve(e.path());
        String what = table == null ? e.path() : e.path() + " (table " + table.name() + ")";
        try {
            if (!Files.isRegularFile(file)) {
                return "missing file " + what;
            }
            long size = Files.size(file);
            if (size < e.size()) {
                return what + " is truncated: " + size + " of " + e.size() + " bytes";
            }
            if (size > e.size()) {
                return what + " has " + size + " bytes, the manifest says " + e.size();
            }
            try (Hashing.HashingInputStream in = new Hashing.HashingInputStream(Files.newInputStream(file))) {
                String countProblem = null;
                if (table != null) {
                    try {
                        InputStream data = e.path().endsWith(SetFiles.GZ) ? new GZIPInputStream(in, 1 << 16) : in;
                        long rows = DumpFormats.count(data, what);
                        if (rows != table.rows()) {
                            countProblem = what + " holds " + rows + " rows, the manifest says " + table.rows();
                        }
                    } catch (IOException bad) {
                        countProblem = bad.getMessage();
                    }
                }
                String hash = in.finish();
                if (!hash.equals(e.sha256())) {
                    return what + " was changed: its SHA-256 differs from the manifest's" + (countProblem == null ? "" : " (" + countProblem + ")");
                }
                return countProblem;
            }
        } catch (IOException ex) {
            return "cannot read " + what + ": " + ex.getMessage();
        }
    }
}
