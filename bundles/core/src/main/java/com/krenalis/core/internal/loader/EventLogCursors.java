package com.krenalis.core.internal.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** SQL for {@code event_log_cursors}: how far each consumer has read each workspace's events, and its failures. */
final class EventLogCursors {
    private static final int MAX_ERROR = 2000;

    private EventLogCursors() {
    }

    /** The consumer's cursor for the workspace: every event with a seq up to it is done (0: none yet). */
    static long get(Connection c, String consumer, long workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM event_log_cursors WHERE consumer = ? AND workspace_id = ?")) {
            ps.setString(1, consumer);
            ps.setLong(2, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves the cursor forward (never back: a slower concurrent writer cannot undo progress) and clears failures. */
    static void advance(Connection c, String consumer, long workspaceId, long seq) throws SQLException {
        try (Statement st = c.createStatement()) {
            // No need to wait for the flush to disk: a cursor update lost in a crash only replays a batch, which
            // consumers absorb (they must, for the crash between their own commit and this one).
            st.execute("SET LOCAL synchronous_commit = off");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_log_cursors (consumer, workspace_id, seq) "
                + "VALUES (?, ?, ?) ON CONFLICT (consumer, workspace_id) DO UPDATE SET "
                + "seq = GREATEST(event_log_cursors.seq, EXCLUDED.seq), updated_at = now(), "
                + "failing_since = NULL, last_error = NULL")) {
            ps.setString(1, consumer);
            ps.setLong(2, workspaceId);
            ps.setLong(3, seq);
            ps.executeUpdate();
        }
    }

    /** Records that the consumer fails for the workspace (since when, and why), leaving the cursor where it is. */
    static void failing(Connection c, String consumer, long workspaceId, String error) throws SQLException {
        String shown = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_log_cursors (consumer, workspace_id, "
                + "failing_since, last_error) SELECT ?, id, now(), ? FROM workspaces WHERE id = ? "
                + "ON CONFLICT (consumer, workspace_id) DO UPDATE SET "
                + "failing_since = COALESCE(event_log_cursors.failing_since, now()), last_error = EXCLUDED.last_error")) {
            ps.setString(1, consumer);
            ps.setString(2, shown);
            ps.setLong(3, workspaceId);
            ps.executeUpdate();
        }
    }
}
