package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The write key a body carries, at batch level (analytics-java, analytics-node) or in each event (analytics-next).
 * Every place it appears must agree: a request belongs to one source. It is taken out of the events, so that a key
 * never reaches the warehouse. An empty string counts as no key.
 */
final class BodyWriteKey {
    private String value;
    private String source;

    /** Takes the batch-level {@code writeKey}. */
    void takeFromBatch(ObjectNode batch) throws ProtocolException {
        JsonNode node = batch.get("writeKey");
        if (node != null && !node.isNull() && !node.isTextual()) {
            throw ProtocolException.invalid("writeKey must be a string");
        }
        if (node != null && node.isTextual() && !node.textValue().isEmpty()) {
            value = node.textValue();
            source = "the batch's";
        }
    }

    /** Takes and removes an event's {@code writeKey}; returns what is wrong with it, or null. */
    String takeFrom(ObjectNode event) {
        JsonNode node = event.remove("writeKey");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            return "must be a string";
        }
        String key = node.textValue();
        if (key.isEmpty() || key.equals(value)) {
            return null;
        }
        if (value != null) {
            return "differs from " + source + " writeKey: a request belongs to one source";
        }
        value = key;
        source = "an earlier event's";
        return null;
    }

    /** The key, or null when the body has none. */
    String value() {
        return value;
    }
}
