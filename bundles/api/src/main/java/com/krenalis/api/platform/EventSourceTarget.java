package com.krenalis.api.platform;

import java.util.Map;

/**
 * Where events posted with a write key go: the source connection, its workspace, whether it is enabled, and its
 * settings with secrets redacted (for the connector's request policies, such as {@link
 * com.krenalis.api.connector.OriginPolicy}).
 */
public record EventSourceTarget(long workspaceId, long connectionId, String connector, boolean enabled,
                                Map<String, Object> settings) {
    public EventSourceTarget {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
