package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.settings.DatabaseSettings;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/** Translates a failed first connection into a message an operator can act on. */
final class ConnectionErrors {
    private ConnectionErrors() {
    }

    static DatabaseAccessException explain(DatabaseSettings db, Throwable failure) {
        SQLException sql = find(failure, SQLException.class);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String text = messages(failure).toLowerCase(Locale.ROOT);
        String url = db.key().property("url");
        String where = db.describe() + " at " + db.url();
        if (db.dialect() == Dialect.H2) {
            String h2 = explainH2(db, sql, text);
            if (h2 != null) {
                return new DatabaseAccessException(h2, failure);
            }
        }
        if (state.startsWith("28") || text.contains("access denied") || text.contains("password authentication failed")
                || text.contains("wrong user name or password") || text.contains("login failed")
                || text.contains("invalid username/password")) {
            return new DatabaseAccessException("Login to " + where + " was refused for user '" + db.username()
                    + "': check '" + db.key().property("username") + "' and the password ('" + db.key().property("password")
                    + "' or the settings.xml server named by '" + db.key().property("serverId") + "').", failure);
        }
        if (find(failure, UnknownHostException.class) != null || find(failure, ConnectException.class) != null
                || state.startsWith("08") || text.contains("connection refused") || text.contains("could not connect")
                || text.contains("socket fail") || text.contains("communications link failure")) {
            return new DatabaseAccessException("Cannot reach " + where + ": is the server running and the host and port in '"
                    + url + "' right? (" + firstLine(failure) + ")", failure);
        }
        if (state.equals("3D000") || text.contains("unknown database") || (text.contains("database") && text.contains("does not exist"))) {
            return new DatabaseAccessException("The database named in '" + url + "' does not exist on the server (" + where
                    + "). Point '" + url + "' at the existing WSO2 database.", failure);
        }
        return new DatabaseAccessException("Cannot open " + where + ": " + firstLine(failure)
                + ". Check '" + url + "' and the credentials.", failure);
    }

    private static String explainH2(DatabaseSettings db, SQLException sql, String text) {
        int code = sql == null ? 0 : sql.getErrorCode();
        Path file = JdbcUrls.h2File(db.url());
        if (code == 90146 || code == 90013 || text.contains("not found, and ifexists=true")) {
            return "There is no H2 database at " + file + " (.mv.db or .h2.db) for " + db.key().label()
                    + ". Set 'apim.newHome' to the WSO2 home that holds repository/database, or '" + db.key().property("url") + "'.";
        }
        if (code == 90048 || text.contains("unsupported database file version") || text.contains("file header")
                || text.contains("read only format") || text.contains("format version")) {
            return "The H2 file " + file + " was not written by H2 1.4.x, the engine WSO2 API-M 3.0.0 and 3.1.0 ship "
                    + "(a file made by H2 2.x cannot be opened by 3.1.0). Use the database file of the 3.0.0 deployment.";
        }
        if (code == 90020 || text.contains("locked by another process") || text.contains("database may be already in use")) {
            return "The H2 database " + file + " is in use by another process: stop the WSO2 server (runbook Step 2.1) "
                    + "and any H2 console, then run again. If it is the server an interrupted apim:migrate-identity started "
                    + "(WSO2's identity migration; its output is in <apim.workDir>/identity/), run apim:migrate-identity (or the "
                    + "lifecycle) again: it waits for that server's migration to end, stops it and takes its result, without "
                    + "migrating a second time.";
        }
        if (code == 28000 || text.contains("wrong user name or password")) {
            return "Login to the H2 database " + file + " was refused for user '" + db.username() + "': check '"
                    + db.key().property("username") + "' and '" + db.key().property("password")
                    + "' (a fresh WSO2 pack uses wso2carbon/wso2carbon).";
        }
        if (file != null && Files.isDirectory(file)) {
            return "The H2 URL '" + db.url() + "' names a directory; name the database file without its extension.";
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            sb.append(c.getMessage()).append(' ');
        }
        return sb.toString();
    }

    private static String firstLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SQLException) {
                break;
            }
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
