package com.krenalis.core.internal.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.settings.FieldError;
import com.krenalis.core.internal.schema.UserSchemas;
import com.krenalis.core.internal.schema.ValueException;
import com.krenalis.core.internal.schema.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A source's mapping of Segment events onto the default user schema, as a pipeline would run it. */
class SegmentIdentifyMappingTest {
    static final Map<String, String> MAPPING = new LinkedHashMap<>();

    static {
        MAPPING.put("email", "lower(trim(coalesce(traits.email, context.traits.email)))");
        MAPPING.put("first_name", "initcap(trim(coalesce(traits.firstName, traits.first_name, context.traits.firstName)))");
        MAPPING.put("last_name", "initcap(trim(coalesce(traits.lastName, traits.last_name, context.traits.lastName)))");
        MAPPING.put("phone", "trim(coalesce(traits.phone, context.traits.phone))");
    }

    /** An identify call as analytics.js sends it, enriched by the collector. */
    static final String IDENTIFY = """
            {
              "type": "identify",
              "messageId": "ajs-next-1718030123456-6c1f3e1b-95ad-4c9e-b0f1-2a1b6e4f7c3d",
              "anonymousId": "5f7c2b9e-1d3a-4f6b-8e2c-9a0b1c2d3e4f",
              "userId": "user_8731",
              "traits": {
                "email": "  Ada.Lovelace@Example.COM ",
                "firstName": "ADA",
                "last_name": "lovelace",
                "phone": "+44 20 7946 0958 ",
                "plan": "enterprise",
                "logins": 42,
                "address": {"city": "London", "country": "GB"},
                "createdAt": "2024-03-01T10:00:00.000Z"
              },
              "context": {
                "ip": "203.0.113.7",
                "library": {"name": "analytics.js", "version": "next-1.70.0"},
                "locale": "en-GB",
                "page": {"path": "/account", "referrer": "", "title": "Account", "url": "https://example.com/account"},
                "userAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
              },
              "integrations": {},
              "originalTimestamp": "2024-06-10T14:35:23.456Z",
              "sentAt": "2024-06-10T14:35:23.460Z",
              "receivedAt": "2024-06-10T14:35:23.981Z",
              "timestamp": "2024-06-10T14:35:23.977Z"
            }""";

    private static Map<String, Object> json(String text) throws Exception {
        return new ObjectMapper().readValue(text, new TypeReference<Map<String, Object>>() { });
    }

    private static Mapping mapping() {
        return Mapping.compile(MAPPING, null, UserSchemas.DEFAULT_SCHEMA);
    }

    @Test
    void anIdentifyCallBecomesAUserRecord() throws Exception {
        Map<String, Object> out = mapping().apply(json(IDENTIFY));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("email", "ada.lovelace@example.com");
        expected.put("first_name", "Ada");
        expected.put("last_name", "Lovelace");
        expected.put("phone", "+44 20 7946 0958");
        assertEquals(expected, out);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(out.keySet()));
    }

    @Test
    void theOutputIsWhatTheIdentityStoreTakes() throws Exception {
        Map<String, Object> out = mapping().apply(json(IDENTIFY));
        List<ValueException> errors = new ArrayList<>();
        assertEquals(out, Values.properties(UserSchemas.DEFAULT_SCHEMA, out, errors::add));
        assertEquals(List.of(), errors);
    }

    @Test
    void otherCallsCarryTraitsInTheirContext() throws Exception {
        Map<String, Object> track = json("""
                {"type": "track", "event": "Order Completed", "userId": "user_8731",
                 "properties": {"total": 99.5},
                 "context": {"traits": {"email": "ADA@EXAMPLE.COM", "phone": 442079460958, "firstName": "élodie"}}}""");
        assertEquals(Map.of("email", "ada@example.com", "first_name", "Élodie", "phone", "442079460958"),
                mapping().apply(track), "a phone sent as a number becomes its digits");
    }

    @Test
    void anEventWithoutTraitsSaysNothingAboutTheUser() throws Exception {
        Map<String, Object> page = json("""
                {"type": "page", "anonymousId": "5f7c2b9e", "properties": {"path": "/"}, "context": {}}""");
        assertEquals(Map.of(), mapping().apply(page), "no property, not properties set to null");
    }

    @Test
    void aValueThatDoesNotFitFailsTheRecordNamingTheProperty() throws Exception {
        Map<String, Object> event = json(IDENTIFY);
        @SuppressWarnings("unchecked")
        Map<String, Object> traits = (Map<String, Object>) event.get("traits");
        traits.put("email", "a".repeat(310) + "@example.com");
        traits.put("firstName", List.of("Ada"));
        MappingException e = assertThrows(MappingException.class, () -> mapping().apply(event));
        assertEquals(List.of(
                new FieldError("email", "has 322 characters; at most 320 are allowed (values are not truncated)"),
                new FieldError("first_name", "at 14: trim takes a string, was an array")), e.errors());
        assertTrue(mapping().evaluate(event).values().containsKey("last_name"));
    }
}
