package com.krenalis.ingest.internal.protocol;

import java.util.List;

/**
 * A request that passed: its events, ready to store, in request order.
 *
 * @param bodyWriteKey the write key found in the body or pixel query, or null; see {@link ParsedRequest}
 * @param events       at least one
 */
public record Collected(String bodyWriteKey, List<CollectedEvent> events) {
    public Collected {
        events = List.copyOf(events);
    }
}
