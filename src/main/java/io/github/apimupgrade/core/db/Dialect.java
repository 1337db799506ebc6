package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.settings.ConfigurationException;

import java.util.Locale;

/** The six databases WSO2 API-M supports, detected from the JDBC URL. */
public enum Dialect {
    H2("h2", "H2", "org.h2.Driver", "com.h2database:h2:1.4.199 (bundled with the plugin)", "h2"),
    MYSQL("mysql", "MySQL/MariaDB", "com.mysql.cj.jdbc.Driver",
            "com.mysql:mysql-connector-j (for jdbc:mysql:) or org.mariadb.jdbc:mariadb-java-client (for jdbc:mariadb:)",
            "mysql"),
    POSTGRESQL("postgresql", "PostgreSQL", "org.postgresql.Driver", "org.postgresql:postgresql", "postgre"),
    MSSQL("mssql", "Microsoft SQL Server", "com.microsoft.sqlserver.jdbc.SQLServerDriver",
            "com.microsoft.sqlserver:mssql-jdbc", "mssql"),
    ORACLE("oracle", "Oracle", "oracle.jdbc.OracleDriver", "com.oracle.database.jdbc:ojdbc8", "oracle"),
    DB2("db2", "IBM DB2", "com.ibm.db2.jcc.DB2Driver", "com.ibm.db2:jcc", "db2");

    private final String folder;
    private final String displayName;
    private final String driverClass;
    private final String driverCoordinates;
    private final String wso2Type;

    Dialect(String folder, String displayName, String driverClass, String driverCoordinates, String wso2Type) {
        this.folder = folder;
        this.displayName = displayName;
        this.driverClass = driverClass;
        this.driverCoordinates = driverCoordinates;
        this.wso2Type = wso2Type;
    }

    /** The folder under {@code sql/<path>/} that holds this dialect's scripts. */
    public String folder() {
        return folder;
    }

    public String displayName() {
        return displayName;
    }

    public String driverClass() {
        return driverClass;
    }

    /** The Maven coordinates to add as a plugin dependency when the driver is missing. */
    public String driverCoordinates() {
        return driverCoordinates;
    }

    /** The {@code type} value WSO2's deployment.toml expects for this database. */
    public String wso2Type() {
        return wso2Type;
    }

    public static Dialect fromJdbcUrl(String url) {
        String u = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:sqlserver:")) {
            return MSSQL;
        }
        if (u.startsWith("jdbc:oracle:")) {
            return ORACLE;
        }
        if (u.startsWith("jdbc:db2:")) {
            return DB2;
        }
        throw new ConfigurationException("Unsupported JDBC URL '" + url + "': expected jdbc:h2:, jdbc:mysql:, "
                + "jdbc:mariadb:, jdbc:postgresql:, jdbc:sqlserver:, jdbc:oracle: or jdbc:db2:.");
    }

    /** The driver class for this URL: MariaDB's own driver for {@code jdbc:mariadb:} URLs. */
    public static String driverClassFor(String url) {
        if (url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:mariadb:")) {
            return "org.mariadb.jdbc.Driver";
        }
        return fromJdbcUrl(url).driverClass();
    }
}
