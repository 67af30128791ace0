package com.krenalis.ingest.internal.protocol;

import static com.krenalis.ingest.internal.protocol.TestJson.bytes;
import static com.krenalis.ingest.internal.protocol.TestJson.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CollectorProtocolTest {
    private static final RequestInfo REQUEST = new RequestInfo(Instant.parse("2024-05-01T12:00:10Z"), "203.0.113.7");
    private final AtomicInteger ids = new AtomicInteger();
    private final CollectorProtocol protocol =
            new CollectorProtocol(Limits.DEFAULT, new EventEnricher(() -> "id-" + ids.incrementAndGet()));

    private Collected collect(String path, String body) throws ProtocolException {
        return protocol.collect(Endpoint.forPath(path).orElseThrow(), bytes(body), REQUEST);
    }

    /** The stored form of an event, read back. */
    private static JsonNode stored(CollectedEvent e) {
        return tree(e.json());
    }

    @Test
    void analyticsJava() throws Exception {
        Collected c = collect("/v1/import/", WireFixtures.ANALYTICS_JAVA);
        assertEquals("wk_java", c.bodyWriteKey());
        CollectedEvent identify = c.events().get(0);
        assertEquals(EventType.IDENTIFY, identify.type());
        assertEquals("aj-1", identify.messageId());
        assertEquals("user-1", identify.userId());
        assertNull(identify.anonymousId());
        assertEquals(Instant.parse("2024-05-01T12:00:00.120Z"), identify.timestamp());
        JsonNode track = stored(c.events().get(1));
        assertEquals(tree("""
                {"type": "track", "messageId": "aj-2", "timestamp": "2024-05-01T12:00:01.450Z",
                 "userId": "user-1", "event": "Order Completed",
                 "properties": {"total": 12.50, "currency": "EUR"}, "integrations": {"All": true},
                 "context": {"library": {"name": "analytics-java", "version": "3.5.4"}, "ip": "203.0.113.7"},
                 "receivedAt": "2024-05-01T12:00:10.000Z", "sentAt": "2024-05-01T12:00:02.000Z"}
                """), track);
        assertTrue(new String(c.events().get(1).json(), StandardCharsets.UTF_8).contains("\"total\":12.50"),
                "numbers stored as sent");
    }

    @Test
    void analyticsNode() throws Exception {
        Collected c = collect("/v1/batch", WireFixtures.ANALYTICS_NODE);
        assertEquals("wk_node", c.bodyWriteKey());
        JsonNode e = stored(c.events().get(0));
        assertEquals("@segment/analytics-node", e.at("/context/library/name").textValue());
        assertEquals("2024-05-01T12:00:00.500Z", e.get("sentAt").textValue());
        assertFalse(e.has("writeKey"));
    }

    @Test
    void rudderNodeTimesAreSkewCorrectedWithTheBatchSentAt() throws Exception {
        Collected c = collect("/v1/batch", WireFixtures.RUDDER_NODE);
        assertNull(c.bodyWriteKey());
        // sentAt 12:00:00, stamped 11:59:58 and 11:59:59, received 12:00:10
        assertEquals(Instant.parse("2024-05-01T12:00:08Z"), c.events().get(0).timestamp());
        assertEquals(Instant.parse("2024-05-01T12:00:09Z"), c.events().get(1).timestamp());
        assertEquals("2024-05-01T12:00:08.000Z", stored(c.events().get(0)).get("timestamp").textValue());
        assertEquals(tree("{\"name\":\"Ada\"}"), stored(c.events().get(0)).get("traits"));
        assertEquals("anon-3", c.events().get(0).anonymousId());
    }

    @Test
    void analyticsNextSingleEvents() throws Exception {
        Collected c = collect("/v1/t", WireFixtures.ANALYTICS_NEXT_TRACK);
        assertEquals("wk_browser", c.bodyWriteKey());
        CollectedEvent e = c.events().get(0);
        assertEquals(EventType.TRACK, e.type());
        assertNull(e.userId(), "sent as null");
        assertEquals("8c1e2e3a-0c3f-4f5e-9d7a-2c1b0a9f8e7d", e.anonymousId());
        assertEquals(Instant.parse("2024-05-01T12:00:00Z"), e.timestamp(), "the client's timestamp stands");
        assertEquals("203.0.113.7", stored(e).at("/context/ip").textValue());
        assertFalse(stored(e).has("writeKey"));
        assertEquals(1, collect("/v1/b", WireFixtures.ANALYTICS_NEXT_BATCH).events().stream()
                .filter(x -> x.type() == EventType.PAGE).count());
    }

    @Test
    void rudderJavaScriptIdentifyHasItsTraitsInContextOnly() throws Exception {
        Collected c = collect("/v1/identify", WireFixtures.RUDDER_JS_IDENTIFY);
        JsonNode e = stored(c.events().get(0));
        assertEquals(tree("{\"email\":\"grace@example.com\",\"plan\":\"team\"}"), e.get("traits"));
        // stamped 12:00:00, sent 12:00:03, received 12:00:10
        assertEquals("2024-05-01T12:00:07.000Z", e.get("timestamp").textValue());
        Collected batch = collect("/v1/batch", WireFixtures.RUDDER_JS_BATCH);
        assertEquals(Instant.parse("2024-05-01T12:00:05Z"), batch.events().get(0).timestamp());
        assertEquals(Instant.parse("2024-05-01T12:00:06Z"), batch.events().get(1).timestamp());
        assertEquals(2, collect("/beacon/v1/batch", WireFixtures.RUDDER_JS_BATCH).events().size());
    }

    @Test
    void rudderJava() throws Exception {
        Collected c = collect("/v1/batch", WireFixtures.RUDDER_JAVA);
        JsonNode group = stored(c.events().get(0));
        assertEquals("42", group.get("groupId").textValue(), "integer ids are stored as strings");
        assertEquals("analytics-java", group.at("/context/library/name").textValue());
        assertEquals(EventType.ALIAS, c.events().get(1).type());
        assertEquals("anon-6", stored(c.events().get(1)).get("previousId").textValue());
    }

    @Test
    void assignedMessageIdsAreReturned() throws Exception {
        Collected c = collect("/v1/events", "[{\"type\":\"page\",\"userId\":1},{\"type\":\"page\",\"userId\":2}]");
        assertEquals(List.of("id-1", "id-2"), c.events().stream().map(CollectedEvent::messageId).toList());
        assertEquals("1", c.events().get(0).userId());
        assertEquals("id-2", stored(c.events().get(1)).get("messageId").textValue());
    }

    @Test
    void textIsStoredInNfc() throws Exception {
        Collected c = collect("/v1/track", "{\"userId\":\"Jos\\u0065\\u0301\",\"event\":\"Caf\\u0065\\u0301 Visited\","
                + "\"properties\":{\"pr\\u0065\\u0301nom\":\"Rene\\u0301e\"}}");
        CollectedEvent e = c.events().get(0);
        assertEquals("Jos\u00e9", e.userId());
        assertEquals(tree("{\"pr\u00e9nom\":\"Ren\u00e9e\"}"), stored(e).get("properties"));
        String json = new String(e.json(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"Caf\u00e9 Visited\""), json);
        assertFalse(json.contains("\u0301"), json);
        assertArrayEquals(new byte[] {(byte) 0xC3, (byte) 0xA9}, "\u00e9".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRequestWithBadEventsIsRefusedWithAllTheirErrorsInOrder() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> collect("/v1/batch", """
                {"batch": [
                   {"type": "track", "userId": "u", "event": "fine"},
                   {"type": "track", "messageId": "m1", "userId": "u"},
                   {"type": "page", "userId": "u", "properties": {"\\u00e9": 1, "e\\u0301": 2}},
                   {"type": "identify", "messageId": "m3", "timestamp": "noon"}
                 ]}
                """));
        assertEquals(ProtocolException.Reason.INVALID, e.reason());
        assertEquals(List.of(
                new EventError(1, "m1", "event", "is required for track events, a non-empty string"),
                new EventError(2, null, "properties.\u00e9", "is given twice once keys are normalised to Unicode NFC"),
                new EventError(3, "m3", "userId", "userId or anonymousId is required, a non-empty string"),
                new EventError(3, "m3", "timestamp",
                        "must be an ISO-8601 date-time with a zone offset, like 2024-05-01T12:00:00.000Z")),
                e.errors());
        assertTrue(e.getMessage().startsWith("event 1 (messageId m1), event: is required"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; and 1 more"), e.getMessage());
    }

    @Test
    void theTypeOfASingleEventMustMatchItsPath() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> collect("/v1/i", "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"x\"}"));
        assertEquals(List.of(new EventError(0, null, "type", "is track but this endpoint takes identify events")),
                e.errors());
    }

    @Test
    void aPixel() throws Exception {
        Collected c = protocol.collectPixel(new Endpoint.Pixel(EventType.TRACK), Map.of(
                "writeKey", List.of("wk_px"), "anonymousId", List.of("anon-px"), "event", List.of("Email Opened"),
                "properties.campaign", List.of("spring")), REQUEST);
        assertEquals("wk_px", c.bodyWriteKey());
        CollectedEvent e = c.events().get(0);
        assertEquals(EventType.TRACK, e.type());
        assertEquals("id-1", e.messageId());
        assertEquals(tree("""
                {"anonymousId": "anon-px", "event": "Email Opened", "properties": {"campaign": "spring"},
                 "type": "track", "messageId": "id-1", "receivedAt": "2024-05-01T12:00:10.000Z",
                 "timestamp": "2024-05-01T12:00:10.000Z", "context": {"ip": "203.0.113.7"}}
                """), stored(e));
        ProtocolException bad = assertThrows(ProtocolException.class, () -> protocol.collectPixel(
                new Endpoint.Pixel(EventType.TRACK), Map.of("anonymousId", List.of("a")), REQUEST));
        assertEquals("event", bad.errors().get(0).field());
    }

    @Test
    void tooLargeAndMalformedBodiesAreToldApart() {
        CollectorProtocol small = new CollectorProtocol(new Limits(1024, 64, 64));
        ProtocolException large = assertThrows(ProtocolException.class, () -> small.collect(Endpoint.BATCH,
                bytes("[" + "{},".repeat(30) + "{}]"), REQUEST));
        assertEquals(ProtocolException.Reason.TOO_LARGE, large.reason());
        ProtocolException malformed = assertThrows(ProtocolException.class,
                () -> small.collect(Endpoint.BATCH, bytes("{"), REQUEST));
        assertEquals(ProtocolException.Reason.MALFORMED, malformed.reason());
    }
}
