package com.krenalis.itests.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the collector committed for one source: the rows of table {@code event_log} in the metadata database of the
 * server's embedded PostgreSQL, read over JDBC as user {@code postgres}. The collector answers 200 only after the
 * commit, so once an SDK reports success its events are here.
 */
final class EventLog {
    /** One stored event; {@code event} is the stored JSON text, parsed exactly ({@link ExactJson}). */
    record Row(long seq, String messageId, JsonNode event) {
    }

    private EventLog() {
    }

    static List<Row> rows(KrenalisServer server, EventSource source) {
        String sql = "SELECT seq, message_id, event FROM event_log WHERE workspace_id = ? AND connection_id = ? ORDER BY seq";
        try (Connection db = DriverManager.getConnection(server.metadataJdbcUrl(), "postgres", "");
             PreparedStatement st = db.prepareStatement(sql)) {
            st.setLong(1, source.workspaceId());
            st.setLong(2, source.connectionId());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), ExactJson.read(rs.getString(3))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("cannot read event_log at " + server.metadataJdbcUrl() + ": " + e.getMessage(), e);
        }
    }
}
