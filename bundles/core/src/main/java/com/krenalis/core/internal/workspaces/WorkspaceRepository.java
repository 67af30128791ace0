package com.krenalis.core.internal.workspaces;

import com.krenalis.core.internal.store.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the workspaces table. */
final class WorkspaceRepository {
    private static final String COLUMNS = "id, organization_id, name, warehouse_driver, warehouse_settings::text, "
            + "warehouse_key, namespace, created_at, updated_at";

    private WorkspaceRepository() {
    }

    static long nextId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval(pg_get_serial_sequence('workspaces', 'id'))");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<WorkspaceRow> list(Connection c, long organizationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workspaces WHERE organization_id = ? ORDER BY id")) {
            ps.setLong(1, organizationId);
            return rows(ps);
        }
    }

    static Optional<WorkspaceRow> find(Connection c, long organizationId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workspaces WHERE organization_id = ? AND id = ?")) {
            ps.setLong(1, organizationId);
            ps.setLong(2, id);
            return rows(ps).stream().findFirst();
        }
    }

    /** A workspace by id alone, for the server's own work (no principal). */
    static Optional<WorkspaceRow> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workspaces WHERE id = ?")) {
            ps.setLong(1, id);
            return rows(ps).stream().findFirst();
        }
    }

    static boolean nameTaken(Connection c, long organizationId, String name, long exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM workspaces WHERE organization_id = ? AND name = ? AND id <> ?")) {
            ps.setLong(1, organizationId);
            ps.setString(2, name);
            ps.setLong(3, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void insert(Connection c, WorkspaceRow w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO workspaces (id, organization_id, name, warehouse_driver, "
                + "warehouse_settings, warehouse_key, namespace) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            ps.setLong(1, w.id());
            ps.setLong(2, w.organizationId());
            ps.setString(3, w.name());
            ps.setString(4, w.warehouseDriver());
            ps.setString(5, Columns.json(w.warehouseSettings()));
            ps.setString(6, w.warehouseKey());
            ps.setString(7, w.namespace());
            ps.executeUpdate();
        }
    }

    static void update(Connection c, WorkspaceRow w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET name = ?, warehouse_driver = ?, "
                + "warehouse_settings = ?::jsonb, warehouse_key = ?, namespace = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(1, w.name());
            ps.setString(2, w.warehouseDriver());
            ps.setString(3, Columns.json(w.warehouseSettings()));
            ps.setString(4, w.warehouseKey());
            ps.setString(5, w.namespace());
            ps.setLong(6, w.id());
            ps.executeUpdate();
        }
    }

    static boolean delete(Connection c, long organizationId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM workspaces WHERE organization_id = ? AND id = ?")) {
            ps.setLong(1, organizationId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<WorkspaceRow> rows(PreparedStatement ps) throws SQLException {
        List<WorkspaceRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new WorkspaceRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), Columns.map(rs.getString(5)),
                        rs.getString(6), rs.getString(7), Columns.instant(rs.getTimestamp(8)), Columns.instant(rs.getTimestamp(9))));
            }
        }
        return out;
    }
}
