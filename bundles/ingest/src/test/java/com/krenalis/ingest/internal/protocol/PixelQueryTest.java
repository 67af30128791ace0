package com.krenalis.ingest.internal.protocol;

import static com.krenalis.ingest.internal.protocol.TestJson.tree;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PixelQueryTest {
    private static final Endpoint.Pixel TRACK = new Endpoint.Pixel(EventType.TRACK);
    private final RequestParser parser = new RequestParser(Limits.DEFAULT);

    /** A query as the HTTP layer hands it over: decoded, in order, each name with its values. */
    private static Map<String, List<String>> query(String... nameValues) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            q.computeIfAbsent(nameValues[i], k -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
        }
        return q;
    }

    private ProtocolException refused(Map<String, List<String>> query) {
        return assertThrows(ProtocolException.class, () -> parser.parsePixel(TRACK, query));
    }

    @Test
    void flatParametersMapToTheEvent() throws Exception {
        ParsedRequest r = parser.parsePixel(TRACK, query(
                "writeKey", "wk_pixel", "userId", "user-1", "anonymousId", "anon-1", "event", "Email Opened",
                "messageId", "px-1", "timestamp", "2024-05-01T12:00:00Z",
                "properties.campaign", "spring", "properties.email.subject", "Hello",
                "context.page.url", "https://example.com/", "context.campaign.source", "newsletter",
                "traits.plan", "pro", "integrations.All", "false", "_", "1714564800000", "utm_source", "x"));
        assertEquals("wk_pixel", r.bodyWriteKey());
        assertNull(r.batchSentAt());
        assertEquals(tree("""
                {"userId": "user-1", "anonymousId": "anon-1", "event": "Email Opened", "messageId": "px-1",
                 "timestamp": "2024-05-01T12:00:00Z",
                 "properties": {"campaign": "spring", "email": {"subject": "Hello"}},
                 "context": {"page": {"url": "https://example.com/"}, "campaign": {"source": "newsletter"}},
                 "traits": {"plan": "pro"}, "integrations": {"All": "false"}, "type": "track"}
                """), r.events().get(0));
    }

    @Test
    void thePathGivesTheType() throws Exception {
        ParsedRequest r = parser.parsePixel(new Endpoint.Pixel(EventType.PAGE), query("anonymousId", "a",
                "name", "Home", "category", "Docs"));
        assertEquals("page", r.events().get(0).get("type").textValue());
        assertEquals("Docs", r.events().get(0).get("category").textValue());
        assertEquals("identify", parser.parsePixel(TRACK, query("type", "identify")).events().get(0).get("type")
                .textValue(), "a different type is left for the validator");
    }

    @Test
    void segmentsDataParameterCarriesTheWholeEvent() throws Exception {
        String json = "{\"writeKey\":\"wk_data\",\"userId\":\"u>?\",\"event\":\"Opened\",\"properties\":{\"n\":1}}";
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder().withoutPadding())) {
            String data = encoder.encodeToString(json.getBytes(UTF_8));
            ParsedRequest r = parser.parsePixel(TRACK, query("data", data, "userId", "ignored"));
            assertEquals("wk_data", r.bodyWriteKey());
            assertEquals(tree("{\"userId\":\"u>?\",\"event\":\"Opened\",\"properties\":{\"n\":1},\"type\":\"track\"}"),
                    r.events().get(0));
        }
    }

    @Test
    void aPlusDecodedToASpaceIsReadBack() throws Exception {
        String data = Base64.getEncoder().encodeToString("{\"event\":\"~~~>\"}".getBytes(UTF_8));
        assertTrue(data.contains("+"), data);
        ParsedRequest r = parser.parsePixel(TRACK, query("data", data.replace('+', ' ')));
        assertEquals("~~~>", r.events().get(0).get("event").textValue());
    }

    @Test
    void theWriteKeyParameterJoinsData() throws Exception {
        String data = Base64.getEncoder().encodeToString("{\"event\":\"x\"}".getBytes(UTF_8));
        assertEquals("wk", parser.parsePixel(TRACK, query("data", data, "writeKey", "wk")).bodyWriteKey());
        String keyed = Base64.getEncoder().encodeToString("{\"writeKey\":\"a\"}".getBytes(UTF_8));
        assertEquals("a", parser.parsePixel(TRACK, query("data", keyed, "writeKey", "a")).bodyWriteKey());
        assertTrue(refused(query("data", keyed, "writeKey", "b")).getMessage().contains("differs"));
        String empty = Base64.getEncoder().encodeToString("{\"writeKey\":\"\"}".getBytes(UTF_8));
        assertEquals("wk", parser.parsePixel(TRACK, query("data", empty, "writeKey", "wk")).bodyWriteKey());
    }

    @Test
    void badDataIsRefused() {
        assertEquals(ProtocolException.Reason.MALFORMED, refused(query("data", "not base64!")).reason());
        String notJson = Base64.getEncoder().encodeToString("hello".getBytes(UTF_8));
        assertEquals(ProtocolException.Reason.MALFORMED, refused(query("data", notJson)).reason());
        String array = Base64.getEncoder().encodeToString("[{}]".getBytes(UTF_8));
        assertEquals(ProtocolException.Reason.INVALID, refused(query("data", array)).reason());
    }

    @Test
    void aRepeatedParameterIsRefused() {
        ProtocolException e = refused(query("userId", "a", "userId", "b"));
        assertEquals(ProtocolException.Reason.INVALID, e.reason());
        assertEquals("query parameter 'userId' is given 2 times", e.getMessage());
    }

    @Test
    void twoParametersClaimingOneFieldAreRefusedInEitherOrder() {
        assertTrue(refused(query("context.page", "x", "context.page.url", "y")).getMessage()
                .contains("'context.page.url' conflicts"));
        assertTrue(refused(query("context.page.url", "y", "context.page", "x")).getMessage()
                .contains("'context.page' conflicts"));
    }

    @Test
    void badDottedNamesAreRefused() {
        assertTrue(refused(query("properties.", "x")).getMessage().contains("empty name part"));
        assertTrue(refused(query("properties..a", "x")).getMessage().contains("empty name part"));
        assertTrue(refused(query("properties", "{}")).getMessage().contains("needs a dotted name"));
    }

    @Test
    void dottedNamesNestNoDeeperThanTheLimit() throws Exception {
        RequestParser shallow = new RequestParser(new Limits(32768, 512000, 4));
        shallow.parsePixel(TRACK, query("context.a.b.c", "x")); // event, context, a, b: 4 levels
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> shallow.parsePixel(TRACK, query("context.a.b.c.d", "x")));
        assertTrue(e.getMessage().contains("deeper than 4"), e.getMessage());
    }

    @Test
    void anOversizeQueryIsTooLarge() {
        RequestParser small = new RequestParser(new Limits(32768, 10, 64));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> small.parsePixel(TRACK, query("userId", "12345")));
        assertEquals(ProtocolException.Reason.TOO_LARGE, e.reason());
    }

    @Test
    void aNameWithoutValueIsEmpty() throws Exception {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("userId", List.of());
        assertEquals("", parser.parsePixel(TRACK, q).events().get(0).get("userId").textValue());
    }
}
