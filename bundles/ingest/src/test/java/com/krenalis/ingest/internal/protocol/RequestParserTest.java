package com.krenalis.ingest.internal.protocol;

import static com.krenalis.ingest.internal.protocol.TestJson.bytes;
import static com.krenalis.ingest.internal.protocol.TestJson.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    private final RequestParser parser = new RequestParser(Limits.DEFAULT);
    private static final Endpoint TRACK = new Endpoint.Single(EventType.TRACK);

    private ParsedRequest parse(Endpoint endpoint, String body) throws ProtocolException {
        return parser.parse(endpoint, bytes(body));
    }

    private ProtocolException refused(Endpoint endpoint, String body) {
        return assertThrows(ProtocolException.class, () -> parse(endpoint, body));
    }

    @Test
    void analyticsJavaBatchGivesItsContextToEveryEventAndItsWriteKeyToTheCaller() throws Exception {
        ParsedRequest r = parse(Endpoint.BATCH, WireFixtures.ANALYTICS_JAVA);
        assertEquals("wk_java", r.bodyWriteKey());
        assertEquals("2024-05-01T12:00:02.000Z", r.batchSentAt());
        assertEquals(2, r.events().size());
        for (ObjectNode e : r.events()) {
            assertEquals(tree("{\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.4\"}}"), e.get("context"));
            assertFalse(e.has("writeKey"));
            assertFalse(e.has("sequence"));
        }
        assertEquals("Order Completed", r.events().get(1).get("event").textValue());
    }

    @Test
    void analyticsNodeBatch() throws Exception {
        ParsedRequest r = parse(Endpoint.BATCH, WireFixtures.ANALYTICS_NODE);
        assertEquals("wk_node", r.bodyWriteKey());
        assertEquals("2024-05-01T12:00:00.500Z", r.batchSentAt());
        assertEquals("@segment/analytics-node", r.events().get(0).at("/context/library/name").textValue());
    }

    @Test
    void rudderNodeBatchHasNoWriteKeyAndIgnoresTheBatchTimestamp() throws Exception {
        ParsedRequest r = parse(Endpoint.BATCH, WireFixtures.RUDDER_NODE);
        assertNull(r.bodyWriteKey());
        assertEquals("2024-05-01T12:00:00.000Z", r.batchSentAt());
        assertEquals(2, r.events().size());
        assertFalse(r.events().get(0).has("timestamp"), "the batch's timestamp is not an event time");
        assertEquals("2024-05-01T11:59:58.000Z", r.events().get(0).get("originalTimestamp").textValue());
    }

    @Test
    void analyticsNextSingleEventCarriesTheWriteKey() throws Exception {
        ParsedRequest r = parse(new Endpoint.Single(EventType.TRACK), WireFixtures.ANALYTICS_NEXT_TRACK);
        assertEquals("wk_browser", r.bodyWriteKey());
        assertNull(r.batchSentAt());
        assertEquals(1, r.events().size());
        assertFalse(r.events().get(0).has("writeKey"), "a write key never reaches the warehouse");
    }

    @Test
    void analyticsNextBatchCarriesTheWriteKeyInEachEvent() throws Exception {
        ParsedRequest r = parse(Endpoint.BATCH, WireFixtures.ANALYTICS_NEXT_BATCH);
        assertEquals("wk_browser", r.bodyWriteKey());
        assertTrue(r.events().stream().noneMatch(e -> e.has("writeKey")));
    }

    @Test
    void rudderJavaScriptAndJavaBatches() throws Exception {
        ParsedRequest js = parse(Endpoint.BATCH, WireFixtures.RUDDER_JS_BATCH);
        assertNull(js.bodyWriteKey());
        assertEquals(2, js.events().size());
        ParsedRequest java = parse(Endpoint.BATCH, WireFixtures.RUDDER_JAVA);
        assertNull(java.bodyWriteKey());
        assertEquals("3.1.2", java.events().get(1).at("/context/library/version").textValue());
    }

    @Test
    void aBareArrayIsABatch() throws Exception {
        ParsedRequest r = parse(Endpoint.BATCH, "[{\"type\":\"track\"},{\"type\":\"page\"}]");
        assertEquals(2, r.events().size());
        assertNull(r.bodyWriteKey());
        assertNull(r.batchSentAt());
    }

    @Test
    void theEventsEndpointAlsoTakesOneEventOrABatch() throws Exception {
        assertEquals(1, parse(Endpoint.EVENTS, "{\"type\":\"track\",\"writeKey\":\"k\"}").events().size());
        assertEquals("k", parse(Endpoint.EVENTS, "{\"type\":\"track\",\"writeKey\":\"k\"}").bodyWriteKey());
        assertEquals(2, parse(Endpoint.EVENTS, "{\"batch\":[{},{}]}").events().size());
        assertEquals(1, parse(Endpoint.EVENTS, "[{}]").events().size());
    }

    @Test
    void aBatchEndpointRefusesAnObjectWithoutBatch() {
        ProtocolException e = refused(Endpoint.BATCH, "{\"type\":\"track\"}");
        assertEquals(ProtocolException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        assertTrue(e.errors().isEmpty());
    }

    @Test
    void batchContextMergesShallowlyAndTheEventWins() throws Exception {
        ParsedRequest r = parse(Endpoint.BATCH, """
                {"batch": [
                   {"context": {"library": {"name": "own"}, "ip": "10.0.0.1"}, "integrations": {"Mixpanel": false}},
                   {"context": null},
                   {"context": "not an object"}
                 ],
                 "context": {"library": {"name": "batch", "version": "1"}, "locale": "fr-FR"},
                 "integrations": {"All": true, "Mixpanel": true}}
                """);
        assertEquals(tree("{\"library\":{\"name\":\"own\"},\"ip\":\"10.0.0.1\",\"locale\":\"fr-FR\"}"),
                r.events().get(0).get("context"), "own keys kept whole, missing ones added");
        assertEquals(tree("{\"Mixpanel\":false,\"All\":true}"), r.events().get(0).get("integrations"));
        assertEquals(tree("{\"library\":{\"name\":\"batch\",\"version\":\"1\"},\"locale\":\"fr-FR\"}"),
                r.events().get(1).get("context"), "null counts as absent");
        assertEquals("not an object", r.events().get(2).get("context").textValue(), "left for the validator");
    }

    @Test
    void eachEventGetsItsOwnCopyOfTheBatchContext() throws Exception {
        ParsedRequest r = parse(Endpoint.BATCH, "{\"batch\":[{},{}],\"context\":{\"a\":{\"b\":1}}}");
        ((ObjectNode) r.events().get(0).at("/context/a")).put("b", 2);
        assertEquals(1, r.events().get(1).at("/context/a/b").intValue());
    }

    @Test
    void batchLevelFieldsOfTheWrongKindAreRefused() {
        assertTrue(refused(Endpoint.BATCH, "{\"batch\":[{}],\"context\":[]}").getMessage()
                .startsWith("context must be an object"));
        assertTrue(refused(Endpoint.BATCH, "{\"batch\":[{}],\"integrations\":1}").getMessage()
                .startsWith("integrations must be an object"));
        assertTrue(refused(Endpoint.BATCH, "{\"batch\":[{}],\"writeKey\":5}").getMessage()
                .startsWith("writeKey must be a string"));
        assertTrue(refused(Endpoint.BATCH, "{\"batch\":[{}],\"sentAt\":\"yesterday\"}").getMessage()
                .startsWith("sentAt must be an ISO-8601"));
        assertTrue(refused(Endpoint.BATCH, "{\"batch\":[{}],\"sentAt\":17}").getMessage()
                .startsWith("sentAt must be an ISO-8601"));
        assertTrue(refused(Endpoint.BATCH, "{\"batch\":{}}").getMessage().startsWith("batch must be an array"));
        assertTrue(refused(Endpoint.BATCH, "{\"batch\":[]}").getMessage().contains("no events"));
        assertTrue(refused(Endpoint.BATCH, "[]").getMessage().contains("no events"));
    }

    @Test
    void everyEventThatIsNotAnObjectIsNamedByIndex() {
        ProtocolException e = refused(Endpoint.BATCH, "{\"batch\":[{}, 1, {}, \"x\", null]}");
        assertEquals(ProtocolException.Reason.INVALID, e.reason());
        assertEquals(List.of(1, 3, 4), e.errors().stream().map(EventError::index).toList());
        assertNull(e.errors().get(0).field());
        assertEquals("an event must be a JSON object, not a number", e.errors().get(0).message());
    }

    @Test
    void allWriteKeysOfABodyMustAgree() {
        ProtocolException e = refused(Endpoint.BATCH, """
                {"batch": [{"writeKey": "a"}, {"writeKey": "b", "messageId": "m2"}, {"writeKey": ""},
                           {"writeKey": 3}],
                 "writeKey": "a"}
                """);
        assertEquals(2, e.errors().size());
        assertEquals(new EventError(1, "m2", "writeKey",
                "differs from the batch's writeKey: a request belongs to one source"), e.errors().get(0));
        assertEquals(new EventError(3, null, "writeKey", "must be a string"), e.errors().get(1));

        ProtocolException events = refused(Endpoint.BATCH, "[{\"writeKey\":\"a\"},{\"writeKey\":\"b\"}]");
        assertEquals("writeKey", events.errors().get(0).field());
        assertEquals(1, events.errors().get(0).index());
    }

    @Test
    void anEmptyWriteKeyIsNoWriteKey() throws Exception {
        assertNull(parse(Endpoint.BATCH, "{\"batch\":[{\"writeKey\":\"\"}],\"writeKey\":\"\"}").bodyWriteKey());
        assertNull(parse(TRACK, "{\"writeKey\":null}").bodyWriteKey());
    }

    @Test
    void aSingleEventTakesThePathsTypeWhenItHasNone() throws Exception {
        assertEquals("track", parse(TRACK, "{\"event\":\"x\"}").events().get(0).get("type").textValue());
        assertEquals("track", parse(TRACK, "{\"type\":null}").events().get(0).get("type").textValue());
        assertEquals("identify", parse(TRACK, "{\"type\":\"identify\"}").events().get(0).get("type").textValue(),
                "a different type is left for the validator to name");
    }

    @Test
    void aSingleEventWithABadWriteKeyIsNamed() {
        ProtocolException e = refused(TRACK, "{\"writeKey\":[],\"messageId\":\"m\"}");
        assertEquals(List.of(new EventError(0, "m", "writeKey", "must be a string")), e.errors());
    }

    @Test
    void aTopLevelValueOfTheWrongKindIsRefused() {
        for (String body : List.of("\"hello\"", "42", "true", "null")) {
            assertEquals(ProtocolException.Reason.INVALID, refused(Endpoint.BATCH, body).reason(), body);
            assertEquals(ProtocolException.Reason.INVALID, refused(TRACK, body).reason(), body);
        }
        assertTrue(refused(TRACK, "[{}]").getMessage().contains("one event, a JSON object, not an array"));
    }

    @Test
    void malformedJsonIsRefusedWithWhere() {
        ProtocolException e = refused(Endpoint.BATCH, "{\"batch\": [\n {\"type\": }]}");
        assertEquals(ProtocolException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().startsWith("invalid JSON at line 2, column "), e.getMessage());
        for (String body : List.of("", "   ", "{", "{\"batch\":[]} trailing", "{'a':1}", "[1,]", "{\"a\":NaN}")) {
            assertEquals(ProtocolException.Reason.MALFORMED, refused(Endpoint.BATCH, body).reason(), body);
        }
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(TRACK, body));
        assertEquals(ProtocolException.Reason.MALFORMED, e.reason());
    }

    @Test
    void duplicateKeysAreRefusedAtAnyDepth() throws Exception {
        ProtocolException e = refused(TRACK, "{\"messageId\":\"a\",\"messageId\":\"b\"}");
        assertEquals(ProtocolException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("the key \"messageId\" is given twice in one object"), e.getMessage());
        ProtocolException deep = refused(Endpoint.BATCH, "{\"batch\":[{\"properties\":{\"x\":1,\"y\":{},\"x\":2}}]}");
        assertEquals(ProtocolException.Reason.MALFORMED, deep.reason());
        assertTrue(deep.getMessage().contains("\"x\""), deep.getMessage());
        // The same key in different objects is no duplicate.
        assertEquals(2, new RequestParser(Limits.DEFAULT).parse(Endpoint.BATCH, bytes("{\"batch\":[{\"type\":\"track\","
                + "\"properties\":{\"x\":{\"x\":1}}},{\"type\":\"track\",\"properties\":{\"x\":2}}]}")).events().size());
    }

    @Test
    void nestingIsCappedAtTheConfiguredDepth() throws Exception {
        RequestParser shallow = new RequestParser(new Limits(32768, 512000, 5));
        // batch object 1, array 2, event 3, properties 4, a 5
        shallow.parse(Endpoint.BATCH, bytes("{\"batch\":[{\"properties\":{\"a\":{}}}]}"));
        ProtocolException e = assertThrows(ProtocolException.class, () -> shallow.parse(Endpoint.BATCH,
                bytes("{\"batch\":[{\"properties\":{\"a\":{\"b\":[]}}}]}")));
        assertEquals(ProtocolException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("deeper than 5"), e.getMessage());
    }

    @Test
    void aNestingBombIsRefusedCheaply() {
        String bomb = "[".repeat(200_000) + "]".repeat(200_000);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new RequestParser(new Limits(32768, 1_000_000, 64)).parse(Endpoint.BATCH, bytes(bomb)));
        assertEquals(ProtocolException.Reason.MALFORMED, e.reason());
        String deep = "{\"batch\":[{\"properties\":" + "{\"a\":".repeat(61) + "{}" + "}".repeat(61) + "}]}";
        assertEquals(ProtocolException.Reason.MALFORMED, refused(Endpoint.BATCH, deep).reason());
        String justInside = "{\"batch\":[{\"properties\":" + "{\"a\":".repeat(60) + "{}" + "}".repeat(60) + "}]}";
        assertTrue(assertDoesNotThrow(justInside));
    }

    private boolean assertDoesNotThrow(String body) {
        try {
            return parse(Endpoint.BATCH, body).events().size() == 1;
        } catch (ProtocolException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void aBodyOverTheRequestLimitIsTooLarge() throws Exception {
        RequestParser small = new RequestParser(new Limits(100, 20, 64));
        String exactly20 = "[{\"type\":\"track\"}]  ";
        assertEquals(20, bytes(exactly20).length);
        assertEquals(1, small.parse(Endpoint.BATCH, bytes(exactly20)).events().size());
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> small.parse(Endpoint.BATCH, bytes(exactly20 + " ")));
        assertEquals(ProtocolException.Reason.TOO_LARGE, e.reason());
        assertEquals("the body is 21 bytes, over the 20-byte limit", e.getMessage());
    }

    @Test
    void numbersAreKeptAsSent() throws Exception {
        ObjectNode e = parse(TRACK, "{\"properties\":{\"price\":12.50,\"big\":123456789012345678901234567890,"
                + "\"tiny\":1e-7,\"int\":3}}").events().get(0);
        assertEquals("{\"price\":12.50,\"big\":123456789012345678901234567890,\"tiny\":1E-7,\"int\":3}",
                new String(ProtocolJson.write(e.get("properties")), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aPixelEndpointHasNoBody() {
        assertThrows(IllegalArgumentException.class,
                () -> parser.parse(new Endpoint.Pixel(EventType.TRACK), bytes("{}")));
    }
}
