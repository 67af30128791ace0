package com.krenalis.connector.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.krenalis.api.connector.ConnectorException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadCursorTest {

    @Test
    void roundTripsAnyIdentity() throws Exception {
        for (String id : new String[] {"u1", "", "a|b", "Zoë \u0000 ✓", "x".repeat(500)}) {
            ReadCursor c = new ReadCursor(Instant.parse("2026-03-01T10:00:00.123456789Z"), id);
            assertEquals(c, ReadCursor.decode(c.encode()));
        }
        assertEquals("1|2026-03-01T10:00:00.123Z|dTE", new ReadCursor(Instant.parse("2026-03-01T10:00:00.123Z"), "u1").encode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor \u0000", "2|2026-03-01T10:00:00Z|dTE", "1|2026-03-01|dTE",
            "1|2026-03-01T10:00:00Z|dT=", "1|2026-03-01T10:00:00Z|d+E", "1|2026-03-01T10:00:00Z", "1|2026-03-01T10:00:00Z|dTE|x"})
    void rejectsAnythingElse(String text) {
        ConnectorException e = assertThrows(ConnectorException.class, () -> ReadCursor.decode(text));
        assertEquals(true, e.getMessage().contains("cursor"));
    }
}
