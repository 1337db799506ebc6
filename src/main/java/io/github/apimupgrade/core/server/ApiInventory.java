package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DbKey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The APIs WSO2AM_DB holds ({@code AM_API}), per tenant domain: what the Publisher of the upgraded
 * node must list. A provider's tenant is the part after its last '@' when that is a tenant of the
 * user store ({@code UM_TENANT}), or whenever the user store has no tenant table; otherwise (an
 * e-mail user name of the super tenant) it is the super tenant.
 */
public record ApiInventory(Map<String, SortedSet<ApiId>> byTenant) {
    public static final String SUPER_TENANT = "carbon.super";

    public ApiInventory {
        Map<String, SortedSet<ApiId>> copy = new TreeMap<>();
        byTenant.forEach((t, apis) -> copy.put(t, Collections.unmodifiableSortedSet(new TreeSet<>(apis))));
        byTenant = Collections.unmodifiableMap(copy);
    }

    public static ApiInventory read(StepContext context) {
        Set<String> tenants = knownTenants(context);
        return context.withCatalog(DbKey.APIM, c -> {
            Map<String, SortedSet<ApiId>> out = new TreeMap<>();
            try (Statement s = c.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT API_NAME, API_VERSION, API_PROVIDER FROM AM_API")) {
                while (rs.next()) {
                    ApiId api = new ApiId(rs.getString(1), rs.getString(2), rs.getString(3));
                    out.computeIfAbsent(tenantOf(api.provider(), tenants), t -> new TreeSet<>()).add(api);
                }
            }
            return new ApiInventory(out);
        });
    }

    /** The tenant domains of the user store, or null when it has no UM_TENANT table. */
    private static Set<String> knownTenants(StepContext context) {
        DbKey users = context.settings().userStore();
        if (!context.databases().isConfigured(users)) {
            return null;
        }
        return context.withCatalog(users, ApiInventory::tenantDomains);
    }

    private static Set<String> tenantDomains(Catalog c) throws SQLException {
        if (!c.tableExists("UM_TENANT")) {
            return null;
        }
        Set<String> out = new HashSet<>();
        try (Statement s = c.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT UM_DOMAIN_NAME FROM UM_TENANT")) {
            while (rs.next()) {
                out.add(rs.getString(1).toLowerCase());
            }
        }
        return out;
    }

    static String tenantOf(String provider, Set<String> tenants) {
        int at = provider.lastIndexOf('@');
        if (at < 0) {
            return SUPER_TENANT;
        }
        String domain = provider.substring(at + 1).toLowerCase();
        return tenants == null || tenants.contains(domain) ? domain : SUPER_TENANT;
    }

    public int size() {
        return byTenant.values().stream().mapToInt(Set::size).sum();
    }
}
