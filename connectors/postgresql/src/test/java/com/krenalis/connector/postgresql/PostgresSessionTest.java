package com.krenalis.connector.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.conformance.RecordingSink;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Read-only sessions, streaming in bounded memory, and what check says about each setting. */
class PostgresSessionTest {

    @Test
    void theQueryRunsInAReadOnlyTransaction() throws Exception {
        TestPostgres.execute("DROP TABLE IF EXISTS written",
                "CREATE TABLE written (n int)",
                "GRANT ALL ON written TO " + TestPostgres.READER,
                "CREATE OR REPLACE FUNCTION write_one() RETURNS int LANGUAGE sql AS 'INSERT INTO written VALUES (1) RETURNING n'");
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> PostgresReads.read("SELECT write_one() AS id", "id", null, null, new RecordingSink()));
        assertTrue(e.getMessage().contains("read-only transaction"), e.getMessage());
        try (var c = TestPostgres.superuser(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM written")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    /**
     * 300,000 rows of 1 kB: 300 MB if the driver buffered the result. The heap in use, measured after a GC every 50,000
     * rows, grows by far less, so rows are fetched a batch at a time.
     */
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
        var result = PostgresReads.read("SELECT g AS id, repeat('x', 1000) AS payload FROM generate_series(1, 300000) g",
                "id", null, null, sink);
        assertEquals(300_000, count[0]);
        assertEquals(300_000, result.total());
        assertTrue(peak[0] < 64L * 1024 * 1024, "heap grew by " + peak[0] / 1024 / 1024 + " MB while streaming");
    }

    @Test
    void checkNamesTheFieldToFix() throws Exception {
        Duration t = Duration.ofSeconds(10);
        CheckResult password = PostgresReads.CONNECTOR.check(PostgresReads.connection(Map.of("password", "wrong")), t);
        assertEquals("password", password.field(), password.message());
        CheckResult database = PostgresReads.CONNECTOR.check(PostgresReads.connection(Map.of("database", "nope")), t);
        assertEquals("database", database.field(), database.message());
        CheckResult port = PostgresReads.CONNECTOR.check(
                PostgresReads.connection(Map.of("port", TestPostgres.closedPort())), t);
        assertEquals("port", port.field(), port.message());
        CheckResult host = PostgresReads.CONNECTOR.check(
                PostgresReads.connection(Map.of("host", "no-such-host.invalid")), t);
        assertEquals("host", host.field(), host.message());
        CheckResult tls = PostgresReads.CONNECTOR.check(PostgresReads.connection(Map.of("sslMode", "require")), t);
        assertEquals("sslMode", tls.field(), tls.message());
        for (CheckResult r : new CheckResult[] {password, database, port, host, tls}) {
            assertFalse(r.ok());
            assertFalse(r.message().contains(TestPostgres.READER_PASSWORD), r.message());
        }
    }

    /** A server that accepts the connection and never answers: check still answers within its timeout. */
    @Test
    void checkHonoursItsTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
            long start = System.nanoTime();
            CheckResult r = PostgresReads.CONNECTOR.check(
                    PostgresReads.connection(Map.of("port", silent.getLocalPort())), Duration.ofSeconds(2));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertFalse(r.ok());
            assertEquals("host", r.field(), r.message());
            assertTrue(millis < 4000, "took " + millis + " ms");
        }
    }
}
