package com.krenalis.ingest.internal.protocol;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the server knows of a request besides its body.
 *
 * @param receivedAt when the request arrived
 * @param clientIp   the client's address, or null when unknown
 */
public record RequestInfo(Instant receivedAt, String clientIp) {
    public RequestInfo {
        requireNonNull(receivedAt, "receivedAt");
    }
}
