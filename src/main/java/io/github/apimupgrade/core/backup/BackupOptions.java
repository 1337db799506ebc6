package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The settings of {@code backup} and {@code restore}, read from the layered properties:
 * <ul>
 * <li>{@code apim.backup.dir} (default {@code ${apim.workDir}/backups}, relative to the work dir): the root that holds the sets;</li>
 * <li>{@code apim.backup.compress} (false): gzip every dump and file in the set (smaller, slower);</li>
 * <li>{@code apim.backup.verify} (false): after the backup, re-read the set and check it; on its own
 *     ({@code -Dapim.backup.verify=true} with {@code apim.restore.verifyOnly}) it is the verify mode;</li>
 * <li>{@code apim.backup.threads} (2): tables dumped (and loaded) at the same time;</li>
 * <li>{@code apim.backup.ignoreRunningServer} (false): skip the "server stopped" pre-flight;</li>
 * <li>{@code apim.restore.set}: the set to restore (its name under the root, or a path); default the
 *     newest complete set of {@code apim.env};</li>
 * <li>{@code apim.restore.overwrite} (false): replace non-empty databases and directories;</li>
 * <li>{@code apim.restore.verifyOnly} (false): check the set, restore nothing;</li>
 * <li>{@code apim.restore.databases} / {@code apim.restore.files} (true): what to put back;</li>
 * <li>{@code apim.restore.analyze} (false): run ANALYZE on a restored PostgreSQL database (pg_restore and psql do not;
 *     autovacuum analyses the loaded tables soon after);</li>
 * <li>{@code apim.progress.intervalSeconds} (10): how often progress lines are logged.</li>
 * </ul>
 */
public record BackupOptions(Path root, boolean compress, boolean verify, int threads, boolean ignoreRunningServer,
                            Optional<String> restoreSet, boolean overwrite, boolean verifyOnly,
                            boolean restoreDatabases, boolean restoreFiles, boolean analyze, int progressSeconds) {

    public static BackupOptions from(UpgradeSettings settings) {
        LayeredProperties p = settings.properties();
        // A relative apim.backup.dir is resolved against apim.workDir (itself absolute by then).
        Path root = p.get("apim.backup.dir").map(Path::of).map(d -> settings.workDir().resolve(d))
                .orElse(settings.workDir().resolve("backups")).normalize();
        for (Optional<Path> home : List.of(settings.oldHome(), settings.newHome())) {
            if (home.isPresent() && root.toAbsolutePath().startsWith(home.get().toAbsolutePath().normalize())) {
                throw new ConfigurationException("'apim.backup.dir' (" + root + ") is inside the API-M home " + home.get()
                        + ": each set would copy the earlier ones, and a restore that replaces a folder would remove them. "
                        + "Set 'apim.backup.dir' to a folder outside both homes. Nothing was changed.");
            }
        }
        return new BackupOptions(root,
                p.flag("apim.backup.compress", false),
                p.flag("apim.backup.verify", false),
                p.positive("apim.backup.threads", 2),
                p.flag("apim.backup.ignoreRunningServer", false),
                p.get("apim.restore.set"),
                p.flag("apim.restore.overwrite", false),
                p.flag("apim.restore.verifyOnly", false),
                p.flag("apim.restore.databases", true),
                p.flag("apim.restore.files", true),
                p.flag("apim.restore.analyze", false),
                p.positive("apim.progress.intervalSeconds", 10));
    }
}
