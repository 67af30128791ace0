package com.krenalis.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.ColumnDefinition;
import com.krenalis.api.warehouse.TableChange;
import com.krenalis.api.warehouse.TableDefinition;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.testing.TestPostgres;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Warehouse.planChange / applyChange on a real PostgreSQL: what each change does to the table and its data. */
class TableChangeIT {
    private final PostgresWarehouseDriver driver = new PostgresWarehouseDriver();
    private String url;
    private Warehouse warehouse;

    @BeforeEach
    void open() throws Exception {
        url = TestPostgres.newDatabase("change");
        warehouse = driver.open(driver.settings().validate(Map.of("url", url, "user", TestPostgres.user(), "schema", "ws")));
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private static TableDefinition table(ColumnDefinition... columns) {
        List<ColumnDefinition> all = new ArrayList<>(List.of(new ColumnDefinition("id", Type.int64(), false)));
        all.addAll(Arrays.asList(columns));
        return new TableDefinition("t", all, List.of("id"));
    }

    private static ColumnDefinition column(String name, Type type) {
        return new ColumnDefinition(name, type, true);
    }

    private Map<String, String> columnTypes() throws Exception {
        return warehouse.execute(c -> {
            Map<String, String> types = new LinkedHashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                            + "WHERE a.attrelid = 'ws.t'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
            return types;
        });
    }

    private List<String> strings(String sql) throws Exception {
        return warehouse.execute(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private void load(List<String> columns, Object[]... rows) throws Exception {
        warehouse.load("t", columns, Arrays.asList(rows).iterator());
    }

    @Test
    void aMissingTableIsCreatedWithItsNamespaceAndThenThereIsNothingToDo() throws Exception {
        TableChange plan = warehouse.planChange(table(column("email", Type.string(320))));
        assertEquals(2, plan.statements().size(), plan.toString());
        assertFalse(plan.isDestructive());
        assertFalse(plan.applied());
        assertTrue(strings("SELECT nspname FROM pg_namespace WHERE nspname = 'ws'").isEmpty(), "a plan runs nothing");
        TableChange applied = warehouse.applyChange(table(column("email", Type.string(320))), false, null);
        assertTrue(applied.applied());
        assertEquals(plan.statements(), applied.statements());
        TableChange again = warehouse.planChange(table(column("email", Type.string(320))));
        assertTrue(again.statements().isEmpty(), again.toString());
    }

    @Test
    void wideningKeepsTheDataAndIsNotDestructive() throws Exception {
        warehouse.applyChange(table(column("name", Type.string(5)), column("n", Type.int32()), column("d", Type.decimal(5, 2)),
                column("tags", Type.array(Type.string(3)))), false, null);
        load(List.of("id", "name", "n", "d", "tags"), new Object[] {1L, "Ada", 2_000_000_000L, new java.math.BigDecimal("123.45"), List.of("a", "bcd")});
        TableChange change = warehouse.applyChange(table(column("name", Type.string(50)), column("n", Type.int64()),
                column("d", Type.decimal(8, 3)), column("tags", Type.array(Type.string()))), false, null);
        assertTrue(change.applied());
        assertFalse(change.isDestructive(), change.toString());
        assertEquals(4, change.statements().size());
        assertTrue(change.statements().stream().noneMatch(s -> s.contains("USING")), change.toString());
        assertEquals(Map.of("id", "bigint", "name", "character varying(50)", "n", "bigint", "d", "numeric(8,3)", "tags", "text[]"),
                columnTypes());
        assertEquals(List.of("Ada|2000000000|123.450|{a,bcd}"), strings("SELECT name || '|' || n || '|' || d || '|' || tags::text FROM ws.t"));
    }

    @Test
    void aDestructiveChangeRunsOnlyWhenAllowed() throws Exception {
        warehouse.applyChange(table(column("name", Type.string()), column("age", Type.int32())), false, null);
        load(List.of("id", "name", "age"), new Object[] {1L, "Ada", 36L});
        TableDefinition withoutAge = table(column("name", Type.string()));
        TableChange refused = warehouse.applyChange(withoutAge, false, c -> {
            throw new AssertionError("beforeCommit must not run for a refused change");
        });
        assertFalse(refused.applied());
        assertEquals(List.of("drops column \"age\" (integer) and its data"), refused.destructive());
        assertEquals(List.of("ALTER TABLE \"ws\".\"t\" DROP COLUMN \"age\""), refused.statements());
        assertTrue(columnTypes().containsKey("age"), "nothing ran");
        TableChange dropped = warehouse.applyChange(withoutAge, true, null);
        assertTrue(dropped.applied());
        assertEquals(Map.of("id", "bigint", "name", "text"), columnTypes());
    }

    @Test
    void aConversionKeepsConvertibleValuesAndFailsWithoutChangingAnythingOtherwise() throws Exception {
        warehouse.applyChange(table(column("code", Type.string()), column("amount", Type.decimal(10, 4))), false, null);
        load(List.of("id", "code", "amount"), new Object[] {1L, "42", new java.math.BigDecimal("1.2345")});
        TableChange change = warehouse.applyChange(table(column("code", Type.int64()), column("amount", Type.decimal(10, 2))), true, null);
        assertEquals(2, change.destructive().size(), change.toString());
        assertTrue(change.destructive().get(1).contains("rounds values to 2 decimal places"), change.toString());
        assertEquals(List.of("42|1.23"), strings("SELECT code || '|' || amount FROM ws.t"));
        TableChange back = warehouse.applyChange(table(column("code", Type.string()), column("amount", Type.decimal(10, 2))), true, null);
        assertTrue(back.destructive().get(0).contains("values become their text form"), back.toString());
        load(List.of("id", "code"), new Object[] {2L, "toolong"});
        TableDefinition shorter = table(column("code", Type.string(3)), column("amount", Type.decimal(10, 2)));
        WarehouseException e = assertThrows(WarehouseException.class, () -> warehouse.applyChange(shorter, true, null));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
        assertEquals("text", columnTypes().get("code"), "the failed change left the column as it was");
        assertEquals(List.of("42", "toolong"), strings("SELECT code FROM ws.t ORDER BY id"), "never truncated");
        WarehouseException notANumber = assertThrows(WarehouseException.class,
                () -> warehouse.applyChange(table(column("code", Type.int64()), column("amount", Type.decimal(10, 2))), true, null));
        assertFalse(notANumber.isTransient());
        assertEquals("text", columnTypes().get("code"));
    }

    @Test
    void whatCannotBeConvertedIsReplacedByAnEmptyColumn() throws Exception {
        warehouse.applyChange(table(column("tags", Type.array(Type.string()))), false, null);
        load(List.of("id", "tags"), new Object[] {1L, List.of("a")});
        TableChange change = warehouse.applyChange(table(column("tags", Type.json())), true, null);
        assertEquals(List.of("ALTER TABLE \"ws\".\"t\" DROP COLUMN \"tags\"", "ALTER TABLE \"ws\".\"t\" ADD COLUMN \"tags\" jsonb"),
                change.statements());
        assertTrue(change.destructive().get(0).contains("its data is lost"));
        assertEquals(Arrays.asList((String) null), strings("SELECT tags::text FROM ws.t"));
    }

    @Test
    void timesConvertInUtcAndAddressesWithoutTheirNetmask() throws Exception {
        warehouse.applyChange(table(column("at", Type.datetime()), column("ip", Type.ip()), column("ips", Type.array(Type.ip()))), false, null);
        load(List.of("id", "at", "ip", "ips"), new Object[] {1L, java.time.Instant.parse("2026-03-01T23:30:00Z"), "192.0.2.1",
                List.of("2001:db8::1", "10.0.0.1")});
        // Sessions at UTC+14, where 23:30 UTC is already the next day (the JDBC driver sets the session's zone to
        // the JVM's).
        java.util.TimeZone jvmZone = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
            warehouse.close();
            warehouse = driver.open(driver.settings().validate(Map.of("url", url, "user", TestPostgres.user(), "schema", "ws")));
            assertEquals(List.of("2026-03-02"), strings("SELECT at::date::text FROM ws.t"), "the session's zone applies");
            warehouse.applyChange(table(column("at", Type.date()), column("ip", Type.string()), column("ips", Type.array(Type.string()))), true, null);
        } finally {
            java.util.TimeZone.setDefault(jvmZone);
        }
        assertEquals(List.of("2026-03-01|192.0.2.1|{2001:db8::1,10.0.0.1}"), strings("SELECT at || '|' || ip || '|' || ips::text FROM ws.t"));
    }

    @Test
    void namesThatAreSqlKeywordsAreQuoted() throws Exception {
        TableDefinition keywords = table(column("select", Type.string()), column("order", Type.int32()), column("user", Type.bool()));
        warehouse.applyChange(keywords, false, null);
        load(List.of("id", "select", "order", "user"), new Object[] {1L, "x", 1L, true});
        TableChange change = warehouse.applyChange(table(column("select", Type.string()), column("order", Type.int64())), true, null);
        assertEquals(List.of("ALTER TABLE \"ws\".\"t\" DROP COLUMN \"user\"",
                "ALTER TABLE \"ws\".\"t\" ALTER COLUMN \"order\" TYPE bigint"), change.statements());
        assertEquals(List.of("x|1"), strings("SELECT \"select\" || '|' || \"order\" FROM ws.t"));
    }

    @Test
    void aFailingBeforeCommitRollsTheWholeChangeBack() throws Exception {
        warehouse.applyChange(table(column("a", Type.string())), false, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> warehouse.applyChange(
                table(column("a", Type.string()), column("b", Type.string())), false, c -> {
                    throw new IllegalStateException("the metadata store said no");
                }));
        assertEquals("the metadata store said no", e.getMessage());
        assertFalse(columnTypes().containsKey("b"));
        WarehouseException sql = assertThrows(WarehouseException.class, () -> warehouse.applyChange(
                table(column("a", Type.string()), column("b", Type.string())), false, c -> {
                    throw new SQLException("conflict", "40001");
                }));
        assertTrue(sql.isTransient());
        assertFalse(columnTypes().containsKey("b"));
    }

    @Test
    void addedColumnsAreNullableAndKeepExistingRows() throws Exception {
        warehouse.applyChange(table(), false, null);
        load(List.of("id"), new Object[] {1L});
        warehouse.applyChange(table(new ColumnDefinition("required", Type.string(), false)), false, null);
        assertNull(strings("SELECT required FROM ws.t").get(0));
    }
}
