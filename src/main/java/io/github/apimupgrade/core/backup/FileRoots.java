package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The folders of the deployment that a backup set copies (runbook Step 1.1 and what the upgrade touches). */
final class FileRoots {
    /** A folder: its label (folder under {@code files/} in the set), the home it belongs to, and its path under it. */
    record Root(String label, String home, String relative) {
        Optional<Path> resolve(UpgradeSettings settings) {
            return ("old".equals(home) ? settings.oldHome() : settings.newHome()).map(h -> h.resolve(relative));
        }

        String homeProperty() {
            return "old".equals(home) ? "apim.oldHome" : "apim.newHome";
        }
    }

    static final List<Root> ALL = List.of(
            new Root("synapse-configs", "old", "repository/deployment/server/synapse-configs"),
            new Root("tenants", "old", "repository/tenants"),
            new Root("executionplans", "old", "repository/deployment/server/executionplans"),
            new Root("dropins", "old", "repository/components/dropins"),
            new Root("lib", "old", "repository/components/lib"),
            new Root("security", "old", "repository/resources/security"),
            new Root("conf", "old", "repository/conf"),
            new Root("solr", "new", "solr"));

    private FileRoots() {
    }

    static List<Root> byLabel(List<String> labels) {
        List<Root> out = new ArrayList<>();
        for (String l : labels) {
            ALL.stream().filter(r -> r.label().equals(l)).findFirst().ifPresent(out::add);
        }
        return out;
    }
}
