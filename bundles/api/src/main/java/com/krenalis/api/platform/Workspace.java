package com.krenalis.api.platform;

import java.time.Instant;

/**
 * A workspace: one warehouse namespace with its sources, pipelines, schema and profiles.
 *
 * @param namespace the warehouse schema holding the workspace's tables
 */
public record Workspace(long id, String name, WarehouseConfig warehouse, String namespace, Instant createdAt,
                        Instant updatedAt) {
}
