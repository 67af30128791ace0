package com.krenalis.api.platform;

import java.time.Instant;

/**
 * An admin API key, as listed. The secret token is shown once, at creation, and stored only as a hash.
 *
 * @param prefix      the token's first characters, to recognise it
 * @param workspaceId null for an organization key
 */
public record ApiKey(long id, String name, String prefix, Long workspaceId, Instant createdAt, Instant lastUsedAt) {
}
