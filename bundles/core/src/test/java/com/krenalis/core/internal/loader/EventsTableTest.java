package com.krenalis.core.internal.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.krenalis.api.warehouse.ColumnDefinition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsTableTest {
    private static final Instant LOGGED = Instant.parse("2026-11-23T10:00:00.123456Z");

    private static Map<String, Object> row(String json) {
        Object[] values = EventsTable.row(new LogEntry(7, 42, "m-1", LOGGED, json));
        Map<String, Object> byName = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            byName.put(EventsTable.LOADED_COLUMNS.get(i), values[i]);
        }
        return byName;
    }

    @Test
    void theKeyIsThePrimaryKeyAndKpidIsLoadedEmptyForTheLoaderToFillIn() {
        assertEquals(List.of("message_id"), EventsTable.DEFINITION.primaryKey());
        assertEquals("kpid", EventsTable.DEFINITION.columns().get(EventsTable.DEFINITION.columns().size() - 1).name());
        assertEquals("kpid", EventsTable.LOADED_COLUMNS.get(EventsTable.KPID));
        assertEquals(EventsTable.DEFINITION.columns().size(), EventsTable.LOADED_COLUMNS.size());
        assertNull(EventsTable.row(new LogEntry(1, 2, "m", java.time.Instant.EPOCH,
                "{\"type\":\"track\",\"userId\":\"u\"}"))[EventsTable.KPID]);
        assertEquals(List.of("message_id", "connection_id", "received_at"), EventsTable.DEFINITION.columns().stream()
                .filter(c -> !c.nullable()).map(ColumnDefinition::name).toList());
    }

    @Test
    void valuesOfAnotherKindBecomeTextOrNullNeverAFailure() {
        Map<String, Object> r = row("{\"type\":\"track\",\"userId\":42,\"anonymousId\":true,\"event\":{\"x\":1},"
                + "\"properties\":\"not an object\",\"traits\":[1,2],\"context\":{\"library\":\"analytics.js\","
                + "\"page\":{\"path\":null},\"ip\":7},\"timestamp\":\"yesterday\",\"sentAt\":\"2026-11-23T12:00:00+0200\","
                + "\"originalTimestamp\":\"+20000-01-01T00:00:00Z\"}");
        assertEquals("m-1", r.get("message_id"), "from the log, not the JSON");
        assertEquals(42L, r.get("connection_id"));
        assertEquals("42", r.get("user_id"));
        assertEquals("true", r.get("anonymous_id"));
        assertNull(r.get("event"), "an object is not text");
        assertNull(r.get("properties"), "a string is not JSON of an object");
        assertEquals("[1,2]", r.get("traits"));
        assertNull(r.get("context_library_name"), "library is not an object");
        assertNull(r.get("context_page_path"));
        assertEquals("7", r.get("context_ip"));
        assertNull(r.get("timestamp"), "unparsable");
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), r.get("sent_at"), "offset without a colon");
        assertNull(r.get("original_timestamp"), "beyond year 9999");
        assertEquals(LOGGED, r.get("received_at"), "no receivedAt in the event: the log's");
    }

    @Test
    void anUnreadableEventStillLoadsItsLogColumns() {
        Map<String, Object> r = row("{not json");
        assertEquals("m-1", r.get("message_id"));
        assertEquals(LOGGED, r.get("received_at"));
        assertNull(r.get("type"));
        assertNull(r.get("context"));
    }

    @Test
    void nulCharactersAreReplacedEverywhere() {
        Map<String, Object> r = row("{\"event\":\"a\\u0000b\",\"properties\":{\"k\\u0000\":[\"v\\u0000\"]}}");
        assertEquals("a\uFFFDb", r.get("event"));
        assertEquals("{\"k\uFFFD\":[\"v\uFFFD\"]}", r.get("properties"));
    }
}
