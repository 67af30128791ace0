package com.krenalis.core.internal.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.Principal;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.testing.TestPostgres;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLogRetentionIT {
    private CoreFixture core;
    private EventLogRetention retention;
    private long ws;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        ws = core.workspaces.create(new Principal(1, core.organization(), null), "Retained", null).id();
        retention = new EventLogRetention(core.store, new EventLogRetentionConfig() {
            public int dedupWindowDays() { return 30; }
            public int intervalMinutes() { return 1_000_000; } // passes run by the test only
            public Class<? extends Annotation> annotationType() { return EventLogRetentionConfig.class; }
        });
        sql("SELECT 1");
        core.store.transaction(c -> {
            EventLogPartitions.ensure(c, today.minusDays(3));
            EventLogPartitions.ensure(c, today);
            return null;
        });
    }

    @AfterEach
    void stop() {
        retention.stop();
        core.close();
    }

    private long sql(String statement) throws Exception {
        try (Connection c = TestPostgres.connect(core.metadataUrl); Statement st = c.createStatement()) {
            if (st.execute(statement)) {
                try (ResultSet rs = st.getResultSet()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
            return st.getUpdateCount();
        }
    }

    private void event(long workspace, String messageId, LocalDate day) throws Exception {
        sql("INSERT INTO event_log (workspace_id, connection_id, message_id, received_at, event) VALUES (" + workspace
                + ", 1, '" + messageId + "', '" + day.atTime(12, 0).toInstant(ZoneOffset.UTC) + "', '{}')");
    }

    private boolean exists(String table) throws Exception {
        return sql("SELECT count(*) FROM pg_class WHERE relname = '" + table + "'") == 1;
    }

    @Test
    void aPastDayIsDroppedOnlyOnceEveryConsumerIsPastIt() throws Exception {
        String past = "event_log_" + today.minusDays(3).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        event(ws, "a", today.minusDays(3));
        event(ws, "b", today.minusDays(3));
        event(999_999, "orphan", today.minusDays(3)); // a deleted workspace's event does not hold the day back
        long last = sql("SELECT max(seq) FROM event_log WHERE workspace_id = " + ws);

        List<String> first = retention.run(today);
        assertTrue(!first.contains(past), "no cursor yet: the loader has read nothing");
        assertEquals(2, first.size(), "the empty past days go at once: " + first);
        sql("INSERT INTO event_log_cursors (consumer, workspace_id, seq) VALUES ('warehouse', " + ws + ", " + (last - 1) + ")");
        assertEquals(List.of(), retention.run(today), "one event still unread");
        sql("UPDATE event_log_cursors SET seq = " + last);
        assertEquals(List.of(past), retention.run(today));
        assertTrue(!exists(past));
        assertTrue(exists("event_log_" + today.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)), "today stays");
    }

    @Test
    void messageIdsOlderThanTheWindowAreForgotten() throws Exception {
        java.util.UUID old = MessageKeys.of(ws, "old");
        java.util.UUID recent = MessageKeys.of(ws, "recent");
        sql("INSERT INTO event_message_keys (key, received_at) VALUES ('" + old + "', now() - interval '31 days'), ('"
                + recent + "', now() - interval '29 days')");
        retention.run(today);
        assertEquals(0, sql("SELECT count(*) FROM event_message_keys WHERE key = '" + old + "'"));
        assertEquals(1, sql("SELECT count(*) FROM event_message_keys WHERE key = '" + recent + "'"));
    }
}
