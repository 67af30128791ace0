package com.krenalis.connector.postgresql;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.settings.Settings;
import com.krenalis.connector.jdbc.ColumnType;
import com.krenalis.connector.jdbc.SqlDialect;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;

/** PostgreSQL through its JDBC driver, used directly (not through DriverManager, which OSGi class loading defeats). */
final class PostgresDialect extends SqlDialect {
    private final org.postgresql.Driver driver = new org.postgresql.Driver();

    @Override
    public String quote(String identifier) {
        return quoteIdentifier(identifier);
    }

    static String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String textOf(String expression) {
        return "(CAST(" + expression + " AS text) COLLATE \"C\")";
    }

    /**
     * COLLATE "C" compares bytes: in a UTF-8 database, code points. In another encoding the read orders in SQL.
     */
    @Override
    public Comparator<String> identityOrder(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW server_encoding")) {
            return rs.next() && "UTF8".equals(rs.getString(1)) ? CODE_POINT_ORDER : null;
        }
    }

    @Override
    public Connection connect(Settings settings, Duration connectTimeout, Duration socketTimeout) throws SQLException {
        String host = settings.requireString("host");
        String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + settings.requireInteger("port") + "/"
                + URLEncoder.encode(settings.requireString("database"), StandardCharsets.UTF_8).replace("+", "%20");
        Properties p = new Properties();
        p.setProperty("user", settings.requireString("username"));
        p.setProperty("password", settings.string("password").orElse(""));
        p.setProperty("sslmode", settings.requireString("sslMode"));
        p.setProperty("connectTimeout", seconds(connectTimeout));
        p.setProperty("loginTimeout", seconds(connectTimeout));
        p.setProperty("socketTimeout", seconds(socketTimeout));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "Krenalis");
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept the URL " + url);
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            String schema = settings.string("schema").filter(x -> !x.isBlank()).orElse(null);
            if (schema != null) {
                s.execute("SET search_path TO " + quote(schema));
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, d.toSeconds()));
    }

    /** Autocommit off also makes the driver stream with a cursor of FETCH_SIZE rows. */
    @Override
    public void beginReadOnly(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
        }
    }

    @Override
    public ColumnType columnType(ResultSetMetaData metaData, int index) throws SQLException {
        return PostgresTypes.of(metaData.getColumnTypeName(index), metaData.getColumnType(index),
                metaData.getPrecision(index), metaData.getScale(index));
    }

    /** As an untyped parameter, so that PostgreSQL reads it as the column's type (timestamp or timestamptz). */
    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant value, ColumnType updatedAt)
            throws SQLException {
        statement.setObject(index, value.toString(), Types.OTHER);
    }

    @Override
    public CheckResult verify(Connection connection, Settings settings) throws SQLException {
        String schema = settings.string("schema").filter(x -> !x.isBlank()).orElse(null);
        if (schema == null) {
            return null;
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? null : CheckResult.failed("schema", "the database has no schema '" + schema + "'");
            }
        }
    }

    @Override
    public CheckResult explain(SQLException e, Settings settings) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = describe(e);
        Throwable cause = e.getCause();
        if (state.equals("28P01")) {
            return CheckResult.failed("password", "the server refused the user name and password: " + message);
        }
        if (state.equals("28000")) {
            return message.contains("SSL") || message.contains("encryption")
                    ? CheckResult.failed("sslMode", "the server refused the connection with this TLS mode: " + message)
                    : CheckResult.failed("username", "the server refused this user: " + message);
        }
        if (state.equals("3D000")) {
            return CheckResult.failed("database", "no such database: " + message);
        }
        if (cause instanceof UnknownHostException) {
            return CheckResult.failed("host", "unknown host '" + settings.requireString("host") + "'");
        }
        if (cause instanceof ConnectException) {
            return CheckResult.failed("port", "nothing accepts connections at " + settings.requireString("host") + ":"
                    + settings.requireInteger("port") + ": check the host and the port (" + message + ")");
        }
        if (cause instanceof SocketTimeoutException) {
            return CheckResult.failed("host", "no answer from " + settings.requireString("host")
                    + ": check the host, the port and the firewall (" + message + ")");
        }
        if (message.contains("SSL") || message.contains("certificate")) {
            return CheckResult.failed("sslMode", "TLS failed: " + message);
        }
        if (state.startsWith("08")) {
            return CheckResult.failed("host", "could not connect: " + message);
        }
        return CheckResult.failed(message);
    }
}
