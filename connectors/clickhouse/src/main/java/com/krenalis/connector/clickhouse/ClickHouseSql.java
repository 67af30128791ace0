package com.krenalis.connector.clickhouse;

import com.krenalis.connector.database.ReadCursor;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SQL this connector sends around a user's query. The query is wrapped as a subquery, never edited; the columns
 * it names come from settings and are quoted; the cursor's values travel as server-side query parameters
 * ({@code {name:Type}}), never in the SQL text.
 */
final class ClickHouseSql {
    static final String CURSOR_AT = "krenalis_cursor_at";
    static final String CURSOR_ID = "krenalis_cursor_id";
    private static final DateTimeFormatter PARAMETER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private ClickHouseSql() {
    }

    /** An identifier in backquotes, with backslash escapes for the backquote and the backslash. */
    static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /**
     * The user's query ready to be wrapped: without trailing semicolons. It is closed by a line break in the wrapper,
     * so that a trailing {@code -- comment} does not swallow the closing parenthesis.
     */
    static String body(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).stripTrailing();
        }
        if (q.isEmpty()) {
            throw new IllegalArgumentException("the query is empty");
        }
        return q;
    }

    /** The columns of the query and their types, without running it. */
    static String describe(String query) {
        return "DESCRIBE TABLE (\n" + body(query) + "\n)";
    }

    /**
     * Every row of the query; ordered by the updated-at column and then the identity's text when there is an
     * updated-at column, so that the last row delivered is the cursor even when a read is cancelled.
     */
    static String fullRead(String query, String identityColumn, String updatedAtColumn) {
        String sql = "SELECT * FROM (\n" + body(query) + "\n) AS krenalis_q";
        return updatedAtColumn == null ? sql : sql + orderBy(identityColumn, updatedAtColumn);
    }

    /** The rows after a cursor: updated later, or at the same time with a greater identity. */
    static String incrementalRead(String query, String identityColumn, String updatedAtColumn) {
        String upd = quote(updatedAtColumn);
        String at = "{" + CURSOR_AT + ":DateTime64(9, 'UTC')}";
        return "SELECT * FROM (\n" + body(query) + "\n) AS krenalis_q WHERE " + upd + " > " + at + " OR (" + upd + " = "
                + at + " AND toString(" + quote(identityColumn) + ") > {" + CURSOR_ID + ":String})"
                + orderBy(identityColumn, updatedAtColumn);
    }

    private static String orderBy(String identityColumn, String updatedAtColumn) {
        return " ORDER BY " + quote(updatedAtColumn) + ", toString(" + quote(identityColumn) + ")";
    }

    /** The query parameters of {@link #incrementalRead}. */
    static Map<String, Object> cursorParameters(ReadCursor cursor) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(CURSOR_AT, parameterTime(cursor.updatedAt()));
        params.put(CURSOR_ID, cursor.identity());
        return params;
    }

    /** An instant as a DateTime64(9, 'UTC') parameter's text. */
    static String parameterTime(Instant instant) {
        return PARAMETER_TIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
