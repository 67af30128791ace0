package com.krenalis.connector.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.conformance.RecordingSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cursors across reads that stop inside a run of equal updated_at values, and cancellation. */
class PostgresCursorTest {
    private static final String QUERY = "SELECT * FROM ties";

    @BeforeAll
    static void createTable() throws Exception {
        // Seven users; u2..u6 share one updated_at (microseconds included), and ids sort as text ("u10" < "u2").
        TestPostgres.execute("DROP TABLE IF EXISTS ties",
                "CREATE TABLE ties (id text, updated_at timestamp(6))",
                "INSERT INTO ties VALUES ('u1', '2026-01-01 00:00:00'), ('u2', '2026-01-02 00:00:00.000001'), "
                        + "('u3', '2026-01-02 00:00:00.000001'), ('u10', '2026-01-02 00:00:00.000001'), "
                        + "('U4', '2026-01-02 00:00:00.000001'), ('u5', '2026-01-02 00:00:00.000001'), "
                        + "('u6', '2026-01-03 00:00:00'), ('u7', NULL)",
                "GRANT SELECT ON ties TO " + TestPostgres.READER);
    }

    private static List<String> ids(RecordingSink sink) {
        return sink.records().stream().map(SourceRecord::id).toList();
    }

    @Test
    void readsStoppedInsideATieResumeWithoutLossOrRepeat() throws Exception {
        List<String> seen = new ArrayList<>();
        // From a cursor before every row: reads from a cursor come in cursor order (a full read comes unordered).
        String cursor = "1|2025-12-31T00:00:00Z|";
        // Two records per read: every boundary but the last falls between rows of the same updated_at.
        for (int i = 0; i < 10; i++) {
            RecordingSink sink = new RecordingSink(2);
            ReadResult result = PostgresReads.read(QUERY, "id", "updated_at", cursor, sink);
            seen.addAll(ids(sink));
            if (sink.records().isEmpty()) {
                assertEquals(cursor, result.cursor(), "a read that delivers nothing keeps its cursor");
                break;
            }
            cursor = result.cursor();
        }
        // By updated_at, then identity in code-point order ("U4" < "u10" < "u2"). u7 has no updated_at: only a full
        // read that gets to the end delivers it (aRowWithoutUpdatedAtIsReadByFullReadsOnly).
        assertEquals(List.of("u1", "U4", "u10", "u2", "u3", "u5", "u6"), seen,
                "each read resumes after the previous, nothing lost or repeated");
    }

    @Test
    void aRowWithoutUpdatedAtIsReadByFullReadsOnly() throws Exception {
        RecordingSink full = new RecordingSink();
        ReadResult result = PostgresReads.read(QUERY, "id", "updated_at", null, full);
        assertTrue(ids(full).contains("u7"));
        assertTrue(result.cursor().contains("u6"), "the cursor is the last row with an updated_at: " + result.cursor());
        RecordingSink next = new RecordingSink();
        assertEquals(result.cursor(), PostgresReads.read(QUERY, "id", "updated_at", result.cursor(), next).cursor());
        assertEquals(List.of(), ids(next));
    }

    @Test
    void withoutUpdatedAtColumnThereIsNoCursorAndNoIncrementalRead() throws Exception {
        RecordingSink sink = new RecordingSink();
        ReadResult result = PostgresReads.read(QUERY, "id", null, null, sink);
        assertNull(result.cursor());
        assertEquals(8, sink.records().size());
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> PostgresReads.read(QUERY, "id", null, "1|2026-01-01T00:00:00Z|u1", new RecordingSink()));
        assertTrue(e.getMessage().contains("updatedAtColumn"), e.getMessage());
    }

    @Test
    void aCancelledReadStopsAtOnceAndItsCursorIsTheLastDelivered() throws Exception {
        RecordingSink sink = new RecordingSink(3);
        long start = System.nanoTime();
        ReadResult result = PostgresReads.read(MILLIONS, "id", "updated_at", "1|2026-01-01T00:00:00Z|", sink);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(3, sink.records().size());
        assertEquals("1|2026-01-01T00:00:03Z|n3", result.cursor());
        assertEquals(-1, result.total(), "a cancelled read does not know its total");
        assertTrue(millis < 15_000, "took " + millis + " ms");
    }

    @Test
    void aCancelledFullReadStopsAtOnceAndKeepsNoCursor() throws Exception {
        // A full read comes unsorted: the rows before the greatest delivered may not have come yet.
        RecordingSink sink = new RecordingSink(3);
        long start = System.nanoTime();
        ReadResult result = PostgresReads.read(MILLIONS, "id", "updated_at", null, sink);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(3, sink.records().size());
        assertNull(result.cursor());
        assertTrue(millis < 15_000, "took " + millis + " ms");
    }

    @Test
    void aFullReadEndsAtTheGreatestCursorInTheDatabasesOwnOrder() throws Exception {
        // All at one updated_at, stored out of order: code point order puts U+FF5E before U+1F600 (UTF-16 would not),
        // "U" before "u", and a prefix before what extends it.
        TestPostgres.execute("DROP TABLE IF EXISTS order_of_ids", "CREATE TABLE order_of_ids (id text, updated_at timestamptz)",
                "INSERT INTO order_of_ids SELECT id, '2026-02-01 00:00:00+00' FROM unnest(ARRAY['u', '\uD83D\uDE00', "
                        + "'U9', '\uFF5E', '\uD83D\uDE00', 'zz']) id",
                "INSERT INTO order_of_ids VALUES ('\uD83D\uDE00\uD83D\uDE00', '2026-01-31 23:59:59.999999+00')",
                "GRANT SELECT ON order_of_ids TO " + TestPostgres.READER);
        String query = "SELECT * FROM order_of_ids";
        RecordingSink full = new RecordingSink();
        ReadResult result = PostgresReads.read(query, "id", "updated_at", null, full);
        assertEquals(7, full.records().size());
        assertEquals("1|2026-02-01T00:00:00Z|\uD83D\uDE00", result.cursor());
        RecordingSink next = new RecordingSink();
        assertEquals(result.cursor(), PostgresReads.read(query, "id", "updated_at", result.cursor(), next).cursor());
        assertEquals(List.of(), ids(next), "nothing after the greatest");
        RecordingSink fromSecond = new RecordingSink();
        PostgresReads.read(query, "id", "updated_at", "1|2026-02-01T00:00:00Z|\uFF5E", fromSecond);
        assertEquals(List.of("\uD83D\uDE00", "\uD83D\uDE00"), ids(fromSecond), "the database agrees on what follows");
    }

    private static final String MILLIONS = "SELECT 'n' || g AS id, TIMESTAMP '2026-01-01' + g * INTERVAL '1 second' "
            + "AS updated_at FROM generate_series(1, 2000000) g";

    @Test
    void anUpdatedAtColumnThatIsNoTimestampIsRefused() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> PostgresReads.discover("SELECT id, 5 AS n FROM ties", "id", "n"));
        assertTrue(e.getMessage().contains("'n'") && e.getMessage().contains("timestamp"), e.getMessage());
        e = assertThrows(ConnectorException.class, () -> PostgresReads.discover(QUERY, "nope", null));
        assertTrue(e.getMessage().contains("'nope' is not a column") && e.getMessage().contains("id, updated_at"),
                e.getMessage());
    }
}
