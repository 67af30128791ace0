package com.krenalis.core.internal.eventlog;

import com.krenalis.api.platform.EventLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes one group of pending appends in the caller's transaction, in two steps that {@link GroupCommitEventLog}
 * pipelines: {@link #dedup} records the events' keys ({@link MessageKeys}: workspace and messageId) that are new,
 * {@link #copy} COPYs those events into the log. Duplicates (within the group or from before) are counted, not written.
 */
final class EventLogWriter {
    private EventLogWriter() {
    }

    /** Records the group's dedup keys; returns those no earlier event had. */
    static Set<UUID> dedup(Connection c, List<PendingAppend> group) throws SQLException {
        // 1. First occurrence of each key in the group.
        Set<UUID> seen = new HashSet<>();
        List<UUID> keys = new ArrayList<>();
        for (PendingAppend p : group) {
            for (UUID key : p.keys()) {
                if (seen.add(key)) {
                    keys.add(key);
                }
            }
        }
        // 2. Which of them the workspaces have never received.
        Set<UUID> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_message_keys (key) "
                + "SELECT * FROM unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING key")) {
            ps.setArray(1, c.createArrayOf("uuid", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    /** COPYs the group's events whose keys {@link #dedup} returned, each once; counts per pending append. */
    static List<EventLog.AppendResult> copy(Connection c, List<PendingAppend> group, Set<UUID> fresh) throws SQLException {
        List<EventLog.AppendResult> results = new ArrayList<>(group.size());
        Set<UUID> claimed = new HashSet<>();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY event_log (workspace_id, connection_id, message_id, received_at, event) FROM STDIN (FORMAT csv)");
        try {
            CsvRows rows = new CsvRows(1 << 17);
            for (PendingAppend p : group) {
                int stored = 0;
                List<EventLog.Event> events = p.events();
                for (int i = 0; i < events.size(); i++) {
                    UUID key = p.keys()[i];
                    if (fresh.contains(key) && claimed.add(key)) {
                        rows.row(p.workspaceId(), p.connectionId(), events.get(i));
                        stored++;
                        if (rows.size() > 1 << 16) {
                            rows.flushTo(copy);
                        }
                    }
                }
                results.add(new EventLog.AppendResult(stored, events.size() - stored));
            }
            rows.flushTo(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return results;
    }
}
