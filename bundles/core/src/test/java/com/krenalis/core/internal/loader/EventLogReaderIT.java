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
            // The look runs after every commit, from the first, on a log that is small at first; the plan it then
            // gets must stay cheap as the log grows (on bench/ingest's 700,000-row log, "seq > $1 GROUP BY
            // workspace_id" read a whole index per look). Generic plans forced: they are the ones that do not see
            // how few rows "seq > after" means.
            try (Statement st = c.createStatement()) {
                st.execute("SET plan_cache_mode = force_generic_plan");
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(Map.of(b.id(), f.headOf(b.id())), EventLogReader.headsAfter(c, 0));
            }
            f.append(a.id(), 1, tracks("a", 20_000));
            f.append(b.id(), 2, tracks("c", 3));
            f.append(999_999, 3, tracks("x", 1)); // a workspace id that is not (or no longer) a workspace
            try (Statement st = c.createStatement()) {
                st.execute("VACUUM ANALYZE event_log"); // all-visible: an index-only scan becomes the cheap plan
            }
            long headA = f.headOf(a.id());
            long headB = f.headOf(b.id());
            long before = indexTuplesRead(c);
            for (int i = 0; i < 12; i++) {
                assertEquals(Map.of(a.id(), headA, b.id(), headB), EventLogReader.headsAfter(c, headB - 5));
                assertEquals(Map.of(b.id(), headB), EventLogReader.headsAfter(c, headA));
                assertEquals(Map.of(), EventLogReader.headsAfter(c, headB));
            }
            long read = indexTuplesRead(c) - before;
            assertTrue(read < 1_000, "36 looks at the last 5 events read " + read + " rows or index entries");
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
