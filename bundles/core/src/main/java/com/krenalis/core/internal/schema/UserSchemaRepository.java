package com.krenalis.core.internal.schema;

import com.krenalis.api.types.TypeCodec;
import com.krenalis.core.internal.store.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL of {@code user_schemas} (V005): the schema in TypeCodec's JSON form, and its version. */
final class UserSchemaRepository {
    private UserSchemaRepository() {
    }

    static Optional<StoredSchema> find(Connection c, long workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT schema::text, version, updated_at FROM user_schemas WHERE workspace_id = ?")) {
            ps.setLong(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(new StoredSchema(TypeCodec.schemaFromJson(Columns.map(rs.getString(1))),
                            rs.getInt(2), Columns.instant(rs.getTimestamp(3))));
                } catch (TypeCodec.InvalidTypeException e) {
                    throw new SQLException("the stored user schema of workspace " + workspaceId + " is invalid: "
                            + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Stores the schema as version {@code expectedVersion + 1} if the stored version is still
     * {@code expectedVersion} (0: no row yet); false when another change came first.
     */
    static boolean save(Connection c, long workspaceId, String schemaJson, int expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO user_schemas (workspace_id, schema, version, updated_at) VALUES (?, ?::jsonb, ?, now()) "
                        + "ON CONFLICT (workspace_id) DO UPDATE SET schema = EXCLUDED.schema, version = EXCLUDED.version, "
                        + "updated_at = EXCLUDED.updated_at WHERE user_schemas.version = ?")) {
            ps.setLong(1, workspaceId);
            ps.setString(2, schemaJson);
            ps.setInt(3, expectedVersion + 1);
            ps.setInt(4, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }
}
