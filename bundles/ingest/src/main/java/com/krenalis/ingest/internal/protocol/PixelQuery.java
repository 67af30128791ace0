package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The event of a tracking pixel ({@code GET /pixel/v1/track?...}), built from its decoded query parameters.
 * <ul>
 * <li>{@code data}: Segment's pixel form, the whole event as base64 JSON (standard or URL-safe alphabet, padding
 * optional, a space read as the {@code +} a careless encoder left raw). When given, the other event parameters are
 * ignored.</li>
 * <li>{@code userId, anonymousId, event, name, category, messageId, timestamp, originalTimestamp, sentAt, groupId,
 * previousId, type}: top-level string fields.</li>
 * <li>{@code properties.*, traits.*, context.*, integrations.*}: dotted names build nested objects
 * ({@code context.page.url=...}); values stay strings, since a query cannot tell "1" from 1.</li>
 * <li>{@code writeKey}: the event's write key (returned as the body write key), also when {@code data} is given.</li>
 * </ul>
 * Other parameters (cache busters) are ignored. A parameter given twice, or two that claim the same field
 * ({@code context.page} and {@code context.page.url}), make the request invalid.
 */
final class PixelQuery {
    private static final Set<String> TOP_LEVEL = Set.of("userId", "anonymousId", "event", "name", "category",
            "messageId", "timestamp", "originalTimestamp", "sentAt", "groupId", "previousId", "type");
    private static final Set<String> NESTED = Set.of("properties", "traits", "context", "integrations");

    private final ProtocolJson json;
    private final Limits limits;

    PixelQuery(ProtocolJson json, Limits limits) {
        this.json = json;
        this.limits = limits;
    }

    ObjectNode event(Map<String, List<String>> query) throws ProtocolException {
        long size = 0;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (String v : e.getValue() == null ? List.<String>of() : e.getValue()) {
                size += e.getKey().length() + (v == null ? 0 : v.length());
            }
        }
        if (size > limits.maxRequestBytes()) {
            throw ProtocolException.tooLarge("the query is over the " + limits.maxRequestBytes() + "-byte limit");
        }
        ObjectNode event = query.containsKey("data") ? decode(only(query, "data")) : fromParameters(query);
        String writeKey = query.containsKey("writeKey") ? only(query, "writeKey") : "";
        JsonNode own = event.get("writeKey");
        if (writeKey.isEmpty() || own != null && !own.isTextual() && !own.isNull()) {
            return event; // nothing to add, or a bad key in data for the parser to name
        }
        if (own == null || own.isNull() || own.textValue().isEmpty()) {
            event.put("writeKey", writeKey);
        } else if (!own.textValue().equals(writeKey)) {
            throw ProtocolException.invalid("the writeKey parameter differs from the writeKey in data");
        }
        return event;
    }

    private ObjectNode decode(String data) throws ProtocolException {
        byte[] bytes;
        try {
            String standard = data.trim().replace(' ', '+').replace('-', '+').replace('_', '/');
            bytes = Base64.getDecoder().decode(standard.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw ProtocolException.malformed("the data parameter is not base64: " + e.getMessage());
        }
        JsonNode node = json.read(bytes);
        if (!node.isObject()) {
            throw ProtocolException.invalid("the data parameter must hold one event, a JSON object");
        }
        return (ObjectNode) node;
    }

    private ObjectNode fromParameters(Map<String, List<String>> query) throws ProtocolException {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        for (String name : query.keySet()) {
            int dot = name.indexOf('.');
            if (TOP_LEVEL.contains(name)) {
                event.put(name, only(query, name));
            } else if (dot > 0 && NESTED.contains(name.substring(0, dot))) {
                put(event, name, only(query, name));
            } else if (NESTED.contains(name)) {
                throw ProtocolException.invalid("query parameter '" + name + "' needs a dotted name, such as "
                        + name + ".plan");
            }
        }
        return event;
    }

    private void put(ObjectNode event, String name, String value) throws ProtocolException {
        String[] segments = name.split("\\.", -1);
        if (segments.length > limits.maxDepth()) {
            throw ProtocolException.invalid("query parameter '" + name + "' nests deeper than "
                    + limits.maxDepth() + " levels");
        }
        ObjectNode node = event;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw ProtocolException.invalid("query parameter '" + name + "' has an empty name part");
            }
            JsonNode child = node.get(segment);
            boolean last = i == segments.length - 1;
            if (child != null && (last || !child.isObject())) {
                throw ProtocolException.invalid("query parameter '" + name + "' conflicts with another one that "
                        + "sets " + String.join(".", List.of(segments).subList(0, i + 1)));
            }
            if (last) {
                node.put(segment, value);
            } else {
                node = child != null ? (ObjectNode) child : node.putObject(segment);
            }
        }
    }

    private static String only(Map<String, List<String>> query, String name) throws ProtocolException {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return "";
        }
        if (values.size() > 1) {
            throw ProtocolException.invalid("query parameter '" + name + "' is given " + values.size() + " times");
        }
        return values.get(0) == null ? "" : values.get(0);
    }
}
