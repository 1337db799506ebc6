package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.settings.UpgradeSettings;
import io.github.apimupgrade.core.state.DeploymentState;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * What migrate-config wrote last time, so that a re-run can tell a value it wrote (and may update)
 * from one the operator changed by hand since (a conflict, kept). The {@value #SECTION} section of the
 * deployment's state ({@link DeploymentState}): {@code toml.<table>.<key>} holds a fingerprint of the
 * value written (salted hash for passwords, never the password), {@code file.<path>} the SHA-256 of a
 * file written into the new home.
 */
public final class ConfigState {
    public static final String SECTION = "migrate-config";
    private final DeploymentState store;
    private final Properties values = new Properties();

    private ConfigState(DeploymentState store) {
        this.store = store;
    }

    public static ConfigState load(UpgradeSettings settings) {
        ConfigState s = new ConfigState(DeploymentState.of(settings));
        s.store.read(SECTION).forEach(s.values::setProperty);
        if (s.values.getProperty("salt") == null) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            s.values.setProperty("salt", HexFormat.of().formatHex(salt));
        }
        return s;
    }

    public Path file() {
        return store.file();
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

    /** Whether a migrate-config run has recorded anything for this deployment. */
    public boolean exists() {
        return values.stringPropertyNames().stream().anyMatch(k -> !k.equals("salt"));
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
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        values.stringPropertyNames().forEach(k -> out.put(k, values.getProperty(k)));
        store.write(SECTION, out);
    }
}
