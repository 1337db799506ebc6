package io.github.apimupgrade.core.state;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.JdbcUrls;
import io.github.apimupgrade.core.files.AtomicWrite;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.UpgradeSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one state store: {@code <workDir>/state/<env>.json}, one JSON document per environment, naming the
 * deployment it belongs to (the new home and where each database is) and holding what the goals cannot
 * read back from the deployment itself (what migrate-config wrote, so that a later hand edit is told from
 * it; what migrate-identity put into the home, so that it can be undone). Everything the deployment holds
 * the truth of is read from the deployment instead: the SQL steps' history tables, the TOML, the files.
 * Written atomically; the state of another deployment is never taken for this one.
 */
public final class DeploymentState {
    public static final String FOLDER = "state";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;
    private final Map<String, String> identity;

    private DeploymentState(Path file, Map<String, String> identity) {
        this.file = file;
        this.identity = identity;
    }

    /** The state of this environment's deployment; refused when the file belongs to another deployment. */
    public static DeploymentState of(UpgradeSettings settings) {
        DeploymentState state = new DeploymentState(settings.workDir().resolve(FOLDER)
                .resolve(settings.env().replaceAll("[^A-Za-z0-9_.-]", "_") + ".json"), identity(settings));
        state.requireSameDeployment();
        return state;
    }

    /** What names a deployment: its new home and where each database is (never a password or URL parameter). */
    static Map<String, String> identity(UpgradeSettings settings) {
        Map<String, String> id = new TreeMap<>();
        settings.newHome().ifPresent(h -> id.put("newHome", h.toAbsolutePath().normalize().toString()));
        for (DbKey key : DbKey.values()) {
            settings.database(key).ifPresent(db -> id.put("db." + key.key(), JdbcUrls.location(db.configuredUrl())));
        }
        return id;
    }

    private void requireSameDeployment() {
        JsonNode root = read();
        JsonNode recorded = root.get("deployment");
        if (recorded == null || root.size() <= 1) {
            return;
        }
        Map<String, String> before = new TreeMap<>();
        recorded.properties().forEach(e -> before.put(e.getKey(), e.getValue().asString()));
        if (!before.equals(identity)) {
            throw new ConfigurationException("The work directory holds the state of another deployment for this environment: " + file
                    + " belongs to " + before + ", and this run is for " + identity + ". Use another 'apim.workDir' (or 'apim.env') "
                    + "for this deployment, or remove that file if its deployment is gone. Nothing was changed.");
        }
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** A section's values as they are on disk now (empty when it has none). */
    public Map<String, String> read(String section) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode s = read().get(section);
        if (s != null) {
            s.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        }
        return out;
    }

    /** Replaces a section (empty: removes it), keeping the others as they are on disk; atomic. */
    public synchronized void write(String section, Map<String, String> values) {
        ObjectNode root = (ObjectNode) read();
        ObjectNode id = root.putObject("deployment");
        identity.forEach(id::put);
        if (values.isEmpty()) {
            root.remove(section);
        } else {
            ObjectNode s = root.putObject(section);
            values.forEach(s::put);
        }
        try {
            AtomicWrite.text(file, JSON.writeValueAsString(root) + "\n");
        } catch (JacksonException e) {
            throw new ApimException("Cannot write the state file " + file + ": " + e.getMessage(), e);
        }
    }

    private JsonNode read() {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return n != null && n.isObject() ? n : JSON.createObjectNode();
        } catch (IOException | JacksonException e) {
            throw new ConfigurationException("The state file " + file + " cannot be read (" + e.getMessage()
                    + "). Restore it from the backup of the work directory, or remove it to start the state afresh.");
        }
    }
}
