package io.github.apimupgrade.core.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup set holds, as a tab-separated text file ({@code manifest.tsv}) a person can read:
 * header lines ({@code key<TAB>value}), one {@code database} line per database, one {@code table}
 * line per table with its row count and dump file, and one {@code file} line per file in the set
 * with its size and SHA-256. It never holds a password or a JDBC URL's parameters.
 */
public final class Manifest {
    public static final String FILE_NAME = "manifest.tsv";
    public static final String COMPLETE = "COMPLETE";
    static final String FORMAT = "apim-backup-1";

    private final Map<String, String> header = new LinkedHashMap<>();
    private final List<Database> databases = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Entry> files = new ArrayList<>();
    private final List<FileRoot> roots = new ArrayList<>();

    /** A database of the set: the keys it serves (apim, shared...), dialect, server and what it was found to be. */
    public record Database(String id, List<String> keys, String dialect, String server, String location, String source) {
    }

    /** A table: the database it belongs to, its name as stored, rows, and its dump file (relative path). */
    public record Table(String database, String name, long rows, String dump) {
    }

    /** A file of the set (relative path, '/' separated), its size and SHA-256 in hex. */
    public record Entry(String path, long size, String sha256) {
    }

    /** A folder of the deployment that was copied: label (folder under files/), home (old/new) and path under the home. */
    public record FileRoot(String label, String home, String relative, long files) {
    }

    public Map<String, String> header() {
        return header;
    }

    public List<Database> databases() {
        return databases;
    }

    public List<Table> tables() {
        return tables;
    }

    public List<Entry> files() {
        return files;
    }

    public List<FileRoot> roots() {
        return roots;
    }

    public String write(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder("# apim-maven-plugin backup set: see README, 'backup and restore'\n");
        sb.append("format\t").append(FORMAT).append('\n');
        header.forEach((k, v) -> sb.append(k).append('\t').append(esc(v)).append('\n'));
        for (Database d : databases) {
            sb.append("database\t").append(esc(d.id())).append('\t').append(esc(String.join(",", d.keys()))).append('\t')
                    .append(esc(d.dialect())).append('\t').append(esc(d.server())).append('\t').append(esc(d.location()))
                    .append('\t').append(esc(d.source())).append('\n');
        }
        for (Table t : tables) {
            sb.append("table\t").append(esc(t.database())).append('\t').append(esc(t.name())).append('\t').append(t.rows())
                    .append('\t').append(esc(t.dump())).append('\n');
        }
        for (FileRoot r : roots) {
            sb.append("root\t").append(esc(r.label())).append('\t').append(esc(r.home())).append('\t').append(esc(r.relative()))
                    .append('\t').append(r.files()).append('\n');
        }
        for (Entry e : files) {
            sb.append("file\t").append(e.sha256()).append('\t').append(e.size()).append('\t').append(esc(e.path())).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(FILE_NAME), bytes);
        return Hashing.sha256(bytes);
    }

    public static Manifest read(Path file) throws IOException {
        Manifest m = new Manifest();
        int lineNo = 0;
        boolean formatSeen = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "format" -> {
                        if (!FORMAT.equals(f[1])) {
                            throw new IOException("unknown format '" + f[1] + "' (this plugin reads " + FORMAT + ")");
                        }
                        formatSeen = true;
                    }
                    case "database" -> m.databases.add(new Database(un(f[1]), List.of(un(f[2]).split(",")), un(f[3]), un(f[4]),
                            un(f[5]), un(f[6])));
                    case "table" -> m.tables.add(new Table(un(f[1]), un(f[2]), Long.parseLong(f[3]), un(f[4])));
                    case "root" -> m.roots.add(new FileRoot(un(f[1]), un(f[2]), un(f[3]), Long.parseLong(f[4])));
                    case "file" -> m.files.add(new Entry(un(f[3]), Long.parseLong(f[2]), f[1]));
                    default -> m.header.put(f[0], un(f[1]));
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new IOException("line " + lineNo + " is malformed");
            }
        }
        if (!formatSeen) {
            throw new IOException("no 'format' line: not a backup manifest");
        }
        return m;
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static String un(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
    }
}
