package com.krenalis.api.profiles;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One identity as a pipeline produces it.
 *
 * @param identityId   the identity's id in its source: the userId, or the anonymousId of an anonymous identity, or a
 *                     batch source's identity column
 * @param anonymous    whether {@code identityId} is an anonymousId
 * @param anonymousIds the anonymousIds seen with a known identity (empty for anonymous ones and batch sources)
 * @param updatedAt    freshness: when the source last changed this identity
 * @param properties   values by user-schema property name, as JSON-like Java values (String, Number, Boolean, List,
 *                     Map); converted and validated per the property's type on write
 */
public record IdentityRecord(String identityId, boolean anonymous, Set<String> anonymousIds, Instant updatedAt,
                             Map<String, Object> properties) {
    public IdentityRecord {
        anonymousIds = anonymousIds == null ? Set.of() : Set.copyOf(anonymousIds);
        properties = properties == null ? Map.of() : properties;
    }
}
