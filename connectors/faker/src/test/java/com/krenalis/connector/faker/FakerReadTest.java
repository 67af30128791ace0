package com.krenalis.connector.faker;

import static com.krenalis.connector.faker.FakerConnectorTest.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.SourceRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Full, incremental and cancelled reads, and determinism. */
class FakerReadTest {
    private final FakerConnector connector = new FakerConnector();

    @Test
    void fullReadDeliversEveryUserInOrderAndReportsTheTotal() throws Exception {
        RecordingSink sink = new RecordingSink();
        ReadResult result = read(Map.of("count", 250), null, sink);

        assertEquals(LongStream.rangeClosed(1, 250).mapToObj(n -> "user-" + n).toList(), sink.ids());
        assertEquals(250, result.total());
        assertEquals(250, sink.total, "announced before the records, so that a run shows its percent");
        assertEquals(0, sink.deliveredWhenTotalCame);
        assertEquals(last(sink).updatedAt().toString(), result.cursor());
        assertEquals(List.of(), sink.rejected);
        assertEquals(250, sink.records.stream().map(r -> r.properties().get("email")).distinct().count());
    }

    @Test
    void sameSeedGivesTheSameUsersAndAnotherSeedOthers() throws Exception {
        List<SourceRecord> first = readAll(Map.of("count", 100, "seed", 7));
        List<SourceRecord> again = readAll(Map.of("count", 100, "seed", 7));
        List<SourceRecord> other = readAll(Map.of("count", 100, "seed", 8));

        assertEquals(first, again);
        assertNotEquals(first.stream().map(SourceRecord::properties).toList(),
                other.stream().map(SourceRecord::properties).toList());
        // A user does not depend on how many come after it.
        assertEquals(first.subList(0, 10), readAll(Map.of("count", 10, "seed", 7)));
    }

    @Test
    void usersAreStableAcrossReleasesAndJavaVersions() throws Exception {
        // Pinned: a change here changes the data set of every connection that already imported it.
        List<SourceRecord> users = readAll(Map.of("count", 1000, "seed", 42));
        assertEquals("{id=user-1, email=lucia.usman.1@example.org, first_name=Lucia, last_name=Usman, country=IT, "
                + "birth_date=1983-01-13, created_at=2020-06-14T15:19:51.164Z, updated_at=2023-01-01T00:00:15.164Z}",
                users.get(0).properties().toString());
        assertEquals("{id=user-1000, email=marco.kim.1000@example.org, first_name=Marco, last_name=Kim, country=NL, "
                + "birth_date=2003-02-24, created_at=2020-12-25T17:44:13.593Z, updated_at=2023-01-01T02:46:45.593Z}",
                users.get(999).properties().toString());
        assertEquals(users.get(999).updatedAt(), users.get(999).properties().get("updated_at"));
    }

    @Test
    void updatedAtStrictlyIncreases() throws Exception {
        List<SourceRecord> users = readAll(Map.of("count", 2000, "seed", -1));
        for (int i = 1; i < users.size(); i++) {
            assertTrue(users.get(i).updatedAt().isAfter(users.get(i - 1).updatedAt()), users.get(i).id());
        }
    }

    @Test
    void incrementalReadWithTheSameSettingsDeliversNothingAndKeepsTheCursor() throws Exception {
        String cursor = read(Map.of("count", 100), null, new RecordingSink()).cursor();

        RecordingSink sink = new RecordingSink();
        ReadResult result = read(Map.of("count", 100), cursor, sink);

        assertEquals(List.of(), sink.ids());
        assertEquals(cursor, result.cursor());
        assertEquals(0, result.total());
    }

    @Test
    void incrementalReadAfterCountGrowsDeliversExactlyTheNewUsers() throws Exception {
        String cursor = read(Map.of("count", 100), null, new RecordingSink()).cursor();

        RecordingSink sink = new RecordingSink();
        ReadResult result = read(Map.of("count", 150), cursor, sink);

        assertEquals(LongStream.rangeClosed(101, 150).mapToObj(n -> "user-" + n).toList(), sink.ids());
        assertEquals(50, result.total());
        assertEquals(readAll(Map.of("count", 150)).subList(100, 150), sink.records);
        assertEquals(last(sink).updatedAt().toString(), result.cursor());
    }

    @Test
    void incrementalReadResumesAfterAnyCursor() throws Exception {
        List<SourceRecord> all = readAll(Map.of("count", 300, "seed", 5));
        for (int i : new int[] {0, 1, 41, 298, 299}) {
            Instant at = all.get(i).updatedAt();
            assertEquals(all.subList(i + 1, 300), readFrom(at.toString()), "after " + at);
            assertEquals(all.subList(i, 300), readFrom(at.minusNanos(1).toString()), "just before " + at);
        }
        assertEquals(all, readFrom("2000-01-01T00:00:00Z"));
        assertEquals(List.of(), readFrom("2999-01-01T00:00:00Z"));
    }

    @Test
    void cancelledReadStopsAndItsCursorResumesWhereItStopped() throws Exception {
        RecordingSink cancelling = new RecordingSink(40);
        ReadResult stopped = read(Map.of("count", 1_000_000), null, cancelling);

        assertEquals(40, cancelling.records.size());
        assertEquals(last(cancelling).updatedAt().toString(), stopped.cursor());

        RecordingSink rest = new RecordingSink(10);
        read(Map.of("count", 1_000_000), stopped.cursor(), rest);
        assertEquals(LongStream.rangeClosed(41, 50).mapToObj(n -> "user-" + n).toList(), rest.ids());
    }

    @Test
    void malformedCursorIsAConnectorError() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> read(Map.of(), "user-12", new RecordingSink()));
        assertTrue(e.getMessage().contains("invalid cursor 'user-12'"), e.getMessage());
    }

    private List<SourceRecord> readFrom(String cursor) throws Exception {
        RecordingSink sink = new RecordingSink();
        read(Map.of("count", 300, "seed", 5), cursor, sink);
        return sink.records;
    }

    private List<SourceRecord> readAll(Map<String, ?> raw) throws Exception {
        RecordingSink sink = new RecordingSink();
        read(raw, null, sink);
        return sink.records;
    }

    private ReadResult read(Map<String, ?> raw, String cursor, RecordingSink sink) throws Exception {
        return connector.read(new ReadRequest(settings(raw), cursor), sink);
    }

    private static SourceRecord last(RecordingSink sink) {
        return sink.records.get(sink.records.size() - 1);
    }
}
