package com.krenalis.core.internal.schema;

import com.krenalis.api.types.ObjectType;
import java.time.Instant;

/**
 * A workspace's user schema as stored.
 *
 * @param version   0 for the default schema (no row yet), then 1, 2, ... one per stored change
 * @param updatedAt null for the default schema
 */
record StoredSchema(ObjectType schema, int version, Instant updatedAt) {
}
