package com.krenalis.connector.postgresql;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import java.util.HashMap;
import java.util.Map;

/** Reads through the connector with the test server's settings. */
final class PostgresReads {
    static final PostgresConnector CONNECTOR = new PostgresConnector();

    private PostgresReads() {
    }

    static Settings connection(Map<String, Object> overrides) throws InvalidSettingsException {
        Map<String, Object> raw = TestPostgres.settings();
        raw.putAll(overrides);
        return CONNECTOR.spec().settings().validate(raw);
    }

    static Settings pipeline(String query, String identity, String updatedAt) throws InvalidSettingsException {
        Map<String, Object> raw = new HashMap<>();
        raw.put("query", query);
        raw.put("identityColumn", identity);
        if (updatedAt != null) {
            raw.put("updatedAtColumn", updatedAt);
        }
        return CONNECTOR.spec().pipelineSettings().validate(raw);
    }

    static ObjectType discover(String query, String identity, String updatedAt) throws Exception {
        return CONNECTOR.discover(connection(Map.of()), pipeline(query, identity, updatedAt));
    }

    static ReadResult read(String query, String identity, String updatedAt, String cursor, RecordSink sink)
            throws InvalidSettingsException, ConnectorException {
        return CONNECTOR.read(new ReadRequest(connection(Map.of()), pipeline(query, identity, updatedAt), cursor), sink);
    }
}
