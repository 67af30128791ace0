package com.krenalis.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cursors, SQL around the query, property names, JSON values and pipeline settings, without a database. */
class DatabaseSourceBaseTest {

    /** A dialect quoting with brackets, to see where quoting happens. */
    private static final SqlDialect BRACKETS = new SqlDialect() {
        @Override public String quote(String identifier) { return "[" + identifier.replace("]", "]]") + "]"; }
        @Override public String textOf(String expression) { return "TEXT(" + expression + ")"; }
        @Override public Connection connect(Settings s, Duration c, Duration t) { throw new UnsupportedOperationException(); }
        @Override public void beginReadOnly(Connection connection) { }
        @Override public ColumnType columnType(ResultSetMetaData m, int i) { throw new UnsupportedOperationException(); }
        @Override public void bindInstant(PreparedStatement s, int i, Instant v) { }
        @Override public CheckResult explain(SQLException failure, Settings settings) { return CheckResult.failed("x"); }
    };

    @Test
    void cursorsRoundTripAndMalformedOnesAreErrors() throws Exception {
        ReadCursor c = new ReadCursor(Instant.parse("2026-03-01T10:00:00.123456Z"), "id|with|bars");
        assertEquals("1|2026-03-01T10:00:00.123456Z|id|with|bars", c.encode());
        assertEquals(c, ReadCursor.parse(c.encode()));
        assertEquals(new ReadCursor(Instant.EPOCH, ""), ReadCursor.parse("1|1970-01-01T00:00:00Z|"));
        for (String bad : new String[] {"", "not a cursor \u0000", "2|1970-01-01T00:00:00Z|x", "1|yesterday|x",
                "1|1970-01-01T00:00:00Z", "2026-03-01T10:00:00Z"}) {
            assertThrows(ConnectorException.class, () -> ReadCursor.parse(bad), bad);
        }
    }

    @Test
    void readSqlQuotesColumnsAndBindsTheCursor() throws Exception {
        QuerySql sql = new QuerySql(BRACKETS);
        DatabasePipeline p = new DatabasePipeline("SELECT * FROM t; ; ", "i]d", "up");
        assertEquals("SELECT krenalis_q.*, TEXT(krenalis_q.[i]]d]) AS krenalis_identity FROM (\nSELECT * FROM t\n) krenalis_q"
                + " WHERE krenalis_q.[up] > ? OR (krenalis_q.[up] = ? AND TEXT(krenalis_q.[i]]d]) > ?)"
                + " ORDER BY krenalis_q.[up], TEXT(krenalis_q.[i]]d])", sql.read(p, true));
        assertEquals("SELECT krenalis_q.*, TEXT(krenalis_q.[id]) AS krenalis_identity FROM (\nSELECT 1 -- note\n) krenalis_q",
                sql.read(new DatabasePipeline("SELECT 1 -- note", "id", null), false));
        assertEquals("SELECT * FROM (\nSELECT 1\n) krenalis_q WHERE 1=0", sql.discover("SELECT 1;"));
        assertThrows(ConnectorException.class, () -> sql.discover(" ; "));
    }

    @Test
    void columnNamesBecomePropertyNames() {
        assertEquals("email", ResultColumns.propertyName("email"));
        assertEquals("a_b", ResultColumns.propertyName("a\"b"));
        assertEquals("_column_", ResultColumns.propertyName("?column?"));
        assertEquals("_1st", ResultColumns.propertyName("1st"));
        assertEquals("Zo_", ResultColumns.propertyName("Zoë"));
        assertEquals("_", ResultColumns.propertyName(""));
        assertEquals(63, ResultColumns.propertyName("x".repeat(70) + "-").length());
    }

    @Test
    void jsonBecomesJsonLikeValues() {
        assertEquals(Map.of("a", List.of(1L, new BigDecimal("2.50"), "x", true), "b", Map.of()),
                JsonValues.parse("{\"a\": [1, 2.50, \"x\", true], \"b\": {}}"));
        assertEquals(Arrays.asList(null, new BigDecimal("123456789012345678901234567890")),
                JsonValues.parse("[null, 123456789012345678901234567890]"));
        assertEquals("text", JsonValues.parse("\"text\""));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.parse("{\"a\": "));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.parse("1 2"));
        assertThrows(IllegalArgumentException.class, () -> JsonValues.parse(""));
    }

    @Test
    void pipelineSettingsAreValidatedPerField() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> DatabasePipeline.SPEC.validate(Map.of("query", "SELECT 1", "identityColumn", "a\u0001b")));
        assertEquals("identityColumn", e.errors().get(0).field());
        e = assertThrows(InvalidSettingsException.class,
                () -> DatabasePipeline.SPEC.validate(Map.of("identityColumn", "id")));
        assertEquals("query", e.errors().get(0).field());
    }

    @Test
    void pipelineWithoutUpdatedAtColumn() throws Exception {
        DatabasePipeline p = DatabasePipeline.of(DatabasePipeline.SPEC.validate(
                Map.of("query", "SELECT 1", "identityColumn", "a\"b", "updatedAtColumn", "")));
        assertEquals(new DatabasePipeline("SELECT 1", "a\"b", null), p);
    }
}
