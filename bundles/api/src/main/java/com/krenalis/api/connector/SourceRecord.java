package com.krenalis.api.connector;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One record read from a source.
 *
 * @param id         the record's identity in the source (a user id, a primary key); never null
 * @param updatedAt  when the source last changed it, for freshness and incremental cursors; null when unknown
 * @param properties values by property name, typed as discovered (see {@link com.krenalis.api.types.Type})
 */
public record SourceRecord(String id, Instant updatedAt, Map<String, Object> properties) {
    public SourceRecord {
        requireNonNull(id, "id");
        requireNonNull(properties, "properties");
    }
}
