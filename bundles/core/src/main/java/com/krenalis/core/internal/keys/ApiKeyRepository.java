package com.krenalis.core.internal.keys;

import com.krenalis.api.platform.ApiKey;
import com.krenalis.api.platform.Principal;
import com.krenalis.core.internal.store.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the api_keys table. */
final class ApiKeyRepository {
    private static final String COLUMNS = "id, name, prefix, workspace_id, created_at, last_used_at";

    private ApiKeyRepository() {
    }

    static Optional<Principal> principal(Connection c, byte[] hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, organization_id, workspace_id FROM api_keys WHERE token_sha256 = ?")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long ws = rs.getLong(3);
                Long workspace = rs.wasNull() ? null : ws; // wasNull() speaks of the last column read
                return Optional.of(new Principal(rs.getLong(1), rs.getLong(2), workspace));
            }
        }
    }

    static boolean exists(Connection c, byte[] hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM api_keys WHERE token_sha256 = ?")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static List<ApiKey> list(Connection c, long organizationId, Long workspaceId) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM api_keys WHERE organization_id = ?"
                + (workspaceId == null ? "" : " AND workspace_id = ?") + " ORDER BY id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, organizationId);
            if (workspaceId != null) {
                ps.setLong(2, workspaceId);
            }
            return keys(ps);
        }
    }

    static Optional<ApiKey> find(Connection c, long organizationId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE organization_id = ? AND id = ?")) {
            ps.setLong(1, organizationId);
            ps.setLong(2, id);
            return keys(ps).stream().findFirst();
        }
    }

    static long insert(Connection c, long organizationId, Long workspaceId, String name, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (organization_id, workspace_id, name, prefix, "
                + "token_sha256) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, organizationId);
            if (workspaceId == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, workspaceId);
            }
            ps.setString(3, name);
            ps.setString(4, Tokens.displayPrefix(token));
            ps.setBytes(5, Tokens.sha256(token));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static boolean rename(Connection c, long organizationId, long id, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET name = ? WHERE organization_id = ? AND id = ?")) {
            ps.setString(1, name);
            ps.setLong(2, organizationId);
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Locks the organization's keys so two concurrent deletions cannot remove the last two organization keys. */
    static int countOrganizationKeysForUpdate(Connection c, long organizationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM api_keys WHERE organization_id = ? AND workspace_id IS NULL FOR UPDATE")) {
            ps.setLong(1, organizationId);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    static void touch(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET last_used_at = now() WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static List<ApiKey> keys(PreparedStatement ps) throws SQLException {
        List<ApiKey> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long ws = rs.getLong(4);
                Long workspace = rs.wasNull() ? null : ws;
                out.add(new ApiKey(rs.getLong(1), rs.getString(2), rs.getString(3), workspace,
                        Columns.instant(rs.getTimestamp(5)), Columns.instant(rs.getTimestamp(6))));
            }
        }
        return out;
    }
}
