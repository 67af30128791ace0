package com.krenalis.core.internal.eventlog;

import com.krenalis.api.platform.EventLog;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes one group of pending appends in the caller's transaction, in two steps that {@link GroupCommitEventLog}
 * pipelines: {@link #dedup} records the messageIds that are new to their workspace, {@link #copy} COPYs those events
 * into the log. Duplicates (within the group or from before) are counted, not written.
 */
final class EventLogWriter {
    private EventLogWriter() {
    }

    /** Records the group's messageIds; returns the {@code workspace/messageId} keys that no earlier event had. */
    static Set<String> dedup(Connection c, List<PendingAppend> group) throws SQLException {
        // 1. First occurrence of each (workspace, messageId) in the group.
        Set<String> seen = new HashSet<>();
        List<Long> workspaces = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        for (PendingAppend p : group) {
            for (EventLog.Event e : p.events()) {
                if (seen.add(p.workspaceId() + "/" + e.messageId())) {
                    workspaces.add(p.workspaceId());
                    messageIds.add(e.messageId());
                }
            }
        }
        // 2. Which of them the workspaces have never received.
        Set<String> fresh = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_message_ids (workspace_id, message_id) "
                + "SELECT * FROM unnest(?::bigint[], ?::text[]) ON CONFLICT DO NOTHING RETURNING workspace_id, message_id")) {
            Array ws = c.createArrayOf("bigint", workspaces.toArray());
            Array ids = c.createArrayOf("text", messageIds.toArray());
            ps.setArray(1, ws);
            ps.setArray(2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getLong(1) + "/" + rs.getString(2));
                }
            }
        }
        return fresh;
    }

    /** COPYs the group's events whose keys {@link #dedup} returned, each once; counts per pending append. */
    static List<EventLog.AppendResult> copy(Connection c, List<PendingAppend> group, Set<String> fresh) throws SQLException {
        // 3. COPY the fresh events; count per append.
        List<EventLog.AppendResult> results = new ArrayList<>(group.size());
        Map<String, Boolean> claimed = new HashMap<>();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY event_log (workspace_id, connection_id, message_id, received_at, event) FROM STDIN (FORMAT csv)");
        try {
            CsvRows rows = new CsvRows(1 << 17);
            for (PendingAppend p : group) {
                int stored = 0;
                for (EventLog.Event e : p.events()) {
                    String key = p.workspaceId() + "/" + e.messageId();
                    if (fresh.contains(key) && claimed.putIfAbsent(key, Boolean.TRUE) == null) {
                        rows.row(p.workspaceId(), p.connectionId(), e);
                        stored++;
                        if (rows.size() > 1 << 16) {
                            rows.flushTo(copy);
                        }
                    }
                }
                results.add(new EventLog.AppendResult(stored, p.events().size() - stored));
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
