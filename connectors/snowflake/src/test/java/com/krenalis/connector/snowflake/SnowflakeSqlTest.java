package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.connector.database.DatabasePipeline;
import com.krenalis.connector.jdbc.ColumnType;
import com.krenalis.connector.jdbc.QuerySql;
import java.sql.Types;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Snowflake's quoting, identity text and cursor conversions, in the SQL every database source wraps a query in. */
class SnowflakeSqlTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final SnowflakeDialect DIALECT = new SnowflakeDialect();
    private static final QuerySql SQL = new QuerySql(DIALECT);

    private static ColumnType updatedAt(String typeName) {
        SnowflakeColumn c = new SnowflakeColumn("UPDATED_AT", typeName, Types.TIMESTAMP, 0, 3);
        return new ColumnType(c.type(), c);
    }

    @Test
    void quotesIdentifiersWithDoubleQuotesDoublingInnerOnes() {
        assertEquals("\"ID\"", DIALECT.quote("ID"));
        assertEquals("\"id\"", DIALECT.quote("id"), "quoted names keep their case");
        assertEquals("\"a\"\"b\"", DIALECT.quote("a\"b"));
        assertEquals("\"x\"\"; DROP TABLE users; --\"", DIALECT.quote("x\"; DROP TABLE users; --"));
        assertEquals("\"it's\"", DIALECT.quote("it's"));
    }

    @Test
    void aFullReadIsOrderedByUpdatedAtAndIdentityTextOnlyWithAnUpdatedAtColumn() throws Exception {
        assertEquals("SELECT krenalis_q.*, CAST(krenalis_q.\"ID\" AS VARCHAR) AS krenalis_identity FROM (\n"
                + "SELECT 1 AS id -- one\n) krenalis_q", SQL.read(new DatabasePipeline(" SELECT 1 AS id -- one ;\n; ", "ID",
                null), false));
        assertEquals("SELECT krenalis_q.*, CAST(krenalis_q.\"ID\" AS VARCHAR) AS krenalis_identity FROM (\n"
                + "SELECT * FROM users\n) krenalis_q ORDER BY krenalis_q.\"UPDATED_AT\", CAST(krenalis_q.\"ID\" AS VARCHAR)",
                SQL.read(new DatabasePipeline("SELECT * FROM users", "ID", "UPDATED_AT"), false,
                        updatedAt("TIMESTAMP_NTZ")));
    }

    @Test
    void anIncrementalReadBindsTheCursorConvertedToTheColumnsType() throws Exception {
        assertEquals("SELECT krenalis_q.*, CAST(krenalis_q.\"ID\" AS VARCHAR) AS krenalis_identity FROM (\n"
                        + "SELECT * FROM users\n) krenalis_q WHERE krenalis_q.\"UPDATED_AT\" > "
                        + "TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9') OR (krenalis_q.\"UPDATED_AT\" = "
                        + "TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9') AND CAST(krenalis_q.\"ID\" AS VARCHAR) > ?) "
                        + "ORDER BY krenalis_q.\"UPDATED_AT\", CAST(krenalis_q.\"ID\" AS VARCHAR)",
                SQL.read(new DatabasePipeline("SELECT * FROM users", "ID", "UPDATED_AT"), true,
                        updatedAt("TIMESTAMP_NTZ")));
        String tz = SQL.read(new DatabasePipeline("SELECT 1", "Id\"x", "changed"), true, updatedAt("TIMESTAMP_LTZ"));
        assertTrue(tz.contains("krenalis_q.\"changed\" > TO_TIMESTAMP_TZ(?, 'YYYY-MM-DD HH24:MI:SS.FF9 TZH:TZM')"), tz);
        assertTrue(tz.contains("CAST(krenalis_q.\"Id\"\"x\" AS VARCHAR) > ?"), tz);
        assertTrue(SQL.read(new DatabasePipeline("SELECT 1", "ID", "D"), true, updatedAt("DATE"))
                .contains("krenalis_q.\"D\" > TO_DATE(?, 'YYYY-MM-DD')"));
    }

    @Test
    void cursorTimesAreTextForTheColumnsConversion() {
        assertEquals("2026-03-01 10:00:00.123000000", SnowflakeSql.cursorTime(AT, SnowflakeSql.TimeKind.TIMESTAMP_NTZ));
        assertEquals("2026-03-01 10:00:00.123000000 +00:00", SnowflakeSql.cursorTime(AT, SnowflakeSql.TimeKind.TIMESTAMP_TZ));
        assertEquals("2026-03-01", SnowflakeSql.cursorTime(AT, SnowflakeSql.TimeKind.DATE));
    }
}
