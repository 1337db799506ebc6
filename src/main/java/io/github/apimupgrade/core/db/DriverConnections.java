package io.github.apimupgrade.core.db;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/** Connections straight from a driver, for the pool: it holds the URL and the login so that the pool never sees them. */
final class DriverConnections implements DataSource {
    private final Driver driver;
    private final String url;
    private final Properties login;
    private int loginTimeout;

    DriverConnections(Driver driver, String url, Properties login) {
        this.driver = driver;
        this.url = url;
        this.login = login;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = driver.connect(url, login);
        if (c == null) {
            throw new SQLException("the driver " + driver.getClass().getName() + " does not accept the URL");
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the login is fixed");
    }

    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { loginTimeout = seconds; }
    @Override public int getLoginTimeout() { return loginTimeout; }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> iface) { return false; }
}
