package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.Checksums;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The files of an embedded H2 database. The 3.1.0 pack ships fresh databases of its own in the new home,
 * so a file there is the deployment's only once migrate-config copied the old home's file (same bytes) or
 * migrate-db has upgraded it (the plugin's history table is in it).
 */
public final class H2Files {
    /** The name prefix of the plugin's history tables, which an upgraded file holds. */
    static final String MARKER = "APIM_UPGRADE_";

    private H2Files() {
    }

    /** The data file ({@code .mv.db}, else {@code .h2.db}) of the database an H2 URL names, if it exists. */
    public static Optional<Path> dataFile(String url) {
        Path base = JdbcUrls.h2File(url);
        if (base == null) {
            return Optional.empty();
        }
        for (String suffix : List.of(".mv.db", ".h2.db")) {
            Path f = base.resolveSibling(base.getFileName() + suffix);
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code newFile} is the deployment's database: a copy of {@code oldFile}, or upgraded by this plugin. */
    public static boolean isTheDeployments(Path newFile, Path oldFile) {
        return containsMarker(newFile) || Files.isRegularFile(oldFile) && Checksums.sha256(newFile).equals(Checksums.sha256(oldFile));
    }

    /** Whether migrate-db has upgraded this file (its history table is in it). */
    public static boolean containsMarker(Path file) {
        byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            byte[] carry = new byte[0];
            int n;
            while ((n = in.read(buf)) > 0) {
                byte[] window = new byte[carry.length + n];
                System.arraycopy(carry, 0, window, 0, carry.length);
                System.arraycopy(buf, 0, window, carry.length, n);
                if (indexOf(window, marker) >= 0) {
                    return true;
                }
                int keep = Math.min(marker.length - 1, window.length);
                carry = Arrays.copyOfRange(window, window.length - keep, window.length);
            }
            return false;
        } catch (IOException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
