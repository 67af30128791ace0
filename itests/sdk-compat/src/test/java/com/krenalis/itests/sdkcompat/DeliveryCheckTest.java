package com.krenalis.itests.sdkcompat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The check itself, on made-up event logs: it must see every kind of fault the SDK tests are there to catch. */
class DeliveryCheckTest {
    private static final DeliveryCheck CHECK = new DeliveryCheck("test-sdk", UnaryOperator.identity());
    private final List<TestEvents.Event> events = TestEvents.load();
    private final List<String> ids = new ArrayList<>();
    private final List<EventLog.Row> rows = new ArrayList<>();

    DeliveryCheckTest() {
        for (TestEvents.Event e : events) {
            ids.add("id-" + e.index());
            rows.add(new EventLog.Row(e.index() + 1, "id-" + e.index(), stored(e, "id-" + e.index())));
        }
    }

    @Test
    void passesWhenEveryEventIsStoredOnceAsSent() {
        assertDoesNotThrow(() -> CHECK.assertDelivered(events, report(), rows));
    }

    @Test
    void namesAMissingEvent() {
        rows.remove(2);
        assertFails("#2 track \"Produkt angesehen – Café ☕\" (messageId id-2): missing from event_log");
    }

    @Test
    void namesADuplicatedEvent() {
        rows.add(new EventLog.Row(99, "id-3", rows.get(3).event()));
        assertFails("#3 page \"Preise – Überblick\" (messageId id-3): stored 2 times, rows seq [4, 99]");
    }

    @Test
    void namesEachAlteredValueByPath() {
        ((ObjectNode) rows.get(1).event().path("properties").path("products").get(0)).put("price", 3.21);
        ((ObjectNode) rows.get(0).event().path("traits")).remove("middle_name");
        ((ObjectNode) rows.get(0).event().path("traits").path("address")).put("city", "Zu\u0308rich");
        ((ObjectNode) rows.get(5).event()).put("groupId", "org-43");
        assertFails("properties.products[0].price: expected 3.2, stored 3.21",
                "traits.middle_name: missing, expected null",
                "traits.address.city: expected \"Zürich\", stored \"Zu\u0308rich\"",
                "groupId sent \"org-42\", stored \"org-43\"");
    }

    @Test
    void takesNumbersByValueNotBySpelling() {
        ((ObjectNode) rows.get(1).event().path("properties")).put("total", new java.math.BigDecimal("1234.50"));
        ((ObjectNode) rows.get(1).event().path("properties")).put("discount", 0.0);
        assertDoesNotThrow(() -> CHECK.assertDelivered(events, report(), rows));
    }

    @Test
    void namesEventsTheSdkDidNotSendAndIdsItReusedOrNeverGave() {
        rows.add(new EventLog.Row(100, "stranger", ExactJson.read("{\"messageId\":\"stranger\",\"type\":\"track\"}")));
        ids.set(4, "id-3");
        ids.set(6, null);
        assertFails("row seq 100: an event the SDK did not send",
                "#4 screen \"Einstellungen ⚙️\": the SDK gave messageId id-3 to two events",
                "#6 alias \"anon-7f3a9c\": the SDK reported no messageId");
    }

    @Test
    void namesAWrongLibraryAndAChangedClientTimestamp() {
        ((ObjectNode) rows.get(2).event()).put("timestamp", "2024-05-01T12:34:57.789Z");
        ((ObjectNode) rows.get(6).event().path("context").path("library")).put("name", "other");
        assertFails("timestamp sent 2024-05-01T12:34:56.789Z, stored \"2024-05-01T12:34:57.789Z\"",
                "#6 alias \"anon-7f3a9c\" (messageId id-6): context.library.name expected \"test-sdk\"");
    }

    private SdkReport report() {
        return new SdkReport("test-sdk 1.0", ids, List.of(), List.of("diagnostics"));
    }

    private void assertFails(String... expected) {
        AssertionError e = assertThrows(AssertionError.class, () -> CHECK.assertDelivered(events, report(), rows));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), () -> "no \"" + part + "\" in:\n" + e.getMessage());
        }
    }

    /** The event as the collector would store it: as sent, plus messageId, times and the library. */
    private static ObjectNode stored(TestEvents.Event e, String messageId) {
        ObjectNode event = e.json().deepCopy();
        event.put("messageId", messageId).put("receivedAt", "2026-01-01T00:00:00.000Z");
        if (!event.has("timestamp")) {
            event.put("timestamp", "2026-01-01T00:00:00.000Z");
        }
        ObjectNode context = event.has("context") ? (ObjectNode) event.get("context") : event.putObject("context");
        context.putObject("library").put("name", "test-sdk").put("version", "1.0");
        return event;
    }
}
