package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One valid, enriched event, with the fields the caller routes and deduplicates by.
 *
 * @param type        the event's type
 * @param messageId   the client's or the assigned one; the deduplication key
 * @param userId      or null
 * @param anonymousId or null (never both null)
 * @param timestamp   the event time, as written in the event's {@code timestamp}
 * @param event       the event itself: mutable, owned by the caller
 */
public record CollectedEvent(EventType type, String messageId, String userId, String anonymousId, Instant timestamp,
        ObjectNode event) {

    /** The event as compact UTF-8 JSON, as it is to be stored; serialised anew on each call. */
    public byte[] json() {
        return ProtocolJson.write(event);
    }

    /** Reads the routing fields of an event that passed validation and enrichment. */
    static CollectedEvent of(ObjectNode event) {
        return new CollectedEvent(EventType.forWireName(event.get("type").textValue()).orElseThrow(),
                event.get("messageId").textValue(), EventFields.id(event, "userId"),
                EventFields.id(event, "anonymousId"), IsoTimestamps.parse(event.get("timestamp").textValue()), event);
    }
}
