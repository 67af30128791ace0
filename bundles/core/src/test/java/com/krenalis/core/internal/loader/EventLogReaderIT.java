package com.krenalis.core.internal.loader;

import static com.krenalis.core.internal.loader.LoaderFixture.tracks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.Workspace;
import com.krenalis.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loader's reads of the event log, on a real PostgreSQL: what they return and how much of the log they touch. */
class EventLogReaderIT {
    private LoaderFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new LoaderFixture();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void lookingForNewEventsReadsOnlyTheNewEntriesHoweverOftenItRuns() throws Exception {
        Workspace a = f.workspace("A");
        Workspace b = f.workspace("B");
        f.append(b.id(), 2, tracks("b", 3));
        try (Connection c = TestPostgres.connect(f.core.metadataUrl)) {
            // A statement prepared with the seq as a parameter gets a generic plan after five runs when PostgreSQL
            // finds it no dearer than the custom ones, as on the small log of the first commits, and keeps it as the
            // log grows: a plan for "seq > $1" as a third of the log. On bench/ingest's 700,000-row log that was a
            // parallel scan of a whole index per look; on this small log the generic plan happens to stay cheap, so
            // this checks the reads stay bounded (and the answers right) even with generic plans forced.
            try (Statement st = c.createStatement()) {
                st.execute("SET plan_cache_mode = force_generic_plan");
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(Map.of(b.id(), f.headOf(b.id())), EventLogReader.headsAfter(c, 0));
            }
            f.append(a.id(), 1, tracks("a", 20_000));
            f.append(b.id(), 2, tracks("c", 3));
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE event_log"); // all-visible: an index-only scan becomes the cheap plan
            }
            long headA = f.headOf(a.id());
            long headB = f.headOf(b.id());
            long before = indexTuplesRead(c);
            for (int i = 0; i < 12; i++) {
                assertEquals(Map.of(a.id(), headA, b.id(), headB), EventLogReader.headsAfter(c, headB - 5));
                assertEquals(Map.of(b.id(), headB), EventLogReader.headsAfter(c, headA));
            }
            long read = indexTuplesRead(c) - before;
            assertTrue(read < 1_000, "24 looks at the last 5 events read " + read + " rows or index entries");
        }
    }

    /** Rows and index entries read from the log's partitions so far, with this connection's reads flushed first. */
    private static long indexTuplesRead(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_force_next_flush()");
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("SELECT (SELECT COALESCE(sum(idx_tup_read), 0) FROM pg_stat_user_indexes "
                    + "WHERE relname LIKE 'event\\_log\\_2%') + (SELECT COALESCE(sum(seq_tup_read), 0) "
                    + "FROM pg_stat_user_tables WHERE relname LIKE 'event\\_log\\_2%')")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
