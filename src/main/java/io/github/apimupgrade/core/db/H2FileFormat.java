package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.settings.DatabaseSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the write format from an H2 MVStore file header before the file is opened. H2 1.4.x writes
 * format 1; H2 2.x writes 2 or higher, and 1.4.199 (what WSO2 3.0.0 and 3.1.0 ship) reports such a
 * file only as "corrupted". Checked first so that the operator hears the real reason.
 */
final class H2FileFormat {
    private static final Pattern FORMAT = Pattern.compile("[,{]format:([0-9a-f]+)");

    private H2FileFormat() {
    }

    static void requireVersion1(DatabaseSettings db) {
        Path base = JdbcUrls.h2File(db.url());
        if (base == null) {
            return;
        }
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        if (!Files.isRegularFile(file)) {
            return;
        }
        byte[] header = new byte[4096];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new DatabaseAccessException("Cannot read the H2 file " + file + ": " + e.getMessage(), e);
        }
        Matcher m = FORMAT.matcher(new String(header, 0, read, StandardCharsets.ISO_8859_1));
        if (m.find() && Integer.parseInt(m.group(1), 16) > 1) {
            throw new DatabaseAccessException("The H2 file " + file + " was not written by H2 1.4.x (its write format is "
                    + m.group(1) + ", from H2 2.x), and WSO2 API-M 3.0.0 and 3.1.0 ship H2 1.4.199, which cannot open it. "
                    + "Use the database file of the 3.0.0 deployment, or export it with H2 2.x and import it with 1.4.199.");
        }
    }
}
