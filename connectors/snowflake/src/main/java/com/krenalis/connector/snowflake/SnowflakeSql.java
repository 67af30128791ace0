package com.krenalis.connector.snowflake;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The SQL this connector sends around a user's query. The query is wrapped as a subquery, never edited; the columns
 * it names are quoted with double quotes under their exact (case-sensitive) names; the cursor's values are bind
 * parameters, converted to the updated-at column's own type on the server.
 */
final class SnowflakeSql {
    /**
     * Fixes what the account's defaults could vary: the JSON result format (the Arrow format needs
     * {@code --add-opens java.base/java.nio} on JDK 17, which a server bundle cannot demand), UTC for TIMESTAMP_LTZ,
     * and output formats {@link ColumnMapping} parses.
     */
    static final String SESSION = "ALTER SESSION SET JDBC_QUERY_RESULT_FORMAT = 'JSON', TIMEZONE = 'UTC', "
            + "DATE_OUTPUT_FORMAT = 'YYYY-MM-DD', TIME_OUTPUT_FORMAT = 'HH24:MI:SS.FF9', "
            + "TIMESTAMP_NTZ_OUTPUT_FORMAT = 'YYYY-MM-DD\"T\"HH24:MI:SS.FF9', "
            + "TIMESTAMP_LTZ_OUTPUT_FORMAT = 'YYYY-MM-DD\"T\"HH24:MI:SS.FF9TZH:TZM', "
            + "TIMESTAMP_TZ_OUTPUT_FORMAT = 'YYYY-MM-DD\"T\"HH24:MI:SS.FF9TZH:TZM', BINARY_OUTPUT_FORMAT = 'HEX'";

    /** The session's context, to see whether the warehouse, database and schema of the settings exist. */
    static final String CONTEXT = "SELECT CURRENT_WAREHOUSE(), CURRENT_DATABASE(), CURRENT_SCHEMA()";

    private static final DateTimeFormatter PARAMETER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private SnowflakeSql() {
    }

    /** An identifier in double quotes, inner double quotes doubled: matched exactly, case included. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The user's query without trailing semicolons; a line break closes the wrapper after a trailing comment. */
    static String body(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).stripTrailing();
        }
        if (q.isEmpty()) {
            throw new IllegalArgumentException("the query is empty");
        }
        return "SELECT * FROM (\n" + q + "\n) AS \"krenalis_q\"";
    }

    /** No rows, only the result's columns. */
    static String describe(String query) {
        return body(query) + " LIMIT 0";
    }

    /** Every row; ordered by updated-at and identity text when there is an updated-at column (see the README). */
    static String fullRead(String query, String identityColumn, String updatedAtColumn) {
        return updatedAtColumn == null ? body(query) : body(query) + orderBy(identityColumn, updatedAtColumn);
    }

    /**
     * The rows after a cursor: three parameters, the cursor's time twice (in the text {@link #cursorTime} gives) and
     * its identity.
     */
    static String incrementalRead(String query, String identityColumn, String updatedAtColumn, TimeKind kind) {
        String upd = quote(updatedAtColumn);
        String at = kind.conversion;
        return body(query) + " WHERE " + upd + " > " + at + " OR (" + upd + " = " + at + " AND CAST(" + quote(identityColumn)
                + " AS VARCHAR) > ?)" + orderBy(identityColumn, updatedAtColumn);
    }

    private static String orderBy(String identityColumn, String updatedAtColumn) {
        return " ORDER BY " + quote(updatedAtColumn) + ", CAST(" + quote(identityColumn) + " AS VARCHAR)";
    }

    /** The bind values of {@link #incrementalRead}. */
    static List<String> cursorParameters(ReadCursor cursor, TimeKind kind) {
        String at = cursorTime(cursor.updatedAt(), kind);
        return List.of(at, at, cursor.id());
    }

    /** An instant as text for the conversion of its kind; TIMESTAMP_NTZ values are read, and compared, as UTC. */
    static String cursorTime(Instant instant, TimeKind kind) {
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return switch (kind) {
            case DATE -> utc.toLocalDate().toString();
            case TIMESTAMP_NTZ -> PARAMETER_TIME.format(utc);
            case TIMESTAMP_TZ -> PARAMETER_TIME.format(utc) + " +00:00";
        };
    }

    /** The kinds of updated-at column, each with the server-side conversion of a bound text to it. */
    enum TimeKind {
        DATE("TO_DATE(?, 'YYYY-MM-DD')"),
        TIMESTAMP_NTZ("TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9')"),
        /** TIMESTAMP_TZ and TIMESTAMP_LTZ: both name instants, and compare as such. */
        TIMESTAMP_TZ("TO_TIMESTAMP_TZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')");

        final String conversion;

        TimeKind(String conversion) {
            this.conversion = conversion;
        }
    }
}
