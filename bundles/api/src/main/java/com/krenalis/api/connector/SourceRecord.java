package com.krenalis.api.connector;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * One record read from a source.
 *
 * <p>Property values, by the type discovered for them: string, ip: {@code String}; boolean: {@code Boolean}; int:
 * {@code Long} (or {@code Integer}); float: {@code Double}; decimal: {@code BigDecimal}; datetime: {@code Instant} or
 * {@code OffsetDateTime} (a time without zone is UTC: convert it); date: {@code LocalDate}; time: {@code LocalTime};
 * uuid: {@code UUID} or its string; json: JSON-like values ({@code Map}, {@code List}, {@code String}, numbers,
 * {@code Boolean}, null); array: {@code List}; object: {@code Map}. A value absent or null is a null.
 *
 * @param id         the record's identity in the source (a user id, a primary key); never null. Records of a
 *                   {@link FileFormat} carry their position instead ({@code "line 12"}, {@code "row 5"}), which names
 *                   them in errors; the pipeline takes the identity from a column it names.
 * @param updatedAt  when the source last changed it, for freshness and incremental cursors; null when unknown
 * @param properties values by property name, typed as discovered (see {@link com.krenalis.api.types.Type})
 */
public record SourceRecord(String id, Instant updatedAt, Map<String, Object> properties) {
    public SourceRecord {
        requireNonNull(id, "id");
        requireNonNull(properties, "properties");
    }
}
