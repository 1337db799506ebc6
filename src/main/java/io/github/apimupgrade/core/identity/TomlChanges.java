package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.TomlValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment.toml edits of migrate-identity, made with {@link DeploymentToml} and recorded in
 * {@link IdentityState} before the file is written. Two kinds: {@code run} edits
 * ({@code [user_store] type}) stay after a successful migration and are reverted after a failure;
 * {@code temp} edits ({@code [indexing] frequency}) are always reverted. When the file is still what
 * we last wrote, reverting rebuilds it from its exact original bytes, so nothing else moves.
 */
final class TomlChanges {
    static final String RUN = "run";
    static final String TEMP = "temp";

    private final Path file;
    private final IdentityState state;
    private final UpgradeLog log;

    TomlChanges(Path home, IdentityState state, UpgradeLog log) {
        this.file = home.resolve("repository/conf/deployment.toml");
        this.state = state;
        this.log = log;
    }

    Path file() {
        return file;
    }

    DeploymentToml current() {
        return DeploymentToml.read(file);
    }

    /** The file after setting table.key, without writing anything (for plans). */
    static DeploymentToml preview(DeploymentToml toml, String table, String key, TomlValue value) {
        return toml.set(table, key, value);
    }

    void set(String kind, String table, String key, TomlValue value) {
        DeploymentToml now = current();
        DeploymentToml next = now.set(table, key, value);
        if (next == now) {
            return;
        }
        saveOriginal();
        state.tomlEdit(kind, table + "." + key, now.get(table, key).map(TomlChanges::render));
        write(next.text());
    }

    /** Reverts every recorded edit of the given kinds, keeping the others. */
    void revert(List<String> kindsToRevert, List<String> kindsToKeep) {
        Map<String, Optional<String>> revert = new java.util.LinkedHashMap<>();
        kindsToRevert.forEach(k -> revert.putAll(state.tomlEdits(k)));
        if (revert.isEmpty() || !Files.isRegularFile(file)) {
            return;
        }
        DeploymentToml now = current();
        if (Files.isRegularFile(state.tomlBefore()) && state.writtenSha().map(sha -> sha.equals(sha(now.text()))).orElse(false)) {
            DeploymentToml base;
            try {
                base = DeploymentToml.of(file, Files.readString(state.tomlBefore(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ApimException("Cannot read " + state.tomlBefore() + ": " + e.getMessage(), e);
            }
            for (String kind : kindsToKeep) {
                for (String dotted : state.tomlEdits(kind).keySet()) {
                    String[] tk = split(dotted);
                    Optional<Object> v = now.get(tk[0], tk[1]);
                    if (v.isPresent()) {
                        base = base.set(tk[0], tk[1], value(v.get()));
                    }
                }
            }
            write(base.text());
        } else {
            log.warn(file + " was changed by someone else since migrate-identity wrote it; reverting its own keys one by one.");
            DeploymentToml t = now;
            for (Map.Entry<String, Optional<String>> e : revert.entrySet()) {
                String[] tk = split(e.getKey());
                t = e.getValue().isPresent() ? t.set(tk[0], tk[1], parse(e.getValue().get())) : t.remove(tk[0], tk[1]);
            }
            if (t != now) {
                write(t.text());
            }
        }
        kindsToRevert.forEach(k -> state.tomlEdits(k).keySet().forEach(d -> state.forgetTomlEdit(k, d)));
    }

    private void saveOriginal() {
        if (Files.isRegularFile(state.tomlBefore())) {
            return;
        }
        try {
            Files.createDirectories(state.tomlBefore().getParent());
            Files.copy(file, state.tomlBefore(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new ApimException("Cannot keep a copy of " + file + " in " + state.tomlBefore() + ": " + e.getMessage(), e);
        }
    }

    private void write(String text) {
        DeploymentToml.of(file, text); // validates
        try {
            Path tmp = state.dir().resolve("deployment.toml.tmp");
            Files.createDirectories(tmp.getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // the temp file lives outside the home; copy over the original so its owner and mode stay
            Files.copy(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(tmp);
        } catch (IOException e) {
            throw new ApimException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        state.writtenSha(sha(text));
        FaultInjector.afterFile();
    }

    static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] split(String dotted) {
        int dot = dotted.lastIndexOf('.');
        return new String[] {dotted.substring(0, dot), dotted.substring(dot + 1)};
    }

    static String render(Object v) {
        return value(v).render();
    }

    static TomlValue value(Object v) {
        if (v instanceof String s) {
            return TomlValue.string(s);
        }
        if (v instanceof Long n) {
            return TomlValue.integer(n);
        }
        if (v instanceof Boolean b) {
            return TomlValue.bool(b);
        }
        throw new ApimException("migrate-identity only edits string, integer and boolean keys in deployment.toml, not " + v);
    }

    private static TomlValue parse(String rendered) {
        Object v = DeploymentToml.of(Path.of("value"), "x = " + rendered).get("", "x").orElseThrow();
        return value(v);
    }
}
