package com.krenalis.core.internal.connections;

import java.time.Instant;
import java.util.Map;

/** A connection as stored: secrets in {@code settings} are ciphertexts. */
record ConnectionRow(long id, long workspaceId, String name, String role, String connector, Map<String, Object> settings,
                     boolean enabled, Instant createdAt, Instant updatedAt) {
}
