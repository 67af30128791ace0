package com.krenalis.connector.jdbc;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.TypeKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/** What differs between databases: connecting, quoting, casts, read-only sessions, types, error meanings. */
public abstract class SqlDialect {
    /** Rows fetched per round trip when streaming a result. */
    public static final int FETCH_SIZE = 1000;

    /**
     * Strings in code point order (that of UTF-8 bytes): UTF-16's own order, except that a surrogate (half of a code
     * point above U+FFFF) sorts after every other char.
     */
    public static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                return xs == Character.isSurrogate(y) ? x - y : xs ? 1 : -1;
            }
        }
        return a.length() - b.length();
    };

    /** Quotes an identifier so that any text, quotes included, names exactly that column. */
    public abstract String quote(String identifier);

    /**
     * The expression as text in a binary (code point or byte) collation, so that ordering and comparing it agree with
     * each other and with Java's view of the identity as a string.
     */
    public abstract String textOf(String expression);

    /**
     * The order in which this database, on this connection, sorts {@link #textOf} identities, when Java can follow it
     * exactly; null (the default) when it cannot. With an order, a full read leaves its rows unsorted (sorting a
     * large result is the costliest part of reading it: it spills to disk before the first row comes) and keeps the
     * greatest (updated-at, identity) pair as it goes; without one, it orders in SQL like an incremental read.
     */
    public Comparator<String> identityOrder(Connection connection) throws SQLException {
        return null;
    }

    /**
     * Opens a connection that gives up connecting after {@code connectTimeout} and waiting for an answer after
     * {@code socketTimeout}.
     */
    public abstract Connection connect(Settings settings, Duration connectTimeout, Duration socketTimeout)
            throws SQLException;

    /** Makes the session read only and in UTC, in a transaction, before the user's query runs. */
    public abstract void beginReadOnly(Connection connection) throws SQLException;

    /** The Krenalis type of a result column and how to read it. */
    public abstract ColumnType columnType(ResultSetMetaData metaData, int index) throws SQLException;

    /**
     * Binds an instant as a parameter compared with the updated-at column (the session is in UTC).
     *
     * @param updatedAt the updated-at column's type when the dialect {@link #resolvesColumnNames() describes the query
     *                  first}, else null
     */
    public abstract void bindInstant(PreparedStatement statement, int index, Instant value, ColumnType updatedAt)
            throws SQLException;

    /**
     * The SQL that stands for a bound cursor instant where it is compared with the updated-at column: {@code ?}, or
     * a conversion of it to the column's type.
     *
     * @param updatedAt as in {@link #bindInstant}
     */
    public String instantParameter(ColumnType updatedAt) {
        return "?";
    }

    /**
     * Whether the pipeline may name a column by its property name as well as by its exact name, the read then
     * describing the query first to learn the exact names (and the updated-at column's type). For databases that
     * change the case of unquoted names. Off by default: the names are used as given.
     */
    public boolean resolvesColumnNames() {
        return false;
    }

    /**
     * A column's property name; by default {@link ResultColumns#propertyName}. Each property name must be unique among
     * the query's columns.
     */
    public String propertyName(String column) {
        return ResultColumns.propertyName(column);
    }

    /** Whether a column of this type can be the updated-at column; by default a timestamp (its values are Instants). */
    public boolean isUpdatedAtType(ColumnType type) {
        return type.type().kind() == TypeKind.DATETIME;
    }

    /** The types {@link #isUpdatedAtType} accepts, in words, for the message about a column of another type. */
    public String updatedAtTypes() {
        return "a timestamp (date and time)";
    }

    /** How long connecting may take for a discovery or a read (a check uses its own timeout). */
    public Duration connectTimeout() {
        return Duration.ofSeconds(30);
    }

    /** How long a read may wait for the database (the connection's socket timeout, or the query's). */
    public Duration readTimeout() {
        return Duration.ofMinutes(30);
    }

    /** The failed check when the database did not answer within the check's timeout. */
    public CheckResult noAnswer(Settings settings, Duration timeout) {
        return CheckResult.failed("host", "no answer from the database within " + timeout.toSeconds()
                + " s: check the host, the port and that a firewall lets this server connect");
    }

    /**
     * A statement that reads a result's description (discovery), answered within {@code timeout}. The default leaves
     * the timeout to the connection's socket timeout, which {@link #connect} was given.
     */
    public PreparedStatement prepareDescribe(Connection connection, String sql, Duration timeout) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** What a failed connection or trivial query says about the settings, naming the field to blame. */
    public abstract CheckResult explain(SQLException failure, Settings settings);

    /**
     * Checks beyond connecting (a schema that must exist, ...) on a working connection; null when all is well.
     */
    public CheckResult verify(Connection connection, Settings settings) throws SQLException {
        return null;
    }

    /** A statement that streams rows, fetching {@link #FETCH_SIZE} at a time. */
    public PreparedStatement prepareStreaming(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    /**
     * Stops a statement whose remaining rows are not wanted (a cancelled read), so that closing it does not read them
     * first. The default closes it: enough where closing a cursor drops the rest on the server.
     */
    public void abandon(Statement statement) throws SQLException {
        statement.close();
    }

    /** A database's message with its cause's, for a person. */
    public static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message;
    }
}
