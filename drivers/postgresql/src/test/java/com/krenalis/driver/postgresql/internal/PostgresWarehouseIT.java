package com.krenalis.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.ColumnDefinition;
import com.krenalis.api.warehouse.TableDefinition;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.testing.TestPostgres;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresWarehouseIT {
    private final PostgresWarehouseDriver driver = new PostgresWarehouseDriver();
    private Warehouse warehouse;

    @BeforeEach
    void open() throws Exception {
        warehouse = open("ws_test");
    }

    private Warehouse open(String schema) throws Exception {
        String url = TestPostgres.newDatabase("driver");
        return driver.open(driver.settings().validate(Map.of("url", url, "user", TestPostgres.user(), "schema", schema)));
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private static TableDefinition people(ColumnDefinition... extra) {
        List<ColumnDefinition> columns = new ArrayList<>(List.of(
                new ColumnDefinition("id", Type.int64(), false),
                new ColumnDefinition("email", Type.string(320), true),
                new ColumnDefinition("seen_at", Type.datetime(), true),
                new ColumnDefinition("tags", Type.array(Type.string()), true),
                new ColumnDefinition("traits", Type.json(), true)));
        columns.addAll(List.of(extra));
        return new TableDefinition("people", columns, List.of("id"));
    }

    @Test
    void applyCreatesSchemaAndTableOnceThenNothing() throws Exception {
        List<String> first = warehouse.apply(List.of(people()));
        assertEquals(2, first.size(), first.toString());
        assertTrue(first.get(0).startsWith("CREATE SCHEMA"));
        assertTrue(warehouse.plan(List.of(people())).isEmpty(), "a second plan has nothing to do");
    }

    @Test
    void addedPropertyBecomesANullableColumnAndExistingDataStays() throws Exception {
        warehouse.apply(List.of(people()));
        warehouse.load("people", List.of("id", "email"), List.<Object[]>of(new Object[] {1L, "a@example.com"}).iterator());
        List<String> ddl = warehouse.apply(List.of(people(new ColumnDefinition("score", Type.decimal(10, 2), false))));
        assertEquals(List.of("ALTER TABLE \"ws_test\".\"people\" ADD COLUMN \"score\" numeric(10,2)"), ddl);
        long rows = warehouse.execute(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM people WHERE score IS NULL")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(1, rows);
    }

    @Test
    void aColumnOfAnotherTypeIsRefusedNotChanged() throws Exception {
        warehouse.apply(List.of(people()));
        TableDefinition changed = new TableDefinition("people",
                List.of(new ColumnDefinition("id", Type.int64(), false), new ColumnDefinition("email", Type.int32(), true)),
                List.of("id"));
        WarehouseException e = assertThrows(WarehouseException.class, () -> warehouse.apply(List.of(changed)));
        assertTrue(e.getMessage().contains("people.email"), e.getMessage());
    }

    @Test
    void hostileIdentifiersAreQuoted() throws Exception {
        String evil = "x\"; DROP TABLE people; --";
        warehouse.apply(List.of(people()));
        warehouse.apply(List.of(new TableDefinition(evil, List.of(new ColumnDefinition(evil, Type.string(), true)), List.of())));
        warehouse.load(evil, List.of(evil), List.<Object[]>of(new Object[] {"ok"}).iterator());
        assertTrue(warehouse.plan(List.of(people())).isEmpty(), "people still exists");
        assertEquals("\"a\"\"b\"", warehouse.quote("a\"b"));
    }

    @Test
    void copyLoadsEveryValueExactly() throws Exception {
        warehouse.apply(List.of(people()));
        Instant seen = Instant.parse("2026-11-23T10:15:30.123456Z");
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, "quote\" comma, newline\n and \\ backslash", seen, List.of("a", "b\"c", "d,e"), "{\"k\": [1, 2]}"});
        rows.add(new Object[] {2L, "", null, null, null});
        IntStream.range(3, 20_003).forEach(i -> rows.add(new Object[] {(long) i, "u" + i + "@example.com", seen, List.of(), "{}"}));
        assertEquals(20_002, warehouse.load("people", List.of("id", "email", "seen_at", "tags", "traits"), rows.iterator()));
        warehouse.execute(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, email, seen_at, tags, traits::text FROM people WHERE id <= 2 ORDER BY id")) {
                rs.next();
                assertEquals("quote\" comma, newline\n and \\ backslash", rs.getString(2));
                assertEquals(seen, rs.getObject(3, java.time.OffsetDateTime.class).toInstant());
                assertEquals(List.of("a", "b\"c", "d,e"), List.of((Object[]) rs.getArray(4).getArray()));
                assertEquals("{\"k\": [1, 2]}", rs.getString(5));
                rs.next();
                assertEquals("", rs.getString(2), "an empty string is not NULL");
                assertNull(rs.getObject(3));
                return null;
            }
        });
    }

    private long count(Warehouse w, String sql) throws Exception {
        return w.execute(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void loadsOnlyNewKeys(Warehouse w) throws Exception {
        w.apply(List.of(people()));
        List<String> columns = List.of("id", "email", "seen_at", "traits");
        Instant seen = Instant.parse("2026-11-23T10:15:30.123Z");
        assertEquals(2, w.loadNew("people", columns, "id", List.of(
                new Object[] {1L, "one@example.com", seen, "{\"a\": 1}"},
                new Object[] {2L, "two@example.com", null, null}).iterator()));
        assertEquals(1, w.loadNew("people", columns, "id", List.of(
                new Object[] {2L, "changed@example.com", null, null},
                new Object[] {3L, "three@example.com", null, null},
                new Object[] {3L, "three again@example.com", null, null}).iterator()), "only key 3, once");
        assertEquals(0, w.loadNew("people", columns, "id", List.<Object[]>of().iterator()));
        assertThrows(IllegalArgumentException.class, () -> w.loadNew("people", columns, "nope", List.<Object[]>of().iterator()));
        w.execute(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, email, seen_at, traits::text FROM people ORDER BY id")) {
                rs.next();
                assertEquals(seen, rs.getObject(3, java.time.OffsetDateTime.class).toInstant());
                assertEquals("{\"a\": 1}", rs.getString(4));
                rs.next();
                assertEquals("two@example.com", rs.getString(2), "an existing row is left as it was");
                rs.next();
                assertEquals(3, rs.getLong(1));
                assertFalse(rs.next());
                return null;
            }
        });
    }

    @Test
    void loadNewAddsOnlyRowsWhoseKeyIsNotThereYet() throws Exception {
        loadsOnlyNewKeys(warehouse);
    }

    @Test
    void theSpiDefaultLoadNewBehavesTheSame() throws Exception {
        loadsOnlyNewKeys(new DelegatingWarehouse(warehouse));
    }

    @Test
    void loadNewCopiesStraightIntoAUniquelyKeyedTableUnlessAKeyIsThereAlready() throws Exception {
        warehouse.apply(List.of(people()));
        // Records the statement that wrote each batch of rows: COPY straight in, or the general path's INSERT.
        warehouse.execute(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE writes (statement text)");
                st.execute("CREATE FUNCTION record_write() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$BEGIN INSERT INTO writes VALUES (split_part(current_query(), ' ', 1)); RETURN NULL; END$$");
                st.execute("CREATE TRIGGER record_write AFTER INSERT ON " + warehouse.table("people")
                        + " FOR EACH STATEMENT EXECUTE FUNCTION record_write()");
            }
            return null;
        });
        List<String> columns = List.of("id", "email");
        assertEquals(2, warehouse.loadNew("people", columns, "id",
                List.of(new Object[] {1L, "a"}, new Object[] {2L, "b"}).iterator()));
        assertEquals(1, warehouse.loadNew("people", columns, "id",
                List.of(new Object[] {2L, "b again"}, new Object[] {3L, "c"}).iterator()));
        assertEquals(1, warehouse.loadNew("people", columns, "id",
                List.of(new Object[] {4L, "d"}, new Object[] {4L, "d twice"}).iterator()));
        assertEquals(3, count(warehouse, "SELECT count(*) FROM writes"), "the failed COPYs were rolled back");
        assertEquals(1, count(warehouse, "SELECT count(*) FROM writes WHERE statement = 'COPY'"));
        assertEquals(2, count(warehouse, "SELECT count(*) FROM writes WHERE statement = 'INSERT'"));
        assertEquals(4, count(warehouse, "SELECT count(*) FROM people"));
        assertEquals(1, count(warehouse, "SELECT count(*) FROM people WHERE id = 4"), "a key twice in a batch, once");
    }

    @Test
    void loadNewIntoATableWithoutAUniqueKeyStillSkipsKnownKeys() throws Exception {
        TableDefinition log = new TableDefinition("log", List.of(new ColumnDefinition("k", Type.string(), true),
                new ColumnDefinition("v", Type.int64(), true)), List.of());
        warehouse.apply(List.of(log));
        List<Object[]> rows = List.of(new Object[] {"a", 1L}, new Object[] {"b", 2L}, new Object[] {"a", 3L});
        assertEquals(2, warehouse.loadNew("log", List.of("k", "v"), "k", rows.iterator()));
        assertEquals(0, warehouse.loadNew("log", List.of("k", "v"), "k", rows.iterator()));
        assertEquals(2, count(warehouse, "SELECT count(*) FROM log"));
    }

    /** A warehouse that keeps the SPI's default {@code loadNew}. */
    private record DelegatingWarehouse(Warehouse w) implements Warehouse {
        public String namespace() { return w.namespace(); }
        public String quote(String identifier) { return w.quote(identifier); }
        public void check(Duration timeout) throws WarehouseException { w.check(timeout); }
        public List<String> plan(List<TableDefinition> desired) throws WarehouseException { return w.plan(desired); }
        public List<String> apply(List<TableDefinition> desired) throws WarehouseException { return w.apply(desired); }
        public long load(String table, List<String> columns, java.util.Iterator<Object[]> rows) throws WarehouseException {
            return w.load(table, columns, rows);
        }
        public <T> T execute(com.krenalis.api.warehouse.UnitOfWork<T> work) throws WarehouseException { return w.execute(work); }
        public void close() { w.close(); }
    }

    @Test
    void theSpiDefaultChangesNoColumns() {
        Warehouse spiDefault = new DelegatingWarehouse(warehouse);
        assertThrows(WarehouseException.class, () -> spiDefault.planChange(people()));
        assertThrows(WarehouseException.class, () -> spiDefault.applyChange(people(), true, null));
    }

    @Test
    void aFailedUnitOfWorkIsRolledBack() throws Exception {
        warehouse.apply(List.of(people()));
        assertThrows(WarehouseException.class, () -> warehouse.execute(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO people (id) VALUES (1)");
                st.execute("INSERT INTO people (id) VALUES (1)"); // duplicate key
            }
            return null;
        }));
        long count = warehouse.execute(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM people")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(0, count);
    }

    @Test
    void checkReportsAnUnreachableServerAsTransient() throws Exception {
        Warehouse down = driver.open(driver.settings().validate(Map.of("host", "127.0.0.1", "port", TestPostgres.freePort(),
                "database", "x", "user", "u", "schema", "s", "connectTimeoutSeconds", 2)));
        try {
            WarehouseException e = assertThrows(WarehouseException.class, () -> down.check(Duration.ofSeconds(2)));
            assertTrue(e.isTransient(), e.getMessage());
            assertFalse(e.getMessage().contains("password"));
        } finally {
            down.close();
        }
    }

    @Test
    void settingsAreValidatedPerField() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> driver.settings().validate(
                Map.of("url", "mysql://x", "user", "u", "schema", "Bad-Schema", "port", 70000, "nope", 1)));
        List<String> fields = e.errors().stream().map(err -> err.field()).sorted().toList();
        assertEquals(List.of("nope", "port", "schema", "url"), fields);
    }

    @Test
    void urlOrHostIsRequired() {
        assertThrows(WarehouseException.class, () -> driver.open(
                driver.settings().validate(Map.of("user", "u", "schema", "s"))));
    }
}
