package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.sql.SqlResources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a step that deletes rows leaves of a table: the rows it found and the rows it keeps, written before its first
 * delete into {@code APIM_UPGRADE_KEPT_ROWS} of the database it deletes from, so that verify holds the table to exactly
 * that number instead of "fewer". In the database, not the work directory: the deployment holds the truth of what was
 * done to it, and a lost work directory must not turn a finished clean-up into a loss. Written once: a run interrupted
 * half-way and run again keeps the same rows (each deleting step's result does not depend on where it stopped), so the
 * first record stays right. A restore with overwrite drops the table with everything else.
 */
public final class KeptRows {
    public static final String TABLE = "APIM_UPGRADE_KEPT_ROWS";

    /** {@code step} found {@code rowsBefore} rows and keeps {@code kept} of them. */
    public record Entry(String step, long rowsBefore, long kept) {
    }

    private KeptRows() {
    }

    /** Records what the step keeps of {@code table} unless an earlier, interrupted run of it already did. */
    public static void recordOnce(Catalog catalog, String table, String step, long rowsBefore, long kept) throws SQLException {
        Connection c = catalog.connection();
        String name = table.toUpperCase(Locale.ROOT);
        if (!catalog.tableExists(TABLE)) {
            try (Statement s = c.createStatement()) {
                s.execute(SqlResources.asQuery(SqlResources.loadOrShared("kept-rows", catalog.dialect(), "create")));
            }
        } else if (all(catalog).containsKey(name)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (TABLE_NAME, STEP, ROWS_BEFORE, ROWS_KEPT) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, step);
            ps.setLong(3, rowsBefore);
            ps.setLong(4, kept);
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Every record of this database, by table name (upper case); empty when no step deleted anything here. */
    public static Map<String, Entry> all(Catalog catalog) throws SQLException {
        Map<String, Entry> out = new TreeMap<>();
        if (!catalog.tableExists(TABLE)) {
            return out;
        }
        try (Statement s = catalog.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT TABLE_NAME, STEP, ROWS_BEFORE, ROWS_KEPT FROM " + TABLE)) {
            while (rs.next()) {
                out.put(rs.getString(1).trim(), new Entry(rs.getString(2).trim(), rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }
}
