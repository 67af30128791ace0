package com.krenalis.connector.mysql;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.settings.Settings;
import com.krenalis.connector.jdbc.ColumnType;
import com.krenalis.connector.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/** MySQL and MariaDB through MariaDB Connector/J, used directly (not through DriverManager). */
final class MySqlDialect extends SqlDialect {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final org.mariadb.jdbc.Driver driver = new org.mariadb.jdbc.Driver();

    @Override
    public String quote(String identifier) {
        return quoteIdentifier(identifier);
    }

    /** Backticks, whatever sql_mode says (ANSI_QUOTES changes only what double quotes mean). */
    static String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String textOf(String expression) {
        return "(CAST(" + expression + " AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin)";
    }

    @Override
    public Connection connect(Settings settings, Duration connectTimeout, Duration socketTimeout) throws SQLException {
        String host = settings.requireString("host");
        String url = "jdbc:mariadb://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + settings.requireInteger("port") + "/";
        Properties p = new Properties();
        p.setProperty("user", settings.requireString("username"));
        p.setProperty("password", settings.string("password").orElse(""));
        p.setProperty("database", settings.requireString("database"));
        p.setProperty("sslMode", switch (settings.requireString("tls")) {
            case "disable" -> "disable";
            case "require" -> "trust";
            default -> "verify-full";
        });
        p.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
        p.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
        p.setProperty("tcpKeepAlive", "true");
        // YEAR as a number, tinyint(1) as boolean (the default, stated), no client-side time zone conversion.
        p.setProperty("yearIsDateType", "false");
        p.setProperty("tinyInt1isBit", "true");
        p.setProperty("connectionAttributes", "program_name:Krenalis");
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("the MariaDB driver does not accept the URL " + url);
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public void beginReadOnly(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("START TRANSACTION READ ONLY");
        }
    }

    @Override
    public ColumnType columnType(ResultSetMetaData metaData, int index) throws SQLException {
        return MySqlTypes.of(metaData.getColumnTypeName(index), metaData.getColumnType(index),
                metaData.isSigned(index), metaData.getPrecision(index), metaData.getScale(index));
    }

    /** As text in UTC (the session's time zone), which MySQL converts to the column's DATETIME or TIMESTAMP. */
    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant value, ColumnType updatedAt)
            throws SQLException {
        statement.setString(index, DATETIME.format(value));
    }

    /**
     * A streaming result must be read to its end before the connection can be used or closed cleanly; a cancelled
     * read drops the connection instead.
     */
    @Override
    public void abandon(Statement statement) throws SQLException {
        statement.getConnection().abort(Runnable::run);
    }

    @Override
    public CheckResult explain(SQLException e, Settings settings) {
        int code = e.getErrorCode();
        String message = describe(e);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (code == 1045) {
            return CheckResult.failed("password", "the server refused the user name and password: " + message);
        }
        if (code == 1049) {
            return CheckResult.failed("database", "no such database: " + message);
        }
        if (code == 1044) {
            return CheckResult.failed("database", "this user may not use the database: " + message);
        }
        if (lower.contains("ssl") || lower.contains("tls") || lower.contains("certificate")) {
            return CheckResult.failed("tls", "TLS failed: " + message);
        }
        if (lower.contains("unknownhost") || lower.contains("unknown host")) {
            return CheckResult.failed("host", "unknown host '" + settings.requireString("host") + "'");
        }
        if (lower.contains("connection refused")) {
            return CheckResult.failed("port", "nothing accepts connections at " + settings.requireString("host") + ":"
                    + settings.requireInteger("port") + ": check the host and the port (" + message + ")");
        }
        if ("08000".equals(e.getSQLState()) || "08S01".equals(e.getSQLState())
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"))) {
            return CheckResult.failed("host", "could not connect: check the host, the port and the firewall ("
                    + message + ")");
        }
        return CheckResult.failed(message);
    }
}
