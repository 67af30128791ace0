package com.krenalis.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.Type;
import com.krenalis.connector.database.DatabasePipeline;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQL around the query, columns and property names, JSON values, without a database (cursors: ReadCursorTest). */
class DatabaseSourceBaseTest {

    /** A dialect quoting with brackets, to see where quoting happens. */
    private static final SqlDialect BRACKETS = new SqlDialect() {
        @Override public String quote(String identifier) { return "[" + identifier.replace("]", "]]") + "]"; }
        @Override public String textOf(String expression) { return "TEXT(" + expression + ")"; }
        @Override public Connection connect(Settings s, Duration c, Duration t) { throw new UnsupportedOperationException(); }
        @Override public void beginReadOnly(Connection connection) { }
        @Override public ColumnType columnType(ResultSetMetaData m, int i) { throw new UnsupportedOperationException(); }
        @Override public void bindInstant(PreparedStatement s, int i, Instant v, ColumnType t) { }
        @Override public CheckResult explain(SQLException failure, Settings settings) { return CheckResult.failed("x"); }
    };

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
    void anUnorderedFullReadHasNoOrderByButAReadFromACursorAlwaysHasOne() throws Exception {
        QuerySql sql = new QuerySql(BRACKETS);
        DatabasePipeline p = new DatabasePipeline("SELECT * FROM t", "id", "up");
        assertEquals("SELECT krenalis_q.*, TEXT(krenalis_q.[id]) AS krenalis_identity FROM (\nSELECT * FROM t\n) krenalis_q",
                sql.read(p, false, null, false));
        assertEquals(sql.read(p, false), sql.read(p, false, null, true));
        assertTrue(sql.read(p, false).endsWith(" ORDER BY krenalis_q.[up], TEXT(krenalis_q.[id])"));
        assertEquals(sql.read(p, true), sql.read(p, true, null, false));
    }

    @Test
    void codePointOrderIsThatOfUtf8Bytes() {
        // UTF-16 puts U+FF5E after the surrogates of U+1F600; UTF-8 bytes (and code points) put it before.
        List<String> texts = List.of("\uD83D\uDE00", "\uFF5E", "a", "", "ab", "B", "\u00E9",
                "\uD83D\uDE00a", "\uD7FF", "\uE000");
        for (int i = 0; i < texts.size(); i++) {
            for (int j = 0; j < texts.size(); j++) {
                String a = texts.get(i);
                String b = texts.get(j);
                int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
                assertEquals(Integer.signum(bytes), Integer.signum(SqlDialect.CODE_POINT_ORDER.compare(a, b)), a + " vs " + b);
            }
        }
        assertTrue(SqlDialect.CODE_POINT_ORDER.compare("\uFF5E", "\uD83D\uDE00") < 0);
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

    /** A dialect like Snowflake's: upper-case names read as lower-case properties, named either way; dates as updated-at. */
    private static final SqlDialect UPPER = new SqlDialect() {
        @Override public String quote(String identifier) { return "\"" + identifier.replace("\"", "\"\"") + "\""; }
        @Override public String textOf(String expression) { return "CAST(" + expression + " AS VARCHAR)"; }
        @Override public Connection connect(Settings s, Duration c, Duration t) { throw new UnsupportedOperationException(); }
        @Override public void beginReadOnly(Connection connection) { }
        @Override public ColumnType columnType(ResultSetMetaData m, int i) throws SQLException {
            return new ColumnType(m.getColumnTypeName(i).equals("DATE") ? Type.date() : Type.string(), ValueReaders.STRING);
        }
        @Override public void bindInstant(PreparedStatement s, int i, Instant v, ColumnType t) { }
        @Override public String instantParameter(ColumnType t) { return "TO_" + t.type().kind().jsonName() + "(?)"; }
        @Override public CheckResult explain(SQLException failure, Settings settings) { return CheckResult.failed("x"); }
        @Override public boolean resolvesColumnNames() { return true; }
        @Override public String propertyName(String column) {
            return super.propertyName(column.equals(column.toUpperCase()) ? column.toLowerCase() : column);
        }
        @Override public boolean isUpdatedAtType(ColumnType t) { return super.isUpdatedAtType(t) || t.type().equals(Type.date()); }
        @Override public String updatedAtTypes() { return "a DATE or a TIMESTAMP"; }
    };

    /** The metadata of a result with these (name, type name) columns. */
    private static ResultSetMetaData metaData(String... namesAndTypes) {
        return (ResultSetMetaData) Proxy.newProxyInstance(ResultSetMetaData.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getColumnCount" -> namesAndTypes.length / 2;
                    case "getColumnLabel" -> namesAndTypes[2 * ((Integer) args[0] - 1)];
                    case "getColumnTypeName" -> namesAndTypes[2 * ((Integer) args[0] - 1) + 1];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aDialectMayLetThePipelineNameColumnsByProperty() throws Exception {
        ResultColumns columns = ResultColumns.of(UPPER, metaData("ID", "VARCHAR", "firstName", "VARCHAR",
                "CHANGED", "DATE"), 3);
        assertEquals(List.of("id", "firstName", "changed"),
                columns.schema().properties().stream().map(p -> p.name()).toList());
        assertEquals("ID", columns.require("identityColumn", "id", false).name());
        assertEquals("ID", columns.require("identityColumn", "ID", false).name());
        assertEquals("CHANGED", columns.require("updatedAtColumn", "changed", true).name());
        ConnectorException notTime = assertThrows(ConnectorException.class,
                () -> columns.require("updatedAtColumn", "firstName", true));
        assertTrue(notTime.getMessage().contains("it must be a DATE or a TIMESTAMP"), notTime.getMessage());
        ConnectorException twice = assertThrows(ConnectorException.class,
                () -> ResultColumns.of(UPPER, metaData("ID", "VARCHAR", "id", "VARCHAR"), 2));
        assertTrue(twice.getMessage().contains("both become property 'id'"), twice.getMessage());
    }

    @Test
    void byDefaultThePipelineNamesColumnsExactlyAndTheUpdatedAtIsATimestamp() throws Exception {
        ResultColumns columns = ResultColumns.of(BRACKETS_WITH_TYPES, metaData("ID", "VARCHAR", "d", "DATE"), 2);
        ConnectorException missing = assertThrows(ConnectorException.class,
                () -> columns.require("identityColumn", "id", false));
        assertTrue(missing.getMessage().contains("'id' is not a column of the query"), missing.getMessage());
        ConnectorException notTime = assertThrows(ConnectorException.class,
                () -> columns.require("updatedAtColumn", "d", true));
        assertTrue(notTime.getMessage().contains("it must be a timestamp"), notTime.getMessage());
    }

    private static final SqlDialect BRACKETS_WITH_TYPES = new SqlDialect() {
        @Override public String quote(String identifier) { return BRACKETS.quote(identifier); }
        @Override public String textOf(String expression) { return BRACKETS.textOf(expression); }
        @Override public Connection connect(Settings s, Duration c, Duration t) { throw new UnsupportedOperationException(); }
        @Override public void beginReadOnly(Connection connection) { }
        @Override public ColumnType columnType(ResultSetMetaData m, int i) throws SQLException {
            return UPPER.columnType(m, i);
        }
        @Override public void bindInstant(PreparedStatement s, int i, Instant v, ColumnType t) { }
        @Override public CheckResult explain(SQLException failure, Settings settings) { return CheckResult.failed("x"); }
    };

    @Test
    void theCursorsInstantMayBeConvertedToTheUpdatedAtColumnsType() throws Exception {
        String sql = new QuerySql(UPPER).read(new DatabasePipeline("SELECT 1", "ID", "CHANGED"), true,
                new ColumnType(Type.date(), ValueReaders.DATE));
        assertEquals("SELECT krenalis_q.*, CAST(krenalis_q.\"ID\" AS VARCHAR) AS krenalis_identity FROM (\nSELECT 1\n)"
                + " krenalis_q WHERE krenalis_q.\"CHANGED\" > TO_date(?) OR (krenalis_q.\"CHANGED\" = TO_date(?) AND"
                + " CAST(krenalis_q.\"ID\" AS VARCHAR) > ?) ORDER BY krenalis_q.\"CHANGED\", CAST(krenalis_q.\"ID\" AS VARCHAR)",
                sql);
    }

    @Test
    void aDateUpdatedAtIsItsMidnightInUtc() {
        assertEquals(Instant.parse("1988-02-29T00:00:00Z"), DatabaseSource.instantOf(LocalDate.parse("1988-02-29")));
        assertEquals(Instant.EPOCH, DatabaseSource.instantOf(Instant.EPOCH));
        assertEquals(null, DatabaseSource.instantOf(null));
    }
}
