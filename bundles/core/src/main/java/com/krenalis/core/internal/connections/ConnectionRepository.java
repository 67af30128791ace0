package com.krenalis.core.internal.connections;

import com.krenalis.api.platform.EventSourceTarget;
import com.krenalis.api.platform.EventWriteKey;
import com.krenalis.core.internal.store.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the connections and event_write_keys tables. */
final class ConnectionRepository {
    private static final String COLUMNS = "id, workspace_id, name, role, connector, settings::text, enabled, created_at, updated_at";

    private ConnectionRepository() {
    }

    static List<ConnectionRow> list(Connection c, long workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM connections WHERE workspace_id = ? ORDER BY id")) {
            ps.setLong(1, workspaceId);
            return rows(ps);
        }
    }

    static Optional<ConnectionRow> find(Connection c, long workspaceId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM connections WHERE workspace_id = ? AND id = ?")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, id);
            return rows(ps).stream().findFirst();
        }
    }

    static long insert(Connection c, ConnectionRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connections (workspace_id, name, role, connector, settings, "
                + "enabled) VALUES (?, ?, ?, ?, ?::jsonb, ?) RETURNING id")) {
            ps.setLong(1, r.workspaceId());
            ps.setString(2, r.name());
            ps.setString(3, r.role());
            ps.setString(4, r.connector());
            ps.setString(5, Columns.json(r.settings()));
            ps.setBoolean(6, r.enabled());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void update(Connection c, ConnectionRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connections SET name = ?, settings = ?::jsonb, enabled = ?, "
                + "updated_at = now() WHERE workspace_id = ? AND id = ?")) {
            ps.setString(1, r.name());
            ps.setString(2, Columns.json(r.settings()));
            ps.setBoolean(3, r.enabled());
            ps.setLong(4, r.workspaceId());
            ps.setLong(5, r.id());
            ps.executeUpdate();
        }
    }

    static boolean delete(Connection c, long workspaceId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connections WHERE workspace_id = ? AND id = ?")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    static EventWriteKey insertWriteKey(Connection c, long connectionId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO event_write_keys (key, connection_id) VALUES (?, ?) RETURNING created_at")) {
            ps.setString(1, key);
            ps.setLong(2, connectionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new EventWriteKey(key, connectionId, rs.getTimestamp(1).toInstant());
            }
        }
    }

    static List<EventWriteKey> writeKeys(Connection c, long connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key, created_at FROM event_write_keys WHERE connection_id = ? ORDER BY created_at, key")) {
            ps.setLong(1, connectionId);
            List<EventWriteKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventWriteKey(rs.getString(1), connectionId, rs.getTimestamp(2).toInstant()));
                }
            }
            return out;
        }
    }

    static boolean deleteWriteKey(Connection c, long connectionId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM event_write_keys WHERE connection_id = ? AND key = ?")) {
            ps.setLong(1, connectionId);
            ps.setString(2, key);
            return ps.executeUpdate() == 1;
        }
    }

    static Optional<EventSourceTarget> target(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cn.workspace_id, cn.id, cn.connector, cn.enabled, cn.settings::text "
                + "FROM event_write_keys k JOIN connections cn ON cn.id = k.connection_id WHERE k.key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new EventSourceTarget(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                                Columns.map(rs.getString(5))))
                        : Optional.empty();
            }
        }
    }

    private static List<ConnectionRow> rows(PreparedStatement ps) throws SQLException {
        List<ConnectionRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ConnectionRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Columns.map(rs.getString(6)), rs.getBoolean(7), Columns.instant(rs.getTimestamp(8)), Columns.instant(rs.getTimestamp(9))));
            }
        }
        return out;
    }
}
