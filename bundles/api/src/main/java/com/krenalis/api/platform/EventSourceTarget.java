package com.krenalis.api.platform;

/** Where events posted with a write key go: the source connection, its workspace, and whether it is enabled. */
public record EventSourceTarget(long workspaceId, long connectionId, String connector, boolean enabled) {
}
