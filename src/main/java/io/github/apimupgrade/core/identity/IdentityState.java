package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.FileTrees;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What migrate-identity has done to a home, kept in {@code <workDir>/identity/} (never in the home):
 * the phase, the files and folders it created there, the exact bytes of deployment.toml before its
 * first edit, the hash of what it last wrote, and every deployment.toml key it set with the value the
 * key had before. Written before each change, so that a failure or a killed JVM can still be undone.
 */
public final class IdentityState {
    public enum Phase { NONE, PREPARED, MIGRATED, DONE }

    private final Path dir;
    private final Properties props = new Properties();

    private IdentityState(Path dir) {
        this.dir = dir;
    }

    public static IdentityState load(Path workDir) {
        IdentityState s = new IdentityState(workDir.resolve("identity"));
        Path f = s.file();
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                s.props.load(r);
            } catch (IOException e) {
                throw new ApimException("Cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return s;
    }

    public Path dir() {
        return dir;
    }

    private Path file() {
        return dir.resolve("state.properties");
    }

    public Path tomlBefore() {
        return dir.resolve("deployment.toml.before");
    }

    public Path unpackDir() {
        return dir.resolve("unpacked");
    }

    public Phase phase() {
        return Phase.valueOf(props.getProperty("phase", Phase.NONE.name()));
    }

    public Optional<String> home() {
        return Optional.ofNullable(props.getProperty("home"));
    }

    public IdentityState phase(Phase phase, Path home) {
        props.setProperty("phase", phase.name());
        props.setProperty("home", home.toString());
        return save();
    }

    /** Paths, relative to the home, that migrate-identity created and must remove. */
    public List<String> created() {
        List<String> out = new ArrayList<>();
        for (int i = 0; props.containsKey("created." + i); i++) {
            out.add(props.getProperty("created." + i));
        }
        return out;
    }

    public IdentityState created(String relative) {
        List<String> c = created();
        if (!c.contains(relative)) {
            props.setProperty("created." + c.size(), relative);
        }
        return save();
    }

    public IdentityState clearCreated() {
        props.stringPropertyNames().stream().filter(k -> k.startsWith("created.")).forEach(props::remove);
        return save();
    }

    public Optional<String> writtenSha() {
        return Optional.ofNullable(props.getProperty("toml.written.sha256"));
    }

    public IdentityState writtenSha(String sha) {
        props.setProperty("toml.written.sha256", sha);
        return save();
    }

    /** table.key to the value it had before ("" prefix marks a value, absent marks no key). */
    public Map<String, Optional<String>> tomlEdits(String kind) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        String prefix = "toml." + kind + ".";
        props.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted().forEach(k -> {
            String v = props.getProperty(k);
            out.put(k.substring(prefix.length()), v.equals("<absent>") ? Optional.empty() : Optional.of(v.substring(1)));
        });
        return out;
    }

    /** Records an edit once: the first recorded original value is the one to go back to. */
    public IdentityState tomlEdit(String kind, String dotted, Optional<String> originalRendered) {
        String k = "toml." + kind + "." + dotted;
        if (!props.containsKey(k)) {
            props.setProperty(k, originalRendered.map(v -> "=" + v).orElse("<absent>"));
        }
        return save();
    }

    public IdentityState forgetTomlEdit(String kind, String dotted) {
        props.remove("toml." + kind + "." + dotted);
        return save();
    }

    public long logOffset() {
        return Long.parseLong(props.getProperty("log.offset", "0"));
    }

    public IdentityState logOffset(long offset) {
        props.setProperty("log.offset", Long.toString(offset));
        return save();
    }

    /** Forgets everything but the phase (after a full revert, or when done). */
    public IdentityState reset(Phase phase) {
        String home = props.getProperty("home");
        props.clear();
        if (phase != Phase.NONE) {
            props.setProperty("phase", phase.name());
            if (home != null) {
                props.setProperty("home", home);
            }
        }
        try {
            Files.deleteIfExists(tomlBefore());
        } catch (IOException e) {
            throw new ApimException("Cannot delete " + tomlBefore() + ": " + e.getMessage(), e);
        }
        FileTrees.delete(unpackDir());
        if (phase == Phase.NONE) {
            try {
                Files.deleteIfExists(file());
            } catch (IOException e) {
                throw new ApimException("Cannot delete " + file() + ": " + e.getMessage(), e);
            }
            return this;
        }
        return save();
    }

    private IdentityState save() {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("state.properties.tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(w, "apim-maven-plugin migrate-identity state; do not edit");
            }
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ApimException("Cannot write " + file() + ": " + e.getMessage(), e);
        }
        return this;
    }
}
