package com.krenalis.connector.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.types.Property;
import com.krenalis.conformance.RecordingSink;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quoting, cursor ties, cancellation, read-only transactions, streaming and check, against the embedded MariaDB. */
class MySqlReadTest {

    @BeforeAll
    static void createTables() throws Exception {
        TestMariaDb.port();
        TestMariaDb.execute("DROP TABLE IF EXISTS hostile", "DROP TABLE IF EXISTS ties",
                "CREATE TABLE hostile (`a``b` varchar(10), `upd\" OR 1=1 --` datetime(6), `a\"b` int) CHARACTER SET utf8mb4",
                "INSERT INTO hostile VALUES ('x1', '2026-01-01', 1), ('x2', '2026-01-02', 2), ('x3', '2026-01-03', 3)",
                // u2..u5 share one updated_at; U4 and u4 differ only in case (equal in the default collation).
                "CREATE TABLE ties (id varchar(10), updated_at datetime(6)) CHARACTER SET utf8mb4",
                "INSERT INTO ties VALUES ('u1', '2026-01-01'), ('u2', '2026-01-02 00:00:00.000001'), "
                        + "('u3', '2026-01-02 00:00:00.000001'), ('U4', '2026-01-02 00:00:00.000001'), "
                        + "('u4', '2026-01-02 00:00:00.000001'), ('u5', '2026-01-02 00:00:00.000001'), "
                        + "('u6', '2026-01-03'), ('u7', NULL)");
    }

    @Test
    void backticksAreDoubled() {
        assertEquals("`a``b`", MySqlDialect.quoteIdentifier("a`b"));
        assertEquals("`a\"b`", MySqlDialect.quoteIdentifier("a\"b"));
        assertEquals("(CAST(x AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_bin)", new MySqlDialect().textOf("x"));
    }

    @Test
    void hostileColumnNamesReadFullyAndIncrementally() throws Exception {
        var connection = MySqlReads.connection(Map.of());
        var pipeline = MySqlReads.pipeline("SELECT * FROM hostile", "a`b", "upd\" OR 1=1 --");
        ConnectorException clash = assertThrows(ConnectorException.class,
                () -> MySqlReads.CONNECTOR.discover(connection, pipeline));
        assertTrue(clash.getMessage().contains("both become property 'a_b'"), clash.getMessage());

        var renamed = MySqlReads.pipeline("SELECT `a``b`, `upd\" OR 1=1 --`, `a\"b` AS n FROM hostile", "a`b",
                "upd\" OR 1=1 --");
        assertEquals(List.of("a_b", "upd__OR_1_1___", "n"), MySqlReads.CONNECTOR.discover(connection, renamed)
                .properties().stream().map(Property::name).toList());
        RecordingSink all = new RecordingSink();
        ReadResult full = MySqlReads.CONNECTOR.read(new ReadRequest(connection, renamed, null), all);
        assertEquals(List.of("x1", "x2", "x3"), all.records().stream().map(SourceRecord::id).toList());
        TestMariaDb.execute("UPDATE hostile SET `upd\" OR 1=1 --` = '2026-02-01' WHERE `a``b` = 'x2'");
        RecordingSink changed = new RecordingSink();
        MySqlReads.CONNECTOR.read(new ReadRequest(connection, renamed, full.cursor()), changed);
        assertEquals(List.of("x2"), changed.records().stream().map(SourceRecord::id).toList());
    }

    @Test
    void readsStoppedInsideATieResumeWithoutLossOrRepeat() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 10; i++) {
            RecordingSink sink = new RecordingSink(2);
            ReadResult result = MySqlReads.read("SELECT * FROM ties", "id", "updated_at", cursor, sink);
            sink.records().forEach(r -> seen.add(r.id()));
            if (sink.records().isEmpty()) {
                assertEquals(cursor, result.cursor(), "a read that delivers nothing keeps its cursor");
                break;
            }
            cursor = result.cursor();
        }
        // MySQL sorts NULL first: u7 (no updated_at) comes in the first, full, read. Then by updated_at and identity in
        // binary order, so U4 and u4 are two users.
        assertEquals(List.of("u7", "u1", "U4", "u2", "u3", "u4", "u5", "u6"), seen);
    }

    @Test
    void aCancelledReadOfAStreamingResultStopsAtOnce() throws Exception {
        RecordingSink sink = new RecordingSink(3);
        long start = System.nanoTime();
        ReadResult result = MySqlReads.read("SELECT CONCAT('n', seq) AS id, TIMESTAMP '2026-01-01 00:00:00' + "
                + "INTERVAL seq SECOND AS updated_at FROM seq_1_to_2000000", "id", "updated_at", null, sink);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(3, sink.records().size());
        assertEquals("1|2026-01-01T00:00:03Z|n3", result.cursor());
        assertTrue(millis < 15_000, "took " + millis + " ms");
        // The connection was dropped, not drained; the server is still fine.
        assertTrue(MySqlReads.CONNECTOR.check(MySqlReads.connection(Map.of()), Duration.ofSeconds(10)).ok());
    }

    @Test
    void theQueryRunsInAReadOnlyTransaction() throws Exception {
        TestMariaDb.execute("DROP TABLE IF EXISTS written", "DROP FUNCTION IF EXISTS write_one",
                "CREATE TABLE written (n int)",
                "GRANT INSERT ON " + TestMariaDb.DATABASE + ".written TO '" + TestMariaDb.READER + "'@'%'",
                "CREATE FUNCTION write_one() RETURNS int MODIFIES SQL DATA BEGIN INSERT INTO written VALUES (1); "
                        + "RETURN 1; END");
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> MySqlReads.read("SELECT write_one() AS id", "id", null, null, new RecordingSink()));
        assertTrue(e.getMessage().toLowerCase().contains("read only"), e.getMessage());
        try (var c = TestMariaDb.root(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM written")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    /** 300,000 rows of 1 kB (300 MB if buffered): the heap, measured after a GC every 50,000 rows, stays low. */
    @Test
    void aLargeResultStreamsInBoundedMemory() throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long[] peak = {0};
        long[] count = {0};
        RecordSink sink = new RecordSink() {
            @Override
            public void accept(SourceRecord record) {
                if (++count[0] % 50_000 == 0) {
                    System.gc();
                    peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory() - before);
                }
            }

            @Override
            public void reject(String key, String message) {
                throw new AssertionError(message);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        ReadResult result = MySqlReads.read("SELECT seq AS id, REPEAT('x', 1000) AS payload FROM seq_1_to_300000",
                "id", null, null, sink);
        assertEquals(300_000, count[0]);
        assertEquals(300_000, result.total());
        assertTrue(peak[0] < 64L * 1024 * 1024, "heap grew by " + peak[0] / 1024 / 1024 + " MB while streaming");
    }

    @Test
    void checkNamesTheFieldToFix() throws Exception {
        Duration t = Duration.ofSeconds(10);
        Map<String, CheckResult> results = Map.of(
                "password", MySqlReads.CONNECTOR.check(MySqlReads.connection(Map.of("password", "wrong")), t),
                "database", MySqlReads.CONNECTOR.check(MySqlReads.connection(Map.of("database", "nope")), t),
                "port", MySqlReads.CONNECTOR.check(MySqlReads.connection(Map.of("port", TestMariaDb.closedPort())), t),
                "host", MySqlReads.CONNECTOR.check(MySqlReads.connection(Map.of("host", "no-such-host.invalid")), t));
        results.forEach((field, r) -> {
            assertFalse(r.ok(), field);
            assertEquals(field, r.field(), r.message());
            assertFalse(r.message().contains(TestMariaDb.READER_PASSWORD), r.message());
        });
        // MariaDB 11.4 makes itself a certificate; Connector/J verifies it with a fingerprint derived from the
        // password (MariaDB's zero-configuration TLS), so even verify-full passes here.
        for (String mode : new String[] {"require", "verify-full"}) {
            CheckResult tls = MySqlReads.CONNECTOR.check(MySqlReads.connection(Map.of("tls", mode)), t);
            assertTrue(tls.ok(), mode + ": " + tls.message());
        }
    }

    @Test
    void checkHonoursItsTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
            long start = System.nanoTime();
            CheckResult r = MySqlReads.CONNECTOR.check(MySqlReads.connection(Map.of("port", silent.getLocalPort())),
                    Duration.ofSeconds(2));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertFalse(r.ok());
            assertEquals("host", r.field(), r.message());
            assertTrue(millis < 4000, "took " + millis + " ms");
        }
    }
}
