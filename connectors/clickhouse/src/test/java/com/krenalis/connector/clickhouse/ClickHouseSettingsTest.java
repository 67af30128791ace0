package com.krenalis.connector.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseSettingsTest {
    private final ClickHouseConnector connector = new ClickHouseConnector();

    private Settings settings(Map<String, Object> raw) throws InvalidSettingsException {
        return connector.spec().settings().validate(raw);
    }

    @Test
    void specIsADatabaseWithDefaults() throws Exception {
        assertEquals("clickhouse", connector.spec().code());
        assertEquals(java.util.Set.of(ConnectorKind.DATABASE), connector.spec().kinds());
        Settings s = settings(Map.of("host", "ch.example.com", "password", "hunter2-secret"));
        assertEquals(8123L, s.requireInteger("port"));
        assertEquals("default", s.requireString("database"));
        assertEquals("default", s.requireString("username"));
        assertFalse(s.bool("tls"));
        assertFalse(s.toString().contains("hunter2-secret"));
    }

    @Test
    void eachBadFieldIsNamed() {
        for (Map<String, Object> raw : List.<Map<String, Object>>of(Map.of(), Map.of("host", "http://ch:8123"),
                Map.of("host", "ch", "port", 0L), Map.of("host", "ch", "port", 70000L),
                Map.of("host", "ch", "database", "a`b"))) {
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings(raw), raw.toString());
            assertFalse(e.errors().isEmpty());
        }
    }

    @Test
    void theWellKnownPortOfTheOtherProtocolIsAnError() throws Exception {
        assertEquals(List.of("port"), fields(Map.of("host", "ch", "port", 8443L)));
        assertEquals(List.of("tls"), fields(Map.of("host", "ch", "port", 8123L, "tls", true)));
        assertTrue(fields(Map.of("host", "ch", "port", 8443L, "tls", true)).isEmpty());
        assertTrue(fields(Map.of("host", "ch", "port", 9999L)).isEmpty());
    }

    private List<String> fields(Map<String, Object> raw) throws Exception {
        return connector.validate(settings(raw)).stream().map(FieldError::field).toList();
    }

    /** Every database source's pipeline settings (DatabasePipeline), with ClickHouse's help text. */
    @Test
    void thePipelineSettingsAreThoseOfEveryDatabaseSource() throws Exception {
        var spec = connector.spec().pipelineSettings();
        spec.validate(Map.of("query", "SELECT 1 AS id", "identityColumn", "id", "updatedAtColumn", "updated_at"));
        assertThrows(InvalidSettingsException.class, () -> spec.validate(Map.of("query", "SELECT 1", "identityColumn", "a\u0000b")));
        assertThrows(InvalidSettingsException.class, () -> spec.validate(Map.of("identityColumn", "id")));
        assertTrue(spec.fields().get(0).description().contains("readonly=1"), spec.fields().get(0).description());
    }
}
