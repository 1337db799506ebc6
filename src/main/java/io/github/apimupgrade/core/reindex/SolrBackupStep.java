package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.NodeRole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runbook Step 2.6.4: back up {@code <NEW_HOME>/solr} and delete it. It is moved (not copied) into
 * the backup set directory ({@code apim.backup.dir}, relative to the work directory) when one is
 * configured, else to {@code <workDir>/solr-backup-<time>}.
 */
public final class SolrBackupStep implements Step {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Override public String id() { return "solr-index-backup"; }
    @Override public Goal goal() { return Goal.REINDEX; }
    @Override public String summary() { return "move <NEW_HOME>/solr into the backup set, so 3.1.0 rebuilds the index"; }
    @Override public String provenance() { return "runbook Step 2.6.4"; }
    @Override public Set<NodeRole> roles() { return NewHomeFiles.INDEXING_ROLES; }

    private static Optional<Path> solr(StepContext context) {
        return context.settings().newHome().map(h -> h.resolve("solr"));
    }

    static Path target(StepContext context) {
        String stamp = LocalDateTime.now().format(TIME);
        return context.settings().properties().get("apim.backup.dir")
                .map(d -> context.settings().workDir().resolve(d).normalize().resolve("solr-" + context.settings().env() + "-" + stamp))
                .orElse(context.settings().workDir().resolve("solr-backup-" + stamp));
    }

    @Override
    public Probe probe(StepContext context) {
        Optional<Path> solr = solr(context);
        if (solr.isEmpty()) {
            return Probe.notApplicable("apim.newHome is not set");
        }
        if (ReindexMarker.covering(context).isPresent()) {
            return Probe.done(solr.get() + " is the index 3.1.0 built after re-indexing");
        }
        return Files.exists(solr.get()) ? Probe.applicable(solr.get() + " exists") : Probe.done("there is no " + solr.get());
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        return List.of(new PlannedAction(PlannedAction.Kind.FILE, solr(context).orElseThrow().toString(),
                "move " + solr(context).orElseThrow() + " -> " + target(context)));
    }

    @Override
    public void apply(StepContext context) {
        Path to = target(context);
        NewHomeFiles.move(solr(context).orElseThrow(), to);
        FaultInjector.afterFile();
        context.log().info("  solr index moved to " + to);
    }

    @Override
    public Verification verify(StepContext context) {
        return Files.exists(solr(context).orElseThrow()) ? Verification.failed("solr is still there") : Verification.ok("solr moved");
    }
}
