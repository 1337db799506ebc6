package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One tenant's {@code tenant-conf.json}, edited in place: Jackson's streaming parser gives the exact
 * characters of each {@code RESTAPIScopes.Scope[].Roles} string, only those characters are
 * replaced, and the result is parsed again and compared as a tree with the intended one. Every other
 * key, its order, the spacing and the line breaks stay as they were.
 */
public final class TenantConf {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String label;
    private final String text;
    private final JsonNode tree;

    private TenantConf(String label, String text) {
        this.label = label;
        this.text = text;
        try {
            this.tree = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new ApimUserException(label + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ApimUserException(label + " is not a JSON object.");
        }
    }

    public static TenantConf of(String label, String text) {
        return new TenantConf(label, text);
    }

    public String text() {
        return text;
    }

    public JsonNode tree() {
        return tree;
    }

    /** Scope name to the roles that scope lists, in file order. */
    public Map<String, List<String>> scopeRoles() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode scopes = tree.path("RESTAPIScopes").path("Scope");
        if (!scopes.isArray()) {
            throw new ApimUserException(label + " has no RESTAPIScopes.Scope list; is it an API-M tenant-conf.json?");
        }
        for (JsonNode s : scopes) {
            out.put(s.path("Name").asString(), split(s.path("Roles").asString("")));
        }
        return out;
    }

    /** Every role that some scope names. */
    public Set<String> mappedRoles() {
        Set<String> out = new LinkedHashSet<>();
        scopeRoles().values().forEach(out::addAll);
        return out;
    }

    static List<String> split(String roles) {
        List<String> out = new ArrayList<>();
        for (String r : roles.split(",")) {
            if (!r.isBlank()) {
                out.add(r.trim());
            }
        }
        return out;
    }

    /**
     * A copy where each role is added to the Roles of each of its scopes (when not already there).
     * Unknown scope names are refused; nothing else changes.
     */
    public TenantConf withRoles(Map<String, ? extends Collection<String>> scopesByRole) {
        Map<String, List<String>> current = scopeRoles();
        Map<String, List<String>> additions = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Collection<String>> e : scopesByRole.entrySet()) {
            for (String scope : e.getValue()) {
                if (!current.containsKey(scope)) {
                    throw new ApimUserException("Role mapping for '" + e.getKey() + "' names scope '" + scope + "', which "
                            + label + " does not define. Known scopes: " + String.join(", ", current.keySet()) + ".");
                }
                if (!current.get(scope).contains(e.getKey())) {
                    List<String> add = additions.computeIfAbsent(scope, k -> new ArrayList<>());
                    if (!add.contains(e.getKey())) {
                        add.add(e.getKey());
                    }
                }
            }
        }
        if (additions.isEmpty()) {
            return this;
        }
        List<int[]> spans = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        Map<String, Integer> found = new LinkedHashMap<>();
        try (JsonParser p = MAPPER.createParser(text)) {
            // depth-aware walk: root { RESTAPIScopes { Scope [ { Name, Roles } ] } }
            List<String> path = new ArrayList<>();
            String scopeName = null;
            int[] rolesSpan = null;
            String rolesValue = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        path.add(p.currentName() == null ? (t == JsonToken.START_ARRAY ? "[]" : "{}") : p.currentName());
                        if (t == JsonToken.START_OBJECT && inScopeList(path)) {
                            scopeName = null;
                            rolesSpan = null;
                            rolesValue = null;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (t == JsonToken.END_OBJECT && inScopeList(path) && scopeName != null && additions.containsKey(scopeName)) {
                            if (rolesSpan == null) {
                                throw new ApimUserException(label + ": scope " + scopeName + " has no \"Roles\" string; add "
                                        + "\"Roles\": \"\" to it first.");
                            }
                            spans.add(rolesSpan);
                            replacements.add(quote(appended(rolesValue, additions.get(scopeName))));
                            found.merge(scopeName, 1, Integer::sum);
                        }
                        path.remove(path.size() - 1);
                    }
                    case VALUE_STRING -> {
                        if (path.size() == 4 && inScopeList(path)) {
                            if ("Name".equals(p.currentName())) {
                                scopeName = p.getString();
                            } else if ("Roles".equals(p.currentName())) {
                                rolesValue = p.getString();
                                int start = (int) p.currentTokenLocation().getCharOffset();
                                int end = (int) p.currentLocation().getCharOffset();
                                rolesSpan = new int[] {start, end};
                            }
                        }
                    }
                    default -> { }
                }
            }
        } catch (JacksonException e) {
            throw new ApimUserException(label + " is not valid JSON: " + e.getOriginalMessage());
        }
        for (String scope : additions.keySet()) {
            if (!found.containsKey(scope)) {
                throw new ApimException("Could not locate the Roles of scope " + scope + " in " + label);
            }
        }
        StringBuilder sb = new StringBuilder(text);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> spans.get(i)[0]).reversed());
        for (int i : order) {
            int[] s = spans.get(i);
            if (sb.charAt(s[0]) != '"' || sb.charAt(s[1] - 1) != '"') {
                throw new ApimException("Unexpected token bounds for a Roles value in " + label);
            }
            sb.replace(s[0], s[1], replacements.get(i));
        }
        TenantConf out = new TenantConf(label, sb.toString());
        out.requireOnlyRolesChanged(this, additions);
        return out;
    }

    private static boolean inScopeList(List<String> path) {
        return path.size() >= 3 && path.get(0).equals("{}") && path.get(1).equals("RESTAPIScopes")
                && path.get(2).equals("Scope") && (path.size() == 3 || path.size() == 4);
    }

    private void requireOnlyRolesChanged(TenantConf before, Map<String, List<String>> additions) {
        ObjectNode expected = (ObjectNode) before.tree.deepCopy();
        for (JsonNode s : expected.path("RESTAPIScopes").path("Scope")) {
            List<String> add = additions.get(s.path("Name").asString());
            if (add != null) {
                ((ObjectNode) s).set("Roles", StringNode.valueOf(appended(s.path("Roles").asString(""), add)));
            }
        }
        if (!Objects.equals(expected, tree)) {
            throw new ApimException("Editing " + label + " changed more than the scope roles; nothing was written. "
                    + "Please report this with the file attached.");
        }
    }

    /** The Roles string with the missing roles appended, keeping what was there as it was written. */
    static String appended(String roles, List<String> add) {
        List<String> present = split(roles);
        StringBuilder sb = new StringBuilder(roles);
        for (String r : add) {
            if (!present.contains(r)) {
                if (!sb.toString().isBlank()) {
                    sb.append(',');
                }
                sb.append(r);
                present.add(r);
            }
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return MAPPER.writeValueAsString(s);
    }

    /** The changes from this version to another, one line per changed Roles value, as written in the files. */
    public List<String> semanticDiff(TenantConf after) {
        List<String> out = new ArrayList<>();
        Map<String, String> a = rawRoles();
        Map<String, String> b = after.rawRoles();
        for (Map.Entry<String, String> e : b.entrySet()) {
            String was = a.getOrDefault(e.getKey(), "");
            if (!was.equals(e.getValue())) {
                List<String> added = new ArrayList<>(split(e.getValue()));
                added.removeAll(split(was));
                out.add("RESTAPIScopes.Scope[" + e.getKey() + "].Roles: \"" + was + "\" -> \"" + e.getValue() + "\" (+"
                        + String.join(", +", added) + ")");
            }
        }
        return out;
    }

    private Map<String, String> rawRoles() {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode s : tree.path("RESTAPIScopes").path("Scope")) {
            out.put(s.path("Name").asString(), s.path("Roles").asString(""));
        }
        return out;
    }
}
