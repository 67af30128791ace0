package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnowflakeSqlTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");

    @Test
    void quotesIdentifiersWithDoubleQuotesDoublingInnerOnes() {
        assertEquals("\"ID\"", SnowflakeSql.quote("ID"));
        assertEquals("\"id\"", SnowflakeSql.quote("id"), "quoted names keep their case");
        assertEquals("\"a\"\"b\"", SnowflakeSql.quote("a\"b"));
        assertEquals("\"x\"\"; DROP TABLE users; --\"", SnowflakeSql.quote("x\"; DROP TABLE users; --"));
        assertEquals("\"it's\"", SnowflakeSql.quote("it's"));
    }

    @Test
    void discoverWrapsTheQueryWithLimitZero() {
        assertEquals("SELECT * FROM (\nSELECT * FROM users -- all\n) AS \"krenalis_q\" LIMIT 0",
                SnowflakeSql.describe(" SELECT * FROM users -- all ;\n; "));
        assertThrows(IllegalArgumentException.class, () -> SnowflakeSql.describe(";"));
    }

    @Test
    void aFullReadIsOrderedByUpdatedAtAndIdentityTextOnlyWithAnUpdatedAtColumn() {
        assertEquals("SELECT * FROM (\nSELECT 1 AS id\n) AS \"krenalis_q\"", SnowflakeSql.fullRead("SELECT 1 AS id", "ID", null));
        assertEquals("SELECT * FROM (\nSELECT * FROM users\n) AS \"krenalis_q\" ORDER BY \"UPDATED_AT\", CAST(\"ID\" AS VARCHAR)",
                SnowflakeSql.fullRead("SELECT * FROM users", "ID", "UPDATED_AT"));
    }

    @Test
    void anIncrementalReadBindsTheCursorConvertedToTheColumnsType() {
        assertEquals("SELECT * FROM (\nSELECT * FROM users\n) AS \"krenalis_q\" WHERE \"UPDATED_AT\" > "
                        + "TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9') OR (\"UPDATED_AT\" = "
                        + "TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9') AND CAST(\"ID\" AS VARCHAR) > ?) "
                        + "ORDER BY \"UPDATED_AT\", CAST(\"ID\" AS VARCHAR)",
                SnowflakeSql.incrementalRead("SELECT * FROM users", "ID", "UPDATED_AT", SnowflakeSql.TimeKind.TIMESTAMP_NTZ));
        String tz = SnowflakeSql.incrementalRead("SELECT 1", "Id\"x", "changed", SnowflakeSql.TimeKind.TIMESTAMP_TZ);
        assertEquals(true, tz.contains("\"changed\" > TO_TIMESTAMP_TZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')"), tz);
        assertEquals(true, tz.contains("CAST(\"Id\"\"x\" AS VARCHAR) > ?"), tz);
        assertEquals(true, SnowflakeSql.incrementalRead("SELECT 1", "ID", "D", SnowflakeSql.TimeKind.DATE)
                .contains("\"D\" > TO_DATE(?, 'YYYY-MM-DD')"));
    }

    @Test
    void cursorParametersAreTheTimeTwiceThenTheIdentityAsTheyAre() {
        ReadCursor cursor = new ReadCursor(AT, "O'Brien\"); --");
        assertEquals(List.of("2026-03-01 10:00:00.123000000", "2026-03-01 10:00:00.123000000", "O'Brien\"); --"),
                SnowflakeSql.cursorParameters(cursor, SnowflakeSql.TimeKind.TIMESTAMP_NTZ));
        assertEquals("2026-03-01 10:00:00.123000000 +00:00", SnowflakeSql.cursorTime(AT, SnowflakeSql.TimeKind.TIMESTAMP_TZ));
        assertEquals("2026-03-01", SnowflakeSql.cursorTime(AT, SnowflakeSql.TimeKind.DATE));
    }
}
