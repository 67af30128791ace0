package com.krenalis.api.platform;

import java.time.Instant;

/**
 * A write key: what tracking SDKs send (HTTP Basic user, {@code writeKey} in the body, ...) to post events to one
 * source connection. Like Segment's and RudderStack's, it only allows writing events to that source, so it is shown
 * in listings (it is embedded in web pages and apps anyway).
 */
public record EventWriteKey(String key, long connectionId, Instant createdAt) {
}
