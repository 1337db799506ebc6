package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.config.LineDiff;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.NodeRole;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runbook's closing "Important" note as a step: every tenant's
 * {@code /_system/config/apimgt/applicationdata/tenant-conf.json} is read from the registry database,
 * the roles that hold API-M permissions but that no scope names are listed, and the configured
 * role-to-scope mapping is written into the JSON of each tenant that has the role. Tenants with
 * nothing to add are not written at all. All tenants are written in one transaction.
 */
public final class ScopeRoleMapping implements Step {
    public static final String PATH = "/_system/config/apimgt/applicationdata";
    public static final String NAME = "tenant-conf.json";
    static final int SUPER_TENANT = -1234;

    private final Map<String, List<String>> mappings;
    private Analysis cached;

    public ScopeRoleMapping(Map<String, List<String>> mappings) {
        this.mappings = mappings;
    }

    /** One tenant's tenant-conf.json as stored, and what this step would make of it. */
    public record Tenant(int id, String domain, long contentId, byte[] stored, TenantConf before, TenantConf after,
                         Set<String> roles, boolean rolesKnown, List<String> unmapped) {
        public boolean changes() {
            return after != before;
        }
    }

    /** All tenants, and the database the registry lives in. */
    public record Analysis(DbKey registry, List<Tenant> tenants) {
        public List<Tenant> changing() {
            return tenants.stream().filter(Tenant::changes).toList();
        }
    }

    @Override
    public String id() {
        return "scope-role-mapping";
    }

    @Override
    public Goal goal() {
        return Goal.MIGRATE_IDENTITY;
    }

    @Override
    public String summary() {
        return "Map custom roles to the REST API scopes in each tenant's " + PATH + "/" + NAME;
    }

    @Override
    public String provenance() {
        return "runbook, closing \"Important\" note (scope-role mapping in tenant-conf.json); users' pain #9";
    }

    @Override
    public Set<NodeRole> roles() {
        return EnumSet.of(NodeRole.ALL_IN_ONE, NodeRole.PUBLISHER, NodeRole.DEVPORTAL, NodeRole.KEY_MANAGER);
    }

    public static DbKey registryKey(StepContext context) {
        return context.databases().isConfigured(DbKey.CONFIG) ? DbKey.CONFIG : DbKey.SHARED;
    }

    public static DbKey userStoreKey(StepContext context) {
        return context.settings().userStore();
    }

    public Analysis analyse(StepContext context) {
        if (cached == null) {
            cached = read(context);
        }
        return cached;
    }

    @Override
    public Probe probe(StepContext context) {
        Analysis a = analyse(context);
        if (a.tenants().isEmpty()) {
            return Probe.notApplicable("no tenant has " + PATH + "/" + NAME + " in the registry yet");
        }
        long unmapped = a.tenants().stream().filter(t -> !t.unmapped().isEmpty()).count();
        if (mappings.isEmpty()) {
            return unmapped == 0 ? Probe.notApplicable("no role mapping configured, and no custom role with API-M permissions lacks a scope")
                    : Probe.notApplicable("no role mapping configured (apim.roleMapping.<role>); " + unmapped
                    + " tenant(s) have custom roles with API-M permissions that no scope maps (listed below)");
        }
        List<Tenant> changing = a.changing();
        return changing.isEmpty() ? Probe.done("every mapped role is already in its scopes in all " + a.tenants().size() + " tenant(s)")
                : Probe.applicable(changing.size() + " of " + a.tenants().size() + " tenant(s) get roles added to scopes");
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        List<PlannedAction> out = new ArrayList<>();
        for (Tenant t : analyse(context).tenants()) {
            String who = "tenant " + t.domain() + " (" + t.id() + ")";
            if (!t.changes()) {
                out.add(PlannedAction.note(who, who + ": unchanged"));
                continue;
            }
            StringBuilder sb = new StringBuilder(who + ": " + NAME + " JSON diff:");
            t.before().semanticDiff(t.after()).forEach(l -> sb.append("\n  ").append(l));
            for (String l : LineDiff.diff(lines(t.before().text()), lines(t.after().text()))) {
                sb.append("\n  ").append(l);
            }
            out.add(PlannedAction.note(who, sb.toString()));
        }
        return out;
    }

    /** Lists, per tenant, the custom roles with API-M permissions that no scope maps, whether or not mapping is configured. */
    public void report(StepContext context) {
        for (Tenant t : analyse(context).tenants()) {
            if (!t.unmapped().isEmpty()) {
                List<String> stillUnmapped = t.unmapped().stream()
                        .filter(r -> !t.after().mappedRoles().contains(r)).toList();
                if (!stillUnmapped.isEmpty()) {
                    context.log().warn("Tenant " + t.domain() + ": role(s) " + String.join(", ", stillUnmapped)
                            + " hold API-M permissions but no scope in " + NAME + " names them; their users will get 403 in 3.1.0. "
                            + "Map them with apim.roleMapping.<role>=<scope>,... (see docs: migrate-identity).");
                }
            }
            if (!t.rolesKnown() && !mappings.isEmpty()) {
                context.log().warn("Tenant " + t.domain() + ": the user store tables (UM_ROLE) were not found in "
                        + userStoreKey(context).label() + "; the role mapping is applied to this tenant without checking the role exists.");
            }
        }
    }

    @Override
    public void apply(StepContext context) {
        Analysis a = analyse(context);
        context.withConnection(a.registry(), c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE REG_CONTENT SET REG_CONTENT_DATA = ? WHERE REG_CONTENT_ID = ? AND REG_TENANT_ID = ?")) {
                for (Tenant t : a.changing()) {
                    ps.setBytes(1, t.after().text().getBytes(StandardCharsets.UTF_8));
                    ps.setLong(2, t.contentId());
                    ps.setInt(3, t.id());
                    if (ps.executeUpdate() != 1) {
                        throw new ApimException("The registry content row " + t.contentId() + " of tenant " + t.domain()
                                + " was not updated; nothing was committed.");
                    }
                    FaultInjector.afterStatement();
                    context.log().info("    tenant " + t.domain() + ": " + String.join("; ", t.before().semanticDiff(t.after())));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
        cached = null;
    }

    @Override
    public Verification verify(StepContext context) {
        Analysis now = read(context);
        List<String> wrong = now.tenants().stream().filter(Tenant::changes).map(Tenant::domain).toList();
        cached = null;
        return wrong.isEmpty() ? Verification.ok("every tenant's " + NAME + " maps the configured roles")
                : Verification.failed("still missing roles in " + wrong);
    }

    // ---- reading

    private Analysis read(StepContext context) {
        DbKey registry = registryKey(context);
        Map<Integer, Stored> stored = context.withConnection(registry, ScopeRoleMapping::readStored);
        DbKey users = userStoreKey(context);
        UserStore us = context.withConnection(users, c -> UserStore.read(c, context.databases().settings(users).dialect()));
        List<Tenant> tenants = new ArrayList<>();
        for (Map.Entry<Integer, Stored> e : stored.entrySet()) {
            int id = e.getKey();
            String domain = id == SUPER_TENANT ? "carbon.super" : us.domains().getOrDefault(id, "tenant-" + id);
            TenantConf before = TenantConf.of("tenant-conf.json of tenant " + domain,
                    new String(e.getValue().data(), StandardCharsets.UTF_8));
            Set<String> roles = us.roles().getOrDefault(id, Set.of());
            boolean known = us.available();
            Map<String, List<String>> applicable = new TreeMap<>();
            mappings.forEach((role, scopes) -> {
                if (!known || roles.contains(role)) {
                    applicable.put(role, scopes);
                }
            });
            TenantConf after = before.withRoles(applicable);
            Set<String> mapped = before.mappedRoles();
            List<String> unmapped = us.apimRoles().getOrDefault(id, Set.of()).stream()
                    .filter(r -> !mapped.contains(r) && !r.equals("admin")).sorted().toList();
            tenants.add(new Tenant(id, domain, e.getValue().contentId(), e.getValue().data(), before, after, roles, known, unmapped));
        }
        return new Analysis(registry, tenants);
    }

    private record Stored(long contentId, byte[] data) {
    }

    private static Map<Integer, Stored> readStored(Connection c) throws SQLException {
        Map<Integer, Stored> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT R.REG_TENANT_ID, C.REG_CONTENT_ID, C.REG_CONTENT_DATA FROM REG_PATH P "
                        + "JOIN REG_RESOURCE R ON R.REG_PATH_ID = P.REG_PATH_ID AND R.REG_TENANT_ID = P.REG_TENANT_ID "
                        + "JOIN REG_CONTENT C ON C.REG_CONTENT_ID = R.REG_CONTENT_ID AND C.REG_TENANT_ID = R.REG_TENANT_ID "
                        + "WHERE P.REG_PATH_VALUE = ? AND R.REG_NAME = ? ORDER BY R.REG_TENANT_ID")) {
            ps.setString(1, PATH);
            ps.setString(2, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int tenant = rs.getInt(1);
                    if (out.containsKey(tenant)) {
                        throw new ApimException("Tenant " + tenant + " has more than one " + PATH + "/" + NAME
                                + " in the registry (versioned copies?); run apim:migrate-db first, which cleans registry versions.");
                    }
                    byte[] data = rs.getBytes(3);
                    out.put(tenant, new Stored(rs.getLong(2), data == null ? new byte[0] : data));
                }
            }
        }
        return out;
    }

    private static List<String> lines(String s) {
        return Arrays.asList(s.split("\n", -1));
    }

    /** What the user store tables tell about tenants and roles, when they are in the database. */
    record UserStore(boolean available, Map<Integer, String> domains, Map<Integer, Set<String>> roles,
                     Map<Integer, Set<String>> apimRoles) {

        static UserStore read(Connection c, io.github.apimupgrade.core.db.Dialect dialect) throws SQLException {
            Catalog catalog = new Catalog(c, dialect);
            Map<Integer, String> domains = new LinkedHashMap<>();
            Map<Integer, Set<String>> roles = new LinkedHashMap<>();
            Map<Integer, Set<String>> apim = new LinkedHashMap<>();
            if (catalog.tableExists("UM_TENANT")) {
                query(c, "SELECT UM_ID, UM_DOMAIN_NAME FROM UM_TENANT", rs -> domains.put(rs.getInt(1), rs.getString(2)));
            }
            boolean available = catalog.tableExists("UM_ROLE");
            if (available) {
                query(c, "SELECT UM_TENANT_ID, UM_ROLE_NAME FROM UM_ROLE",
                        rs -> roles.computeIfAbsent(rs.getInt(1), k -> new LinkedHashSet<>()).add(rs.getString(2)));
            }
            if (catalog.tableExists("UM_HYBRID_ROLE")) {
                query(c, "SELECT UM_TENANT_ID, UM_ROLE_NAME FROM UM_HYBRID_ROLE",
                        rs -> roles.computeIfAbsent(rs.getInt(1), k -> new LinkedHashSet<>()).add(internal(rs.getString(2))));
            }
            if (catalog.tableExists("UM_ROLE_PERMISSION") && catalog.tableExists("UM_PERMISSION")) {
                boolean domainsTable = catalog.tableExists("UM_DOMAIN");
                String sql = "SELECT RP.UM_TENANT_ID, RP.UM_ROLE_NAME, " + (domainsTable ? "D.UM_DOMAIN_NAME" : "NULL")
                        + " FROM UM_ROLE_PERMISSION RP JOIN UM_PERMISSION P ON P.UM_ID = RP.UM_PERMISSION_ID AND P.UM_TENANT_ID = RP.UM_TENANT_ID"
                        + (domainsTable ? " LEFT JOIN UM_DOMAIN D ON D.UM_DOMAIN_ID = RP.UM_DOMAIN_ID AND D.UM_TENANT_ID = RP.UM_TENANT_ID" : "")
                        + " WHERE RP.UM_IS_ALLOWED = 1 AND (P.UM_RESOURCE_ID IN ('/permission', '/permission/admin', '/permission/admin/manage')"
                        + " OR P.UM_RESOURCE_ID LIKE '/permission/admin/manage/api%')";
                query(c, sql, rs -> {
                    String domain = rs.getString(3);
                    String name = rs.getString(2);
                    String full = domain == null || domain.equalsIgnoreCase("PRIMARY") ? name
                            : domain.equalsIgnoreCase("Internal") ? internal(name) : domain.toUpperCase() + "/" + name;
                    apim.computeIfAbsent(rs.getInt(1), k -> new LinkedHashSet<>()).add(full);
                });
            }
            return new UserStore(available, domains, roles, apim);
        }

        private static String internal(String name) {
            return name.startsWith("Internal/") ? name : "Internal/" + name;
        }

        private interface Row {
            void accept(ResultSet rs) throws SQLException;
        }

        private static void query(Connection c, String sql, Row row) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    /** The tenants' stored bytes, for callers and tests that compare before and after. */
    public static Map<Integer, byte[]> storedBytes(StepContext context) {
        Map<Integer, byte[]> out = new TreeMap<>();
        context.withConnection(registryKey(context), ScopeRoleMapping::readStored).forEach((k, v) -> out.put(k, v.data()));
        return out;
    }
}
