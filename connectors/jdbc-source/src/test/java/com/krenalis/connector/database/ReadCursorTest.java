package com.krenalis.connector.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.settings.InvalidSettingsException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cursor every database connector writes, and the pipeline settings they share: the one test of each. */
class ReadCursorTest {

    @Test
    void roundTripsAnyIdentity() throws Exception {
        for (String id : new String[] {"u1", "", "id|with|bars", "Zoë \u0000 ✓", "x".repeat(500)}) {
            ReadCursor c = new ReadCursor(Instant.parse("2026-03-01T10:00:00.123456789Z"), id);
            assertEquals(c, ReadCursor.parse(c.encode()));
        }
        assertEquals("1|2026-03-01T10:00:00.123456Z|id|with|bars",
                new ReadCursor(Instant.parse("2026-03-01T10:00:00.123456Z"), "id|with|bars").encode());
        assertEquals(new ReadCursor(Instant.EPOCH, ""), ReadCursor.parse("1|1970-01-01T00:00:00Z|"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor \u0000", "2|1970-01-01T00:00:00Z|x", "1|yesterday|x", "1|2026-03-01|x",
            "1|1970-01-01T00:00:00Z", "2026-03-01T10:00:00Z"})
    void rejectsAnythingElse(String text) {
        ConnectorException e = assertThrows(ConnectorException.class, () -> ReadCursor.parse(text));
        assertTrue(e.getMessage().contains("cursor"), e.getMessage());
    }

    @Test
    void anIncrementalReadNeedsAnUpdatedAtColumn() throws Exception {
        assertNull(new DatabasePipeline("SELECT 1", "id", null).cursor(null), "no cursor: a full read");
        assertEquals(new ReadCursor(Instant.EPOCH, "a"),
                new DatabasePipeline("SELECT 1", "id", "upd").cursor("1|1970-01-01T00:00:00Z|a"));
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> new DatabasePipeline("SELECT 1", "id", null).cursor("1|1970-01-01T00:00:00Z|a"));
        assertTrue(e.getMessage().contains("updatedAtColumn"), e.getMessage());
    }

    @Test
    void pipelineSettingsAreValidatedPerField() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> DatabasePipeline.SPEC.validate(Map.of("query", "SELECT 1", "identityColumn", "a\u0001b")));
        assertEquals("identityColumn", e.errors().get(0).field());
        e = assertThrows(InvalidSettingsException.class,
                () -> DatabasePipeline.SPEC.validate(Map.of("identityColumn", "id")));
        assertEquals("query", e.errors().get(0).field());
    }

    @Test
    void pipelineWithoutUpdatedAtColumn() throws Exception {
        DatabasePipeline p = DatabasePipeline.of(DatabasePipeline.SPEC.validate(
                Map.of("query", "SELECT 1", "identityColumn", "a\"b", "updatedAtColumn", "")));
        assertEquals(new DatabasePipeline("SELECT 1", "a\"b", null), p);
    }

    @Test
    void aConnectorsOwnWordsChangeOnlyTheHelp() throws Exception {
        var spec = DatabasePipeline.spec("It runs with readonly=1.", "Date or DateTime column");
        assertTrue(spec.fields().get(0).description().contains("readonly=1"), spec.fields().get(0).description());
        assertEquals(DatabasePipeline.SPEC.fields().stream().map(f -> f.name()).toList(),
                spec.fields().stream().map(f -> f.name()).toList());
        assertEquals(new DatabasePipeline("SELECT 1", "ID", "UPD"),
                DatabasePipeline.of(spec.validate(Map.of("query", "SELECT 1", "identityColumn", "ID",
                        "updatedAtColumn", "UPD"))));
    }
}
