package io.github.apimupgrade.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry as 3.0.0 writes it with versioning on: {@code resources} resources of one tenant, each with
 * {@code versions} versions (the last one current in REG_RESOURCE, the others in REG_RESOURCE_HISTORY), every
 * version with {@code properties} properties, a tag, every second one a comment, every third one a rating;
 * the link rows carry the version id and no path id. Ids are offset per tenant so that two tenants can share
 * a database, and version ids of one tenant collide with none of another's unless {@code offset} says so.
 */
public record VersionedRegistry(int tenant, int offset, int resources, int versions, int properties) {
    static final int PATHS = 50;
    private static final Timestamp T = Timestamp.valueOf("2020-01-01 00:00:00");

    public int version(int resource, int k) {
        return offset + resource * versions + k + 1;
    }

    public int currentVersion(int resource) {
        return version(resource, versions - 1);
    }

    public int pathId(int resource) {
        return offset + 2 + resource % PATHS;
    }

    public void load(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement path = c.prepareStatement("INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES (?, ?, ?, ?)");
             PreparedStatement current = c.prepareStatement(resource("REG_RESOURCE"));
             PreparedStatement history = c.prepareStatement(resource("REG_RESOURCE_HISTORY"));
             PreparedStatement property = c.prepareStatement("INSERT INTO REG_PROPERTY (REG_ID, REG_NAME, REG_VALUE, REG_TENANT_ID) VALUES (?, ?, ?, ?)");
             PreparedStatement tag = c.prepareStatement("INSERT INTO REG_TAG (REG_ID, REG_TAG_NAME, REG_USER_ID, REG_TAGGED_TIME, REG_TENANT_ID) VALUES (?, ?, 'admin', ?, ?)");
             PreparedStatement comment = c.prepareStatement("INSERT INTO REG_COMMENT (REG_ID, REG_COMMENT_TEXT, REG_USER_ID, REG_COMMENTED_TIME, REG_TENANT_ID) VALUES (?, ?, 'admin', ?, ?)");
             PreparedStatement rating = c.prepareStatement("INSERT INTO REG_RATING (REG_ID, REG_RATING, REG_USER_ID, REG_RATED_TIME, REG_TENANT_ID) VALUES (?, ?, 'admin', ?, ?)")) {
            path.setInt(1, offset + 1);
            path.setString(2, "/");
            path.setNull(3, Types.INTEGER);
            path.setInt(4, tenant);
            path.executeUpdate();
            for (int p = 0; p < PATHS; p++) {
                path.setInt(1, offset + 2 + p);
                path.setString(2, "/_system/governance/apis/p" + p);
                path.setInt(3, offset + 1);
                path.setInt(4, tenant);
                path.addBatch();
            }
            path.executeBatch();
            int n = 0;
            List<int[]> pending = new ArrayList<>();
            for (int r = 0; r < resources; r++) {
                for (int k = 0; k < versions; k++) {
                    int v = version(r, k);
                    PreparedStatement target = k == versions - 1 ? current : history;
                    target.setInt(1, pathId(r));
                    target.setString(2, "api-" + r + ".json");
                    target.setInt(3, v);
                    target.setTimestamp(4, T);
                    target.setTimestamp(5, T);
                    target.setInt(6, tenant);
                    target.setString(7, "uuid-" + tenant + "-" + r);
                    target.addBatch();
                    for (int p = 0; p < properties; p++) {
                        int id = (v - 1) * properties + p + 1;
                        add(property, id, "prop" + p, tenant);
                        link(pending, "PROPERTY", id, v);
                    }
                    addNamed(tag, v, "tag-" + r, tenant);
                    link(pending, "TAG", v, v);
                    if (v % 2 == 0) {
                        addNamed(comment, v, "comment on version " + v, tenant);
                        link(pending, "COMMENT", v, v);
                    }
                    if (v % 3 == 0) {
                        rating.setInt(1, v);
                        rating.setInt(2, 1 + v % 5);
                        rating.setTimestamp(3, T);
                        rating.setInt(4, tenant);
                        rating.addBatch();
                        link(pending, "RATING", v, v);
                    }
                    if (++n % 500 == 0) {
                        flush(c, List.of(current, history, property, tag, comment, rating), pending);
                    }
                }
            }
            flush(c, List.of(current, history, property, tag, comment, rating), pending);
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static final List<String> KINDS = List.of("PROPERTY", "TAG", "COMMENT", "RATING");
    /** A link row waits for its object's batch: {kind, object id, version}. */
    private static void link(List<int[]> pending, String kind, int id, int version) {
        pending.add(new int[] {KINDS.indexOf(kind), id, version});
    }

    private void flush(Connection c, List<PreparedStatement> objects, List<int[]> pending) throws SQLException {
        for (PreparedStatement ps : objects) {
            ps.executeBatch();
        }
        PreparedStatement[] ps = new PreparedStatement[KINDS.size()];
        try {
            for (int t = 0; t < ps.length; t++) {
                String k = KINDS.get(t);
                ps[t] = c.prepareStatement("INSERT INTO REG_RESOURCE_" + k + " (REG_" + k + "_ID, REG_VERSION, REG_PATH_ID, "
                        + "REG_RESOURCE_NAME, REG_TENANT_ID) VALUES (?, ?, NULL, NULL, ?)");
            }
            for (int[] l : pending) {
                ps[l[0]].setInt(1, l[1]);
                ps[l[0]].setInt(2, l[2]);
                ps[l[0]].setInt(3, tenant);
                ps[l[0]].addBatch();
            }
            for (PreparedStatement p : ps) {
                p.executeBatch();
            }
        } finally {
            for (PreparedStatement p : ps) {
                if (p != null) {
                    p.close();
                }
            }
        }
        pending.clear();
    }

    private static String resource(String table) {
        return "INSERT INTO " + table + " (REG_PATH_ID, REG_NAME, REG_VERSION, REG_MEDIA_TYPE, REG_CREATOR, REG_CREATED_TIME, "
                + "REG_LAST_UPDATOR, REG_LAST_UPDATED_TIME, REG_TENANT_ID, REG_UUID) VALUES (?, ?, ?, 'application/json', 'admin', ?, 'admin', ?, ?, ?)";
    }

    private static void add(PreparedStatement ps, int id, String name, int tenant) throws SQLException {
        ps.setInt(1, id);
        ps.setString(2, name);
        ps.setString(3, "value of " + name + " #" + id);
        ps.setInt(4, tenant);
        ps.addBatch();
    }

    private static void addNamed(PreparedStatement ps, int id, String text, int tenant) throws SQLException {
        ps.setInt(1, id);
        ps.setString(2, text);
        ps.setTimestamp(3, T);
        ps.setInt(4, tenant);
        ps.addBatch();
    }
}
