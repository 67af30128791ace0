package com.krenalis.core.internal.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.krenalis.api.types.IsoInstants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads values out of an enriched event for the warehouse columns. Lenient by design: the collector validated the
 * event, and a value the warehouse could not store (wrong kind, unparsable or out-of-range time) becomes NULL rather
 * than a batch that never loads.
 */
final class EventJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Years every warehouse stores (PostgreSQL goes further, Snowflake and BigQuery do not). */
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private EventJson() {
    }

    /** The node at a path of object fields, or null when absent, JSON null, or not reachable through objects. */
    static JsonNode at(JsonNode event, String... path) {
        JsonNode node = event;
        for (String field : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(field);
        }
        return node == null || node.isNull() ? null : node;
    }

    /** A string, number or boolean as text; null for anything else. */
    static String text(JsonNode event, String... path) {
        JsonNode node = at(event, path);
        return node != null && node.isValueNode() ? node.asText() : null;
    }

    /** An object or array as JSON text; null for anything else. */
    static String json(JsonNode event, String... path) {
        JsonNode node = at(event, path);
        return node != null && node.isContainerNode() ? node.toString() : null;
    }

    /** A date-time string as an instant; null when absent, unparsable or outside years 1 to 9999. */
    static Instant time(JsonNode event, String... path) {
        JsonNode node = at(event, path);
        if (node == null || !node.isTextual()) {
            return null;
        }
        Instant instant = IsoInstants.parse(node.textValue());
        return instant == null || instant.isBefore(MIN) || instant.isAfter(MAX) ? null : instant;
    }

    /**
     * Parses a logged event; null when it is not a JSON object. U+0000, which neither text nor jsonb columns take,
     * is replaced by U+FFFD (the collector does so already; this keeps an older or foreign log row loadable).
     */
    static JsonNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                return null;
            }
            return json.indexOf('\0') >= 0 || json.contains("\\u0000") ? withoutNul(node) : node;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.textValue().replace('\0', '\uFFFD'));
        }
        if (node.isObject()) {
            ObjectNode clean = MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                clean.set(e.getKey().replace('\0', '\uFFFD'), withoutNul(e.getValue()));
            }
            return clean;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(withoutNul(item)));
            return MAPPER.createArrayNode().addAll(items);
        }
        return node;
    }
}
