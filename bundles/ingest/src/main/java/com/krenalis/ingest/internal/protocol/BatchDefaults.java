package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The batch-level {@code context} and {@code integrations} that analytics-java and RudderStack Java send once for all
 * events of a batch, applied to each event. The merge is shallow and the event wins: an event without the object (or
 * with JSON null) gets a copy of the batch's; an event with its own object gets each top-level key of the batch's that
 * it lacks, and keeps every key it has, whole (an event's {@code context.library} is never mixed with the batch's). An
 * event field that is not an object is left alone for the validator to refuse.
 */
final class BatchDefaults {
    private final ObjectNode context;
    private final ObjectNode integrations;

    /** Either may be null: nothing to apply. */
    BatchDefaults(ObjectNode context, ObjectNode integrations) {
        this.context = context;
        this.integrations = integrations;
    }

    void applyTo(ObjectNode event) {
        apply(event, "context", context);
        apply(event, "integrations", integrations);
    }

    private static void apply(ObjectNode event, String field, ObjectNode defaults) {
        if (defaults == null) {
            return;
        }
        JsonNode own = event.get(field);
        if (own == null || own.isNull()) {
            event.set(field, defaults.deepCopy());
        } else if (own.isObject()) {
            ObjectNode target = (ObjectNode) own;
            for (Map.Entry<String, JsonNode> e : defaults.properties()) {
                if (!target.has(e.getKey())) {
                    target.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
    }
}
