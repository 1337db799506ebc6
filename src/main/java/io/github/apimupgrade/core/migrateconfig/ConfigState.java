package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.Checksums;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * What migrate-config wrote last time, so that a re-run can tell a value it wrote (and may update)
 * from one the operator changed by hand since (a conflict, kept). Kept in
 * {@code <workDir>/migrate-config-state.properties}: {@code toml.<table>.<key>} holds a fingerprint
 * of the value written (salted SHA-256 for passwords, never the password), {@code file.<path>} the
 * SHA-256 of a file written into the new home.
 */
public final class ConfigState {
    public static final String FILE = "migrate-config-state.properties";
    private final Path file;
    private final Properties values = new Properties();

    private ConfigState(Path file) {
        this.file = file;
    }

    public static ConfigState load(Path workDir) {
        ConfigState s = new ConfigState(workDir.resolve(FILE));
        if (Files.isRegularFile(s.file)) {
            try (Reader r = Files.newBufferedReader(s.file, StandardCharsets.UTF_8)) {
                s.values.load(r);
            } catch (IOException e) {
                throw new ApimException("Cannot read " + s.file + ": " + e.getMessage(), e);
            }
        }
        if (s.values.getProperty("salt") == null) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            s.values.setProperty("salt", HexFormat.of().formatHex(salt));
        }
        return s;
    }

    public Path file() {
        return file;
    }

    /** A comparable fingerprint of a TOML value as tomlj reads it; passwords only as a salted hash. */
    public String fingerprint(Object plain, boolean secret) {
        if (plain == null) {
            return "absent";
        }
        String typed = plain.getClass().getSimpleName() + ":" + plain;
        return secret ? "sha256:" + Checksums.sha256(values.getProperty("salt") + typed) : typed;
    }

    public Optional<String> tomlKey(String dottedKey) {
        return Optional.ofNullable(values.getProperty("toml." + dottedKey));
    }

    public void tomlKey(String dottedKey, String fingerprint) {
        values.setProperty("toml." + dottedKey, fingerprint);
    }

    public Optional<String> file(String name) {
        return Optional.ofNullable(values.getProperty("file." + name));
    }

    public void file(String name, String sha256) {
        values.setProperty("file." + name, sha256);
    }

    /** Whether a migrate-config run has recorded anything in this work directory. */
    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The dotted keys and the file names recorded, for verify. */
    public java.util.SortedSet<String> recorded(String kind) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (String k : values.stringPropertyNames()) {
            if (k.startsWith(kind + ".")) {
                out.add(k.substring(kind.length() + 1));
            }
        }
        return out;
    }

    public void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                values.store(w, "apim:migrate-config: what the last run wrote (fingerprints only, no passwords)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ApimException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
