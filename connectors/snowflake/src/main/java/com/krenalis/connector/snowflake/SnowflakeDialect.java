package com.krenalis.connector.snowflake;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.settings.Settings;
import com.krenalis.connector.jdbc.ColumnType;
import com.krenalis.connector.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Snowflake through its JDBC driver: double-quoted identifiers, upper-case unquoted names, its types read from their
 * text (see {@link SnowflakeColumn}), and sessions set up by {@link SnowflakeSessions}. Snowflake has no read-only
 * session: reads run in autocommit under the role the settings give, which should only be allowed to read.
 */
final class SnowflakeDialect extends SqlDialect {
    /** Logging in may take a while when the account's services wake up. */
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);
    /** The longest a query may run on the server before the driver cancels it. */
    static final Duration QUERY_TIMEOUT = Duration.ofHours(1);

    /** An identifier in double quotes, inner double quotes doubled: matched exactly, case included. */
    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Snowflake compares text without a collation byte by byte (UTF-8), as Java's order of the same strings. */
    @Override
    public String textOf(String expression) {
        return "CAST(" + expression + " AS VARCHAR)";
    }

    /** The driver has no socket timeout of ours to take: each statement gets a query timeout instead. */
    @Override
    public Connection connect(Settings settings, Duration connectTimeout, Duration socketTimeout) throws SQLException {
        return SnowflakeSessions.open(settings, connectTimeout);
    }

    /** Nothing to begin: Snowflake has no read-only transaction; the session was set up when it was opened. */
    @Override
    public void beginReadOnly(Connection connection) {
    }

    @Override
    public ColumnType columnType(ResultSetMetaData meta, int index) throws SQLException {
        SnowflakeColumn column = new SnowflakeColumn(meta.getColumnLabel(index), meta.getColumnTypeName(index),
                meta.getColumnType(index), meta.getPrecision(index), meta.getScale(index));
        return new ColumnType(column.type(), column);
    }

    /** The read describes the query first: settings may name {@code ID} as {@code id}, and the SQL needs {@code "ID"}. */
    @Override
    public boolean resolvesColumnNames() {
        return true;
    }

    /**
     * Snowflake stores unquoted identifiers upper case: a name without lower-case letters is read as the user wrote
     * it unquoted, in lower case ({@code ID} becomes {@code id}); a name with lower-case letters was quoted on purpose
     * and is kept. Then the rule of every database source (characters outside {@code [A-Za-z0-9_]} become {@code _}).
     */
    @Override
    public String propertyName(String column) {
        return super.propertyName(column.equals(column.toUpperCase(Locale.ROOT)) ? column.toLowerCase(Locale.ROOT)
                : column);
    }

    @Override
    public boolean isUpdatedAtType(ColumnType type) {
        return column(type).timeKind() != null;
    }

    @Override
    public String updatedAtTypes() {
        return "a DATE or a TIMESTAMP (NTZ, LTZ or TZ)";
    }

    /** The cursor's time, bound as text, converted on the server to the updated-at column's own type. */
    @Override
    public String instantParameter(ColumnType updatedAt) {
        return column(updatedAt).timeKind().conversion;
    }

    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant value, ColumnType updatedAt)
            throws SQLException {
        statement.setString(index, SnowflakeSql.cursorTime(value, column(updatedAt).timeKind()));
    }

    private static SnowflakeColumn column(ColumnType type) {
        if (type == null) {
            throw new IllegalStateException("Snowflake reads describe the query first: the updated-at type is known");
        }
        return (SnowflakeColumn) type.reader();
    }

    @Override
    public Duration connectTimeout() {
        return LOGIN_TIMEOUT;
    }

    @Override
    public Duration readTimeout() {
        return QUERY_TIMEOUT;
    }

    @Override
    public PreparedStatement prepareDescribe(Connection connection, String sql, Duration timeout) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
        return statement;
    }

    /** The driver downloads the result in chunks as rows are consumed (a few ahead): memory stays bounded. */
    @Override
    public PreparedStatement prepareStreaming(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = super.prepareStreaming(connection, sql);
        statement.setQueryTimeout((int) QUERY_TIMEOUT.toSeconds());
        return statement;
    }

    /**
     * Snowflake opens a session without the warehouse, database or schema it was given when they do not exist or the
     * role may not use them: a null in the session's context names that setting.
     */
    @Override
    public CheckResult verify(Connection connection, Settings settings) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SnowflakeSql.CONTEXT);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            String[] fields = {"warehouse", "database", "schema"};
            for (int i = 0; i < fields.length; i++) {
                if (rs.getString(i + 1) == null) {
                    return CheckResult.failed(fields[i], "the " + fields[i] + " '" + settings.requireString(fields[i])
                            + "' does not exist, or the role may not use it");
                }
            }
        }
        return CheckResult.ok("connected to Snowflake account " + settings.requireString("account"));
    }

    @Override
    public CheckResult explain(SQLException failure, Settings settings) {
        return SnowflakeErrors.checkFailure(failure, settings);
    }

    @Override
    public CheckResult noAnswer(Settings settings, Duration timeout) {
        return CheckResult.failed("account", "no answer from " + SnowflakeSettings.host(settings) + " within "
                + timeout.toSeconds() + " s");
    }
}
