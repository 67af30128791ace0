package com.krenalis.ingest.internal.protocol;

import static com.krenalis.ingest.internal.protocol.TestJson.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {
    private final EventValidator validator = new EventValidator(Limits.DEFAULT);

    private List<EventError> errors(Endpoint endpoint, String... events) {
        return validator.validate(List.of(events).stream().map(TestJson::object).toList(), endpoint);
    }

    private List<EventError> errors(String event) {
        return errors(Endpoint.BATCH, event);
    }

    /** The fields named by the errors of one event. */
    private List<String> fields(String event) {
        return errors(event).stream().map(EventError::field).toList();
    }

    @Test
    void validEventsOfEveryType() {
        assertEquals(List.of(), errors(Endpoint.BATCH,
                "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"plan\":\"pro\"}}",
                "{\"type\":\"track\",\"anonymousId\":\"a\",\"event\":\"Signed Up\",\"properties\":{}}",
                "{\"type\":\"page\",\"userId\":\"u\",\"name\":\"Home\",\"category\":\"Docs\"}",
                "{\"type\":\"screen\",\"userId\":\"u\",\"name\":null}",
                "{\"type\":\"group\",\"userId\":\"u\",\"groupId\":\"g\"}",
                "{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":\"p\"}"));
    }

    @Test
    void typeIsRequiredAndOneOfSix() {
        assertEquals(List.of(new EventError(0, null, "type",
                "is required: identify, track, page, screen, group or alias")), errors("{\"userId\":\"u\"}"));
        assertEquals(List.of(new EventError(0, "m", "type",
                "must be identify, track, page, screen, group or alias, not \"Track\"")),
                errors("{\"type\":\"Track\",\"userId\":\"u\",\"messageId\":\"m\"}"));
        assertEquals(List.of("type"), fields("{\"type\":1,\"userId\":\"u\"}"));
        assertEquals(List.of("type"), fields("{\"type\":\"" + "x".repeat(100) + "\",\"userId\":\"u\"}"));
    }

    @Test
    void theTypeMustMatchThePath() {
        String identify = "{\"type\":\"identify\",\"userId\":\"u\"}";
        assertEquals(List.of(new EventError(0, null, "type", "is identify but this endpoint takes track events")),
                errors(new Endpoint.Single(EventType.TRACK), identify));
        assertEquals(List.of("type"), errors(new Endpoint.Pixel(EventType.PAGE), identify).stream()
                .map(EventError::field).toList());
        assertEquals(List.of(), errors(new Endpoint.Single(EventType.IDENTIFY), identify));
    }

    @Test
    void userIdOrAnonymousIdIsRequired() {
        for (String ids : List.of("", ",\"userId\":null", ",\"userId\":\"\",\"anonymousId\":\"\"",
                ",\"anonymousId\":null")) {
            List<EventError> e = errors("{\"type\":\"page\"" + ids + "}");
            assertEquals(List.of(new EventError(0, null, "userId",
                    "userId or anonymousId is required, a non-empty string")), e, ids);
        }
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":\"\",\"anonymousId\":\"a\"}"));
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":null,\"anonymousId\":\"a\"}"));
    }

    @Test
    void integerIdentifiersAreAccepted() {
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":42}"));
        assertEquals(List.of(), errors("{\"type\":\"page\",\"anonymousId\":12345678901234567890123}"));
        assertEquals(List.of(), errors("{\"type\":\"group\",\"userId\":1,\"groupId\":7}"));
        assertEquals(List.of(), errors("{\"type\":\"alias\",\"userId\":1,\"previousId\":0}"));
    }

    @Test
    void identifiersOfOtherKindsAreNamed() {
        assertEquals(List.of(new EventError(0, null, "userId", "must be a string or an integer, not a number")),
                errors("{\"type\":\"page\",\"userId\":1.5}"));
        assertEquals(List.of("anonymousId"), fields("{\"type\":\"page\",\"userId\":\"u\",\"anonymousId\":{}}"));
        assertEquals(List.of("userId", "anonymousId"),
                fields("{\"type\":\"page\",\"userId\":true,\"anonymousId\":[]}"));
        assertEquals(List.of("groupId"), fields("{\"type\":\"group\",\"userId\":\"u\",\"groupId\":{}}"));
        assertEquals(List.of("previousId"), fields("{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":false}"));
    }

    @Test
    void trackNeedsAnEventName() {
        for (String event : List.of("", ",\"event\":null", ",\"event\":\"\"")) {
            assertEquals(List.of(new EventError(0, null, "event", "is required for track events, a non-empty string")),
                    errors("{\"type\":\"track\",\"userId\":\"u\"" + event + "}"), event);
        }
        assertEquals(List.of(new EventError(0, null, "event", "must be a string, not an object")),
                errors("{\"type\":\"track\",\"userId\":\"u\",\"event\":{}}"));
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":\"u\"}"), "only track needs one");
    }

    @Test
    void aliasNeedsPreviousIdAndGroupNeedsGroupId() {
        assertEquals(List.of(new EventError(0, null, "previousId", "is required for alias events, a non-empty string")),
                errors("{\"type\":\"alias\",\"userId\":\"u\"}"));
        assertEquals(List.of("previousId"), fields("{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":\"\"}"));
        assertEquals(List.of(new EventError(0, null, "groupId", "is required for group events, a non-empty string")),
                errors("{\"type\":\"group\",\"userId\":\"u\",\"groupId\":null}"));
    }

    @Test
    void messageIdIsAStringOfAtMost100Characters() {
        String hundred = "m".repeat(100);
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":\"u\",\"messageId\":\"" + hundred + "\"}"));
        String emoji = "\\ud83d\\ude00".repeat(100); // 100 characters, 200 UTF-16 units
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":\"u\",\"messageId\":\"" + emoji + "\"}"));
        List<EventError> e = errors("{\"type\":\"page\",\"userId\":\"u\",\"messageId\":\"" + hundred + "m\"}");
        assertEquals(List.of(new EventError(0, hundred, "messageId", "must be at most 100 characters long")), e,
                "the error names the messageId cut to 100 characters");
        assertEquals(List.of(new EventError(0, null, "messageId", "must be a string, not a number")),
                errors("{\"type\":\"page\",\"userId\":\"u\",\"messageId\":7}"));
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":\"u\",\"messageId\":\"\"}"), "assigned later");
    }

    @ParameterizedTest
    @ValueSource(strings = {"properties", "traits", "context", "integrations"})
    void objectFieldsMustBeObjects(String field) {
        assertEquals(List.of(new EventError(0, null, field, "must be an object, not an array")),
                errors("{\"type\":\"page\",\"userId\":\"u\",\"" + field + "\":[]}"));
        assertEquals(List.of(field), fields("{\"type\":\"page\",\"userId\":\"u\",\"" + field + "\":\"x\"}"));
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":\"u\",\"" + field + "\":null}"));
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":\"u\",\"" + field + "\":{}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp", "originalTimestamp", "sentAt"})
    void timesMustBeIso8601WithAnOffset(String field) {
        for (String ok : List.of("2024-05-01T12:00:00.000Z", "2024-05-01T12:00:00Z", "2024-05-01T14:00:00+02:00",
                "2024-05-01T14:00:00.123456+0200", "2024-05-01T14:00:00+02", "2024-05-01T07:00:00.1-05:00")) {
            String event = "{\"type\":\"page\",\"userId\":\"u\",\"" + field + "\":\"" + ok + "\"}";
            assertEquals(List.of(), errors(event), ok);
        }
        for (String bad : List.of("\"2024-05-01T12:00:00\"", "\"2024-05-01\"", "\"yesterday\"", "\"\"",
                "1714564800000", "{}", "\"2024-13-01T12:00:00Z\"", "\"Wed, 01 May 2024 12:00:00 GMT\"")) {
            List<EventError> e = errors("{\"type\":\"page\",\"userId\":\"u\",\"" + field + "\":" + bad + "}");
            assertEquals(List.of(new EventError(0, null, field,
                    "must be an ISO-8601 date-time with a zone offset, like 2024-05-01T12:00:00.000Z")), e, bad);
        }
        assertEquals(List.of(), errors("{\"type\":\"page\",\"userId\":\"u\",\"" + field + "\":null}"));
    }

    @Test
    void nameAndCategoryMustBeStrings() {
        assertEquals(List.of("name", "category"),
                fields("{\"type\":\"page\",\"userId\":\"u\",\"name\":1,\"category\":[]}"));
    }

    @Test
    void anEventOverTheSizeLimitIsNamedWithoutAField() {
        ObjectNode event = object("{\"type\":\"page\",\"userId\":\"u\",\"properties\":{\"p\":\"\"}}");
        int overhead = ProtocolJson.write(event).length;
        EventValidator exact = new EventValidator(new Limits(overhead + 10, 512000, 64));
        ((ObjectNode) event.get("properties")).put("p", "x".repeat(10));
        assertEquals(List.of(), exact.validate(List.of(event), Endpoint.BATCH));
        ((ObjectNode) event.get("properties")).put("p", "x".repeat(11));
        List<EventError> e = exact.validate(List.of(event), Endpoint.BATCH);
        assertEquals(1, e.size());
        assertNull(e.get(0).field());
        assertEquals("the event is " + (overhead + 11) + " bytes of JSON, over the " + (overhead + 10)
                + "-byte limit", e.get(0).message());
    }

    @Test
    void theDefaultEventLimitIs32Kb() {
        String body = "x".repeat(32 * 1024);
        assertEquals(Collections.singletonList(null),
                fields("{\"type\":\"page\",\"userId\":\"u\",\"properties\":{\"p\":\"" + body + "\"}}"));
    }

    @Test
    void everyErrorOfEveryEventIsReportedWithIndexAndMessageId() {
        List<EventError> e = errors(Endpoint.BATCH,
                "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"ok\"}",
                "{\"type\":\"track\",\"messageId\":\"m1\",\"properties\":[],\"timestamp\":\"noon\"}",
                "{\"type\":\"page\",\"anonymousId\":\"a\"}",
                "{\"type\":\"alias\",\"messageId\":\"m3\",\"userId\":{}}");
        assertEquals(List.of(
                new EventError(1, "m1", "userId", "userId or anonymousId is required, a non-empty string"),
                new EventError(1, "m1", "event", "is required for track events, a non-empty string"),
                new EventError(1, "m1", "properties", "must be an object, not an array"),
                new EventError(1, "m1", "timestamp",
                        "must be an ISO-8601 date-time with a zone offset, like 2024-05-01T12:00:00.000Z"),
                new EventError(3, "m3", "userId", "must be a string or an integer, not an object"),
                new EventError(3, "m3", "previousId", "is required for alias events, a non-empty string")), e);
    }
}
