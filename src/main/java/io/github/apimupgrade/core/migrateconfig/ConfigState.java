package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.settings.UpgradeSettings;
import io.github.apimupgrade.core.state.DeploymentState;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What migrate-config wrote last time, so that a re-run can tell a value it wrote (and may update)
 * from one the operator changed by hand since (a conflict, kept). The {@value #SECTION} section of the
 * deployment's state ({@link DeploymentState}): {@code toml.<table>.<key>} holds a fingerprint of the
 * value written (a salted PBKDF2 hash for passwords, never the password), {@code file.<path>} the SHA-256 of a
 * file written into the new home.
 */
public final class ConfigState {
    public static final String SECTION = "migrate-config";
    private static final String LEGACY = "sha256:";
    private static final int ITERATIONS = 210_000;
    private final DeploymentState store;
    private final Properties values = new Properties();
    private final Map<String, String> hashes = new HashMap<>();

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

    /**
     * A comparable fingerprint of a TOML value as tomlj reads it. A password, or a value that shows one (a URL's
     * {@code password=...}), only as a salted PBKDF2 hash: slow to guess from, should the work directory leak.
     */
    public String fingerprint(Object plain, boolean secret) {
        if (plain == null) {
            return "absent";
        }
        String typed = plain.getClass().getSimpleName() + ":" + plain;
        if (!secret && SecretRedactor.maskValues(typed).equals(typed)) {
            return typed;
        }
        return hashes.computeIfAbsent(typed, t -> "pbkdf2:" + pbkdf2(values.getProperty("salt"), t));
    }

    /** Whether a recorded fingerprint is this value's; earlier versions of the plugin recorded passwords as salted SHA-256. */
    public boolean matches(Optional<String> recorded, Object plain, boolean secret) {
        if (recorded.isPresent() && recorded.get().startsWith(LEGACY)) {
            return plain != null && recorded.get().equals(LEGACY + Checksums.sha256(values.getProperty("salt")
                    + plain.getClass().getSimpleName() + ":" + plain));
        }
        return recorded.isPresent() && recorded.get().equals(fingerprint(plain, secret));
    }

    private static String pbkdf2(String salt, String value) {
        try {
            PBEKeySpec spec = new PBEKeySpec(value.toCharArray(), HexFormat.of().parseHex(salt), ITERATIONS, 256);
            return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        }
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
