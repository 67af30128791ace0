package com.krenalis.ingest.internal.protocol;

import static com.krenalis.ingest.internal.protocol.TestJson.object;
import static com.krenalis.ingest.internal.protocol.TestJson.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventEnricherTest {
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:10Z");
    private static final RequestInfo REQUEST = new RequestInfo(RECEIVED, "203.0.113.7");
    private final EventEnricher enricher = new EventEnricher(() -> "assigned-id");

    private ObjectNode enrich(String event) {
        return enrich(event, null);
    }

    private ObjectNode enrich(String event, String batchSentAt) {
        ObjectNode node = object(event);
        enricher.enrich(node, batchSentAt, REQUEST);
        return node;
    }

    private static String text(ObjectNode event, String pointer) {
        return event.at(pointer).textValue();
    }

    @Test
    void aMissingMessageIdIsAssigned() {
        assertEquals("assigned-id", text(enrich("{\"type\":\"page\"}"), "/messageId"));
        assertEquals("assigned-id", text(enrich("{\"type\":\"page\",\"messageId\":null}"), "/messageId"));
        assertEquals("assigned-id", text(enrich("{\"type\":\"page\",\"messageId\":\"\"}"), "/messageId"));
        assertEquals("own", text(enrich("{\"type\":\"page\",\"messageId\":\"own\"}"), "/messageId"));
    }

    @Test
    void theDefaultMessageIdIsARandomUuid() {
        ObjectNode a = object("{}");
        ObjectNode b = object("{}");
        new EventEnricher().enrich(a, null, REQUEST);
        new EventEnricher().enrich(b, null, REQUEST);
        UUID.fromString(text(a, "/messageId"));
        assertNotEquals(text(a, "/messageId"), text(b, "/messageId"));
    }

    @Test
    void receivedAtIsTheServersTimeInMilliseconds() {
        ObjectNode e = object("{\"receivedAt\":\"1999-01-01T00:00:00Z\"}");
        enricher.enrich(e, null, new RequestInfo(Instant.parse("2024-05-01T12:00:10.123456789Z"), null));
        assertEquals("2024-05-01T12:00:10.123Z", text(e, "/receivedAt"));
    }

    @Test
    void skewCorrection() {
        // The client's clock runs 2 minutes slow: it stamped 11:58:00 and sent at 11:58:05; we got it at 12:00:10.
        ObjectNode e = enrich("{\"originalTimestamp\":\"2024-05-01T11:58:00.000Z\","
                + "\"sentAt\":\"2024-05-01T11:58:05.000Z\"}");
        assertEquals("2024-05-01T12:00:05.000Z", text(e, "/timestamp"));
        assertEquals("2024-05-01T11:58:00.000Z", text(e, "/originalTimestamp"), "kept as sent");
    }

    @Test
    void skewCorrectionAcrossZoneOffsetsAndAFastClock() {
        // Clock 1 h 2 min fast, written in +02:00: stamped 15:02:09.250 local = 13:02:09.250Z, sent 13:02:09.750Z.
        ObjectNode e = enrich("{\"originalTimestamp\":\"2024-05-01T15:02:09.250+02:00\","
                + "\"sentAt\":\"2024-05-01T13:02:09.750Z\"}");
        assertEquals("2024-05-01T12:00:09.500Z", text(e, "/timestamp"));
    }

    @Test
    void theBatchSentAtServesWhenTheEventHasNone() {
        ObjectNode e = enrich("{\"originalTimestamp\":\"2024-05-01T11:59:58.000Z\"}", "2024-05-01T12:00:00.000Z");
        assertEquals("2024-05-01T12:00:08.000Z", text(e, "/timestamp"));
        assertEquals("2024-05-01T12:00:00.000Z", text(e, "/sentAt"), "stored with the event");
        ObjectNode own = enrich("{\"originalTimestamp\":\"2024-05-01T11:59:58.000Z\","
                + "\"sentAt\":\"2024-05-01T11:59:59.000Z\"}", "2024-05-01T12:00:00.000Z");
        assertEquals("2024-05-01T12:00:09.000Z", text(own, "/timestamp"), "the event's own sentAt wins");
        assertEquals("2024-05-01T11:59:59.000Z", text(own, "/sentAt"));
    }

    @Test
    void withoutOriginalTimestampTheTimeIsReceivedAt() {
        assertEquals("2024-05-01T12:00:10.000Z", text(enrich("{}"), "/timestamp"));
        assertEquals("2024-05-01T12:00:10.000Z",
                text(enrich("{\"sentAt\":\"2024-05-01T11:00:00Z\"}"), "/timestamp"));
        assertEquals("2024-05-01T12:00:10.000Z", text(enrich("{\"timestamp\":null}"), "/timestamp"));
    }

    @Test
    void withoutSentAtTheOriginalTimestampStands() {
        assertEquals("2024-05-01T11:00:00.000Z",
                text(enrich("{\"originalTimestamp\":\"2024-05-01T13:00:00+02:00\"}"), "/timestamp"));
    }

    @Test
    void aClientsOwnTimestampIsKeptAsSent() {
        ObjectNode e = enrich("{\"timestamp\":\"2023-01-01T00:00:00+01:00\","
                + "\"originalTimestamp\":\"2024-05-01T11:58:00Z\",\"sentAt\":\"2024-05-01T11:58:05Z\"}");
        assertEquals("2023-01-01T00:00:00+01:00", text(e, "/timestamp"));
    }

    @Test
    void theClientAddressFillsContextIp() {
        assertEquals(tree("{\"ip\":\"203.0.113.7\"}"), enrich("{}").get("context"));
        assertEquals(tree("{\"locale\":\"en\",\"ip\":\"203.0.113.7\"}"),
                enrich("{\"context\":{\"locale\":\"en\"}}").get("context"));
        assertEquals("203.0.113.7", text(enrich("{\"context\":{\"ip\":null}}"), "/context/ip"));
        assertEquals("203.0.113.7", text(enrich("{\"context\":{\"ip\":\"\"}}"), "/context/ip"));
        assertEquals("198.51.100.1", text(enrich("{\"context\":{\"ip\":\"198.51.100.1\"}}"), "/context/ip"));
    }

    @Test
    void anUnknownClientAddressAddsNothing() {
        ObjectNode e = object("{}");
        enricher.enrich(e, null, new RequestInfo(RECEIVED, null));
        assertFalse(e.has("context"));
    }

    @Test
    void identifyTraitsAreReadFromContextTraits() {
        ObjectNode e = enrich("{\"type\":\"identify\",\"context\":{\"traits\":{\"email\":\"a@b.c\",\"n\":{\"x\":1}}}}");
        assertEquals(tree("{\"email\":\"a@b.c\",\"n\":{\"x\":1}}"), e.get("traits"));
        assertTrue(e.at("/context/traits").isObject(), "context.traits stays");
        ((ObjectNode) e.at("/traits/n")).put("x", 2);
        assertEquals(1, e.at("/context/traits/n/x").intValue(), "a copy, not a shared node");
        assertEquals(tree("{\"a\":1}"),
                enrich("{\"type\":\"identify\",\"traits\":{},\"context\":{\"traits\":{\"a\":1}}}").get("traits"),
                "empty traits count as none");
        assertEquals(tree("{\"a\":1}"),
                enrich("{\"type\":\"identify\",\"traits\":null,\"context\":{\"traits\":{\"a\":1}}}").get("traits"));
    }

    @Test
    void ownTraitsAndOtherTypesAreLeftAlone() {
        assertEquals(tree("{\"own\":true}"), enrich("{\"type\":\"identify\",\"traits\":{\"own\":true},"
                + "\"context\":{\"traits\":{\"a\":1}}}").get("traits"));
        assertFalse(enrich("{\"type\":\"track\",\"context\":{\"traits\":{\"a\":1}}}").has("traits"));
        assertFalse(enrich("{\"type\":\"identify\",\"context\":{\"traits\":{}}}").has("traits"));
    }

    @Test
    void integerIdentifiersBecomeStrings() {
        ObjectNode e = enrich("{\"userId\":42,\"anonymousId\":123456789012345678901234567890,\"groupId\":-7,"
                + "\"previousId\":0,\"properties\":{\"n\":1}}");
        assertEquals("42", text(e, "/userId"));
        assertEquals("123456789012345678901234567890", text(e, "/anonymousId"));
        assertEquals("-7", text(e, "/groupId"));
        assertEquals("0", text(e, "/previousId"));
        assertTrue(e.at("/properties/n").isInt(), "only identifiers");
    }
}
