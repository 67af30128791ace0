package com.krenalis.connector.snowflake;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The SQL of Snowflake's own: the session's set-up, the check's question, and the conversions of a cursor's time to
 * the updated-at column's type. The SQL around a user's query is every database source's (QuerySql, with
 * {@link SnowflakeDialect}).
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
