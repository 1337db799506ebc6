package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.check.Findings;
import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.server.AdminLogins;
import io.github.apimupgrade.core.server.ApiInventory;
import io.github.apimupgrade.core.server.ApimServer;
import io.github.apimupgrade.core.server.ServerFailedException;
import io.github.apimupgrade.core.server.ServingChecks;
import io.github.apimupgrade.core.server.StartGoal;
import io.github.apimupgrade.core.server.StartOptions;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.NodeRole;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runbook Steps 2.6.5-2.6.6, driven instead of printed ({@code apim.reindex.run=true}): with the
 * tenant loader in place and the counter raised, start the 3.1.0 server, wait until its registry
 * index finds every API of every tenant (the Publisher's search, per tenant admin), stop it, and
 * remove the tenant loader. Only then is the work directory's marker written; a run killed at any
 * point before is done again by the next run, which first stops the server the killed run left.
 */
public final class ReindexServerRunStep implements Step {
    public static final String RUN = "apim.reindex.run";
    /** The index is proven through the Publisher REST API, which these node profiles serve. */
    private static final Set<NodeRole> ROLES = EnumSet.of(NodeRole.ALL_IN_ONE, NodeRole.PUBLISHER);
    static final String FILE = "reindex-index.json";
    private final CredentialSource credentials;
    private final JdbcDrivers.ArtifactResolver resolver;

    public ReindexServerRunStep(CredentialSource credentials, JdbcDrivers.ArtifactResolver resolver) {
        this.credentials = credentials;
        this.resolver = resolver;
    }

    @Override public String id() { return "reindex-server-run"; }
    @Override public Goal goal() { return Goal.REINDEX; }
    @Override public String summary() {
        return "start the 3.1.0 server, wait until the registry index finds every tenant's APIs, stop it, remove the tenant loader";
    }
    @Override public String provenance() { return "runbook Steps 2.6.5-2.6.6"; }
    @Override public Set<NodeRole> roles() { return ROLES; }

    private AdminLogins admins(StepContext context) {
        return new AdminLogins(context.settings().properties(), credentials);
    }

    @Override
    public Probe probe(StepContext context) {
        if (context.settings().newHome().isEmpty()) {
            return Probe.notApplicable("apim.newHome is not set");
        }
        if (!context.settings().properties().flag(RUN, false)) {
            return Probe.notApplicable(RUN + " is false: start the server once yourself (runbook Step 2.6.5), stop it, then run "
                    + "apim:reindex -Dapim.reindex.finish=true");
        }
        if (ReindexMarker.current(context).isEmpty()) {
            return Probe.blocked("there is no " + ReIndexingStep.toml(context).orElseThrow());
        }
        if (ReindexMarker.covering(context).map(ReindexMarker.Indexed::verified).orElse(false)) {
            return Probe.done("the server indexed under re_indexing = " + ReindexMarker.current(context).get()
                    + " and the index found every tenant's APIs");
        }
        ApiInventory inventory = ApiInventory.read(context);
        AdminLogins admins = admins(context);
        List<String> missing = inventory.byTenant().keySet().stream().filter(t -> !admins.has(t)).map(AdminLogins::property).toList();
        if (!admins.has(ApiInventory.SUPER_TENANT) || !missing.isEmpty()) {
            return Probe.blocked("the index is proven per tenant through the Publisher REST API, as each tenant's admin: set "
                    + (missing.isEmpty() ? AdminLogins.PROPERTY : String.join(", ", missing))
                    + " to settings.xml <server> entries with the tenant admins' credentials");
        }
        return Probe.applicable(inventory.size() + " API(s) in " + inventory.byTenant().size() + " tenant(s) to find in the index");
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        StartOptions o = StartOptions.from(context.settings());
        return List.of(PlannedAction.note("server", "cd " + o.home() + " && " + ApimServer.command(o, context.settings().workDir()).display()
                + "; wait for the Publisher's search to find every API of AM_API per tenant (up to " + o.indexTimeout().toSeconds()
                + " s); stop the server; remove the tenant loader from repository/components/dropins"));
    }

    @Override
    public void apply(StepContext context) {
        StartOptions o = StartOptions.from(context.settings());
        ApimServer.ensureFree(o, context.settings().workDir(), context.log());
        ApiInventory inventory = ApiInventory.read(context);
        AdminLogins admins = admins(context);
        inventory.byTenant().keySet().forEach(admins::of);
        long reIndexing = ReindexMarker.current(context).orElseThrow();
        StartGoal.releaseEmbeddedDatabases(context);
        // from the first start on, solr/ holds the 3.1.0 index being built: a re-run after a kill must keep it
        if (ReindexMarker.covering(context).isEmpty()) {
            ReindexMarker.write(context, reIndexing, false);
        }
        ApimServer.Started server = ApimServer.start(o, context.settings().workDir(), context.log());
        List<Finding> findings;
        try {
            FaultInjector.afterBatch();
            findings = new ServingChecks(o, inventory, admins, server, context.log()).publisher();
            FaultInjector.afterBatch();
        } finally {
            server.process().stop();
        }
        Findings.report(context, Goal.REINDEX.id(), FILE, findings);
        if (Findings.count(findings, Finding.Status.FAIL) > 0) {
            throw new ServerFailedException("The server did not index every tenant's APIs: " + Findings.firstFailure(findings)
                    + ". The tenant loader stays in place; run apim:reindex again.");
        }
        FaultInjector.afterBatch();
        TenantLoaderStep removal = TenantLoaderStep.removal(resolver);
        if (removal.probe(context).is(Probe.Status.APPLICABLE)) {
            removal.apply(context);
        }
        ReindexMarker.write(context, reIndexing, true);
        context.log().info("  the index finds every API of " + inventory.byTenant().keySet().stream().collect(Collectors.joining(", "))
                + "; tenant loader removed");
    }

    @Override
    public Verification verify(StepContext context) {
        boolean verified = ReindexMarker.covering(context).map(ReindexMarker.Indexed::verified).orElse(false);
        Probe loader = TenantLoaderStep.removal(resolver).probe(context);
        return verified && !loader.is(Probe.Status.APPLICABLE) ? Verification.ok("indexed; " + loader.reason())
                : Verification.failed("index verified: " + verified + "; " + loader.reason());
    }
}
