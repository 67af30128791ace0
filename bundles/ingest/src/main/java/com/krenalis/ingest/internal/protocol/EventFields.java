package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads event fields the way SDKs mean them: a JSON {@code null} is the same as an absent field (browser SDKs send
 * {@code "userId": null} for anonymous users), and an empty identifier is absent too (some clients send
 * {@code "userId": ""} instead).
 */
final class EventFields {
    private EventFields() {
    }

    /** The field's value, or null when it is absent or JSON null. */
    static JsonNode value(ObjectNode event, String name) {
        JsonNode v = event.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** The field as a non-empty string, or null when it is absent, empty or not a string. */
    static String text(ObjectNode event, String name) {
        JsonNode v = event.get(name);
        return v != null && v.isTextual() && !v.textValue().isEmpty() ? v.textValue() : null;
    }

    /** An identifier (userId, anonymousId, groupId, previousId): a non-empty string, or an integer as decimal text. */
    static String id(ObjectNode event, String name) {
        JsonNode v = event.get(name);
        if (v != null && v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        return text(event, name);
    }

    /** The messageId to name in an error: as sent when it is a string, cut to 100 characters. */
    static String messageIdForError(ObjectNode event) {
        String id = text(event, "messageId");
        return id == null || id.length() <= 100 ? id : id.substring(0, 100);
    }

    /** The JSON kind of {@code node} for a message: "an object", "a string", ... */
    static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT, POJO:
                return "an object";
            case ARRAY:
                return "an array";
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
