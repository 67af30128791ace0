package com.krenalis.core.internal.bootstrap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Facts about the server kept in the metadata store. */
final class ServerState {
    static final String DEFAULT_WORKSPACE_CREATED = "default_workspace_created";
    static final String INITIAL_KEY_CREATED = "initial_key_created";

    private ServerState() {
    }

    /** The organization's id, creating it on first start. */
    static long organization(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM organizations ORDER BY id LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO organizations (name) VALUES ('Default organization') RETURNING id");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean isSet(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM server_state WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Void set(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO server_state (key, value) VALUES (?, now()::text) ON CONFLICT (key) DO NOTHING")) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
        return null;
    }
}
