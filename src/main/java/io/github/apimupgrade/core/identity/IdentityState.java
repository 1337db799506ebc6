package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.FileTrees;
import io.github.apimupgrade.core.settings.UpgradeSettings;
import io.github.apimupgrade.core.state.DeploymentState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What migrate-identity has done to a home, kept in the deployment's state (never in the home):
 * the phase, the files and folders it created there, the exact bytes of deployment.toml before its
 * first edit, the hash of what it last wrote, and every deployment.toml key it set with the value the
 * key had before. Written before each change, so that a failure or a killed JVM can still be undone.
 */
public final class IdentityState {
    public enum Phase { NONE, PREPARED, MIGRATED, DONE }

    public static final String SECTION = "migrate-identity";
    private final Path dir;
    private final DeploymentState store;
    private final Properties props = new Properties();

    private IdentityState(Path dir, DeploymentState store) {
        this.dir = dir;
        this.store = store;
    }

    /** The identity section of the deployment's state; its files (deployment.toml before the edit, unpacked resources) in {@code <workDir>/identity}. */
    public static IdentityState load(UpgradeSettings settings) {
        IdentityState s = new IdentityState(dir(settings), DeploymentState.of(settings));
        s.store.read(SECTION).forEach(s.props::setProperty);
        return s;
    }

    public Path dir() {
        return dir;
    }

    /** Where the goal keeps its files and the servers' transcripts. */
    static Path dir(UpgradeSettings settings) {
        return settings.workDir().resolve("identity");
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
        return save();
    }

    private IdentityState save() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        store.write(SECTION, out);
        return this;
    }
}
