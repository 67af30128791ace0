package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A request body split into events, before validation.
 *
 * @param bodyWriteKey the write key the body carries (batch level, event level or, for a pixel, the {@code writeKey}
 *                     parameter), or null; the caller checks it against Basic, Bearer and {@code ?writeKey=}
 * @param batchSentAt  the batch-level {@code sentAt} as sent (already checked to be ISO-8601), or null
 * @param events       the events, batch-level context and integrations merged in, {@code writeKey} removed
 */
public record ParsedRequest(String bodyWriteKey, String batchSentAt, List<ObjectNode> events) {
    public ParsedRequest {
        events = List.copyOf(events);
    }
}
