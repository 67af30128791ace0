package com.krenalis.connector.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.krenalis.connector.database.ReadCursor;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseSqlTest {

    @Test
    void quotesIdentifiersWithBackquotesEscapingBackquotesAndBackslashes() {
        assertEquals("`id`", ClickHouseSql.quote("id"));
        assertEquals("`a\\`b`", ClickHouseSql.quote("a`b"));
        assertEquals("`x\\\\`", ClickHouseSql.quote("x\\"), "a trailing backslash cannot escape the closing quote");
        assertEquals("`x\\\\\\`; DROP TABLE users; --`", ClickHouseSql.quote("x\\`; DROP TABLE users; --"));
        assertEquals("`say \"hi\"`", ClickHouseSql.quote("say \"hi\""), "double quotes need no escape in backquotes");
    }

    @Test
    void wrapsTheQueryWithoutItsSemicolonAndClosesAfterAComment() {
        assertEquals("DESCRIBE TABLE (\nSELECT * FROM users -- all\n)",
                ClickHouseSql.describe("  SELECT * FROM users -- all ;; "));
        assertEquals("SELECT * FROM (\nSELECT 1\n) AS krenalis_q", ClickHouseSql.fullRead("SELECT 1;", "id", null));
        assertThrows(IllegalArgumentException.class, () -> ClickHouseSql.body(" ; "));
    }

    @Test
    void aFullReadWithAnUpdatedAtColumnIsOrderedByItAndTheIdentityText() {
        assertEquals("SELECT * FROM (\nSELECT * FROM users\n) AS krenalis_q ORDER BY `updated_at`, toString(`id`)",
                ClickHouseSql.fullRead("SELECT * FROM users", "id", "updated_at"));
    }

    @Test
    void anIncrementalReadComparesWithServerSideParameters() {
        String sql = ClickHouseSql.incrementalRead("SELECT * FROM users", "user`id", "updated_at");
        assertEquals("SELECT * FROM (\nSELECT * FROM users\n) AS krenalis_q WHERE `updated_at` > "
                + "{krenalis_cursor_at:DateTime64(9, 'UTC')} OR (`updated_at` = {krenalis_cursor_at:DateTime64(9, 'UTC')} "
                + "AND toString(`user\\`id`) > {krenalis_cursor_id:String}) ORDER BY `updated_at`, toString(`user\\`id`)", sql);
        Map<String, Object> params = ClickHouseSql.cursorParameters(
                new ReadCursor(Instant.parse("2026-03-01T10:00:00.123Z"), "O'Brien\"); --"));
        assertEquals(Map.of("krenalis_cursor_at", "2026-03-01 10:00:00.123000000", "krenalis_cursor_id", "O'Brien\"); --"),
                params, "values travel as parameters, as they are");
    }
}
