package com.krenalis.core.internal.pipelines;

import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.util.List;
import java.util.Map;

/**
 * Events as pipeline input: the event's JSON object as received and enriched by the collector, with this schema for
 * filters and mappings (traits, properties, context and integrations are JSON, reached by paths such as
 * {@code context.page.url}).
 */
final class EventRecords {
    static final ObjectType SCHEMA = Type.object(List.of(
            Property.of("messageId", Type.string()),
            Property.of("type", Type.string()),
            Property.of("event", Type.string()),
            Property.of("name", Type.string()),
            Property.of("category", Type.string()),
            Property.of("userId", Type.string()),
            Property.of("anonymousId", Type.string()),
            Property.of("groupId", Type.string()),
            Property.of("previousId", Type.string()),
            Property.of("timestamp", Type.datetime()),
            Property.of("originalTimestamp", Type.datetime()),
            Property.of("sentAt", Type.datetime()),
            Property.of("receivedAt", Type.datetime()),
            Property.of("traits", Type.json()),
            Property.of("properties", Type.json()),
            Property.of("context", Type.json()),
            Property.of("integrations", Type.json())));

    private EventRecords() {
    }

    /**
     * The traits of an event that describe its user, copied by name when a users pipeline has no transformation:
     * {@code traits} of an identify, {@code context.traits} of the others (a group's traits describe the group).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> userTraits(Map<String, Object> event) {
        Object traits = "identify".equals(event.get("type")) ? event.get("traits")
                : event.get("context") instanceof Map<?, ?> context ? context.get("traits") : null;
        return traits instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
