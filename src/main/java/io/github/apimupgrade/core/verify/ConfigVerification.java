package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.migrateconfig.ConfigState;
import io.github.apimupgrade.core.migrateconfig.TomlKey;
import io.github.apimupgrade.core.path.StepContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The new home as migrate-config left it: every deployment.toml key it wrote still holds that value,
 * and every file it copied is in place with the same SHA-256. Embedded H2 files are left out: migrate-db
 * upgrades them after the copy, by design.
 */
final class ConfigVerification {
    /** Keys that goals after migrate-config may change on purpose (migrate-identity, migrate-analytics, reindex). */
    private static final java.util.Set<String> LATER_GOALS = java.util.Set.of("user_store.type", "indexing.re_indexing",
            "indexing.frequency", "apim.analytics.enable");

    private ConfigVerification() {
    }

    static List<Finding> check(StepContext context) {
        List<Finding> out = new ArrayList<>();
        if (context.settings().newHome().isEmpty()) {
            return out;
        }
        Path home = context.settings().newHome().get();
        ConfigState state = ConfigState.load(context.settings());
        Path toml310 = home.resolve("repository/conf/deployment.toml");
        if (!state.exists() && Files.isRegularFile(toml310)
                && !Files.exists(toml310.resolveSibling("deployment.toml.apim-orig"))) {
            // neither this work directory nor the home (migrate-config keeps the pack's file as .apim-orig) knows of a run
            out.add(Finding.fail("config", toml310 + " was never migrated: no migrate-config state, no deployment.toml.apim-orig",
                    "run apim:migrate-config"));
            return out;
        }
        if (!state.exists()) {
            out.add(Finding.warn("config", "migrate-config has not run with this work directory (no " + state.file().getFileName()
                    + "): deployment.toml and the copied files are not checked", "run apim:migrate-config first"));
            return out;
        }
        Path tomlFile = home.resolve("repository/conf/deployment.toml");
        DeploymentToml toml = DeploymentToml.read(tomlFile);
        List<String> changedKeys = new ArrayList<>();
        for (String dotted : state.recorded("toml")) {
            int dot = dotted.lastIndexOf('.');
            String table = dot < 0 ? "" : dotted.substring(0, dot);
            String key = dotted.substring(dot + 1);
            Object now = toml.get(table, key).orElse(null);
            if (!LATER_GOALS.contains(dotted)
                    && !state.matches(state.tomlKey(dotted), now, TomlKey.isPasswordKey(key))) {
                changedKeys.add("[" + table + "] " + key);
            }
        }
        out.add(changedKeys.isEmpty()
                ? Finding.pass("config", "deployment.toml holds the " + state.recorded("toml").size() + " key(s) migrate-config wrote")
                : Finding.fail("config", "deployment.toml differs from what migrate-config wrote: " + String.join(", ", changedKeys),
                "run apim:migrate-config again (it reports hand edits as conflicts) or review the changes"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String name : state.recorded("file")) {
            if (name.startsWith("repository/database/")) {
                continue;
            }
            checked++;
            Path f = home.resolve(name);
            if (!Files.isRegularFile(f) || !Checksums.sha256(f).equals(state.file(name).orElse(""))) {
                missing.add(name);
            }
        }
        out.add(missing.isEmpty()
                ? Finding.pass("artifacts", checked + " file(s) copied by migrate-config are in place, unchanged")
                : Finding.fail("artifacts", missing.size() + " file(s) copied by migrate-config are missing or changed: "
                + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + (missing.size() > 5 ? ", ..." : ""),
                "run apim:migrate-config again"));
        return out;
    }
}
