package com.krenalis.api.platform;

import java.time.Instant;
import java.util.Map;

/**
 * A connection of a workspace to a source or destination through a connector.
 *
 * @param role      {@code source} or {@code destination}
 * @param connector the connector's code
 * @param settings  the connector's settings; secrets read back as {@link com.krenalis.api.settings.Settings#REDACTED}
 * @param enabled   a disabled source accepts no events (its collector answers 404, as RudderStack does)
 */
public record Connection(long id, long workspaceId, String name, String role, String connector,
                         Map<String, Object> settings, boolean enabled, Instant createdAt, Instant updatedAt) {
    public static final String SOURCE = "source";
    public static final String DESTINATION = "destination";
}
