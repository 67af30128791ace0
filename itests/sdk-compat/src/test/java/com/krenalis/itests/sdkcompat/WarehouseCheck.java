package com.krenalis.itests.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last leg: what the collector committed reaches the workspace's warehouse table {@code events} (the default
 * workspace's schema {@code workspace_<id>} in the embedded warehouse database), each event once, with its
 * properties and traits as stored in the log.
 */
final class WarehouseCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Loaded(int copies, JsonNode properties, JsonNode traits) {
    }

    private WarehouseCheck() {
    }

    static void assertLoaded(KrenalisServer server, EventSource source, List<EventLog.Row> logged) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        Map<String, Loaded> loaded = load(server, source);
        while (loaded.size() < logged.size() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            loaded = load(server, source);
        }
        assertEquals(logged.size(), loaded.size(), "events in the warehouse vs committed to the log");
        for (EventLog.Row row : logged) {
            Loaded w = loaded.get(row.messageId());
            assertEquals(1, w == null ? 0 : w.copies(), "warehouse copies of " + row.messageId());
            // Compared by value: PostgreSQL's jsonb prints numbers its own way (1e21 as 1000000000000000000000).
            List<String> diffs = new java.util.ArrayList<>();
            compare("properties", row.event().path("properties"), w.properties(), diffs);
            compare("traits", row.event().path("traits"), w.traits(), diffs);
            assertEquals(List.of(), diffs, "warehouse row of " + row.messageId() + " differs from the log");
        }
    }

    private static Map<String, Loaded> load(KrenalisServer server, EventSource source) {
        String url = server.metadataJdbcUrl().replace("/krenalis", "/warehouse");
        String sql = "SELECT message_id, count(*) OVER (PARTITION BY message_id), properties::text, traits::text "
                + "FROM \"workspace_" + source.workspaceId() + "\".events WHERE connection_id = ?";
        Map<String, Loaded> out = new HashMap<>();
        try (Connection db = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement st = db.prepareStatement(sql)) {
            st.setLong(1, source.connectionId());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Loaded(rs.getInt(2), tree(rs.getString(3)), tree(rs.getString(4))));
                }
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // the events table appears with the first load
                throw new AssertionError("cannot read the warehouse at " + url + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** An object the event has must be in the column, equal by value; one it lacks must be SQL NULL there. */
    private static void compare(String column, JsonNode logged, JsonNode warehouse, List<String> diffs) {
        if (logged.isMissingNode() || logged.isNull()) {
            if (warehouse != null && !warehouse.isNull()) {
                diffs.add(column + ": the event has none, the warehouse has " + warehouse);
            }
        } else if (warehouse == null) {
            diffs.add(column + ": missing in the warehouse");
        } else {
            diffs.addAll(ExactJson.differences(column, logged, warehouse));
        }
    }

    private static JsonNode tree(String json) {
        return json == null ? null : ExactJson.read(json);
    }
}
