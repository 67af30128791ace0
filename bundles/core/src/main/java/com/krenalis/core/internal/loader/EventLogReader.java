package com.krenalis.core.internal.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL that reads the event log. It relies on the log's writers committing in seq order (GroupCommitEventLog): once
 * seq N is visible every lower seq that will ever be visible is too, and "seq > cursor" misses nothing.
 */
final class EventLogReader {
    private EventLogReader() {
    }

    /** A workspace's cursor and the last seq of its events in the log (0 when none). */
    record Position(long workspaceId, long cursor, long head) {
    }

    /** Events read for one workspace after its cursor, in seq order. */
    record Batch(long cursor, List<LogEntry> entries) {
        long lastSeq() {
            return entries.isEmpty() ? cursor : entries.get(entries.size() - 1).seq();
        }
    }

    /** The highest seq in the log, or 0. */
    static long head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(max(seq), 0) FROM event_log");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The last seq of each workspace that has events after {@code after}: what arrived since the last look. Events of
     * a workspace id that is not (or no longer) in {@code workspaces} are not reported.
     * <p>
     * The loader runs this after every commit, so it must touch only the index entries it returns, whatever the
     * planner knows: one backward probe of {@code (workspace_id, seq)} per workspace, a plan with no other choice.
     * "{@code WHERE seq > ? GROUP BY workspace_id}" over the whole log was planned as a third of the log (generically
     * for a prepared statement, and for a literal too while the day's partition had no statistics yet) and read a
     * whole index or table with parallel workers each time: a quarter to half a core under load (bench/ingest).
     */
    static Map<Long, Long> headsAfter(Connection c, long after) throws SQLException {
        Map<Long, Long> heads = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT w.id, h.seq FROM workspaces w CROSS JOIN LATERAL "
                + "(SELECT e.seq FROM event_log e WHERE e.workspace_id = w.id AND e.seq > ? ORDER BY e.seq DESC LIMIT 1) h")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return heads;
    }

    /** Every workspace with the consumer's cursor and its last seq in the log: the full picture, for start-up. */
    static List<Position> positions(Connection c, String consumer) throws SQLException {
        List<Position> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT w.id, COALESCE(k.seq, 0), "
                + "COALESCE((SELECT max(e.seq) FROM event_log e WHERE e.workspace_id = w.id), 0) "
                + "FROM workspaces w LEFT JOIN event_log_cursors k ON k.consumer = ? AND k.workspace_id = w.id")) {
            ps.setString(1, consumer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Position(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /**
     * Up to {@code limit} events of the workspace after the consumer's stored cursor, and fewer when their JSON adds
     * up to {@code maxChars} (a batch of large events stays within memory; it always holds one event at least).
     */
    static Batch read(Connection c, String consumer, long workspaceId, int limit, long maxChars) throws SQLException {
        long cursor = EventLogCursors.get(c, consumer, workspaceId);
        List<LogEntry> entries = new ArrayList<>(Math.min(limit, 1024));
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, connection_id, message_id, received_at, event "
                + "FROM event_log WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, cursor);
            ps.setInt(3, limit);
            ps.setFetchSize(1000); // stream, so that stopping at maxChars does not fetch the rest
            long chars = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (chars < maxChars && rs.next()) {
                    String json = rs.getString(5);
                    chars += json.length();
                    entries.add(new LogEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(), json));
                }
            }
        }
        return new Batch(cursor, entries);
    }
}
