package com.krenalis.connector.jdbc;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.settings.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/** What differs between databases: connecting, quoting, casts, read-only sessions, types, error meanings. */
public abstract class SqlDialect {
    /** Rows fetched per round trip when streaming a result. */
    public static final int FETCH_SIZE = 1000;

    /** Quotes an identifier so that any text, quotes included, names exactly that column. */
    public abstract String quote(String identifier);

    /**
     * The expression as text in a binary (code point or byte) collation, so that ordering and comparing it agree with
     * each other and with Java's view of the identity as a string.
     */
    public abstract String textOf(String expression);

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

    /** Binds an instant as a parameter compared with the updated-at column (the session is in UTC). */
    public abstract void bindInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

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
