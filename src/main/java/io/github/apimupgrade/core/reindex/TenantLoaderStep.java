package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.NodeRole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runbook Steps 2.6.2 and 2.6.6: with more than one tenant in the registry, the tenant loader jar
 * ({@code apim.reindex.tenantLoader}) goes into {@code <NEW_HOME>/repository/components/dropins}
 * so that every tenant is loaded and indexed at the next start; after that start,
 * {@code -Dapim.reindex.finish=true} removes it again ({@link #removal()}).
 */
public final class TenantLoaderStep implements Step {
    public static final String PROPERTY = "apim.reindex.tenantLoader";
    /** The operator's choice to do without the tenant loader. */
    public static final String NONE = "none";
    private static final Pattern COORDINATES = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+)*");
    private final boolean remove;
    private final JdbcDrivers.ArtifactResolver resolver;

    private TenantLoaderStep(boolean remove, JdbcDrivers.ArtifactResolver resolver) {
        this.remove = remove;
        this.resolver = resolver;
    }

    /** {@code resolver} turns {@code groupId:artifactId:version} in the property into a jar (the Mojo uses Maven's). */
    public static TenantLoaderStep placement(JdbcDrivers.ArtifactResolver resolver) {
        return new TenantLoaderStep(false, resolver);
    }

    public static TenantLoaderStep removal(JdbcDrivers.ArtifactResolver resolver) {
        return new TenantLoaderStep(true, resolver);
    }

    @Override public String id() { return remove ? "tenant-loader-remove" : "tenant-loader-place"; }
    @Override public Goal goal() { return Goal.REINDEX; }
    @Override public String summary() {
        return remove ? "remove the tenant loader jar from dropins (after the server has indexed)"
                : "put the tenant loader jar into dropins when the registry has more than one tenant";
    }
    @Override public String provenance() { return remove ? "runbook Step 2.6.6" : "runbook Step 2.6.2"; }
    @Override public Set<NodeRole> roles() { return NewHomeFiles.INDEXING_ROLES; }

    private static Path dropins(StepContext context) {
        return context.settings().newHome().orElseThrow().resolve("repository/components/dropins");
    }

    /** The jar named by the property: a path, or Maven coordinates when no such file exists. */
    private Optional<Path> jar(StepContext context) {
        return context.settings().properties().get(PROPERTY).filter(v -> !NONE.equalsIgnoreCase(v)).map(v -> {
            Path path = Path.of(v).toAbsolutePath().normalize();
            return Files.exists(path) || !COORDINATES.matcher(v).matches() ? path : resolver.resolve(v);
        });
    }

    /** Jars this step placed: the given jar's name, or any tenantloader*.jar when none is given. */
    private List<Path> placed(StepContext context) throws IOException {
        Path dir = dropins(context);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Optional<String> name = jar(context).map(j -> j.getFileName().toString());
        try (var s = Files.list(dir)) {
            return s.filter(p -> name.map(n -> p.getFileName().toString().equals(n))
                    .orElse(p.getFileName().toString().toLowerCase().startsWith("tenantloader"))).toList();
        }
    }

    @Override
    public Probe probe(StepContext context) {
        if (context.settings().newHome().isEmpty()) {
            return Probe.notApplicable("apim.newHome is not set");
        }
        try {
            if (remove) {
                List<Path> jars = placed(context);
                return jars.isEmpty() ? Probe.done("no tenant loader in dropins") : Probe.applicable(jars + " to remove");
            }
            if (ReindexMarker.covering(context).isPresent()) {
                return Probe.done("the server has run for indexing under the current re_indexing value (tenant loader placed then)");
            }
            long tenants = context.withConnection(DbKey.SHARED, c -> new RegLogCompaction(
                    context.databases().settings(DbKey.SHARED).dialect(), 1, context.log()).tenants(c));
            if (tenants <= 1) {
                return Probe.notApplicable("the registry holds " + tenants + " tenant(s); the tenant loader is for several");
            }
            if (NONE.equalsIgnoreCase(context.settings().properties().get(PROPERTY, ""))) {
                return Probe.notApplicable(PROPERTY + "=none: the " + tenants + " tenants are indexed when each is first loaded, "
                        + "not all at the next start");
            }
            if (jar(context).isEmpty()) {
                return Probe.blocked("the registry holds " + tenants + " tenants: set '" + PROPERTY
                        + "' to the tenantloader-1.0.jar the runbook links (Step 2.6.2): its path, or groupId:artifactId:version "
                        + "after 'mvn install:install-file', or to 'none' to let each tenant be indexed when it is first loaded");
            }
            if (!Files.isRegularFile(jar(context).get())) {
                return Probe.blocked("'" + PROPERTY + "' names " + jar(context).get() + ", which does not exist");
            }
            return Files.exists(dropins(context).resolve(jar(context).get().getFileName()))
                    ? Probe.done("tenant loader already in dropins (" + tenants + " tenants)")
                    : Probe.applicable(tenants + " tenants in the registry");
        } catch (IOException e) {
            throw new ApimException("Cannot read " + dropins(context) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        String text = remove ? "delete " + dropins(context) + "/" + jar(context).map(j -> j.getFileName().toString()).orElse("tenantloader*.jar")
                : "copy " + jar(context).orElseThrow() + " -> " + dropins(context) + "/; start the server once, let it index, "
                        + "stop it, then run apim:reindex -Dapim.reindex.finish=true";
        return List.of(new PlannedAction(PlannedAction.Kind.FILE, dropins(context).toString(), text));
    }

    @Override
    public void apply(StepContext context) {
        try {
            if (remove) {
                for (Path p : placed(context)) {
                    Files.delete(p);
                    FaultInjector.afterFile();
                }
                return;
            }
            Files.createDirectories(dropins(context));
            Path src = jar(context).orElseThrow();
            Path tmp = dropins(context).resolve(src.getFileName() + ".apim-tmp");
            Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dropins(context).resolve(src.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            FaultInjector.afterFile();
            context.log().info("  Start the 3.1.0 server once so that it indexes every tenant, stop it, then run "
                    + "apim:reindex -Dapim.reindex.finish=true to remove the tenant loader (runbook Step 2.6.6).");
        } catch (IOException e) {
            throw new ApimException("Cannot change " + dropins(context) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.APPLICABLE) || p.is(Probe.Status.BLOCKED) ? Verification.failed(p.reason()) : Verification.ok(p.reason());
    }
}
