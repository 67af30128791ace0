package com.krenalis.connector.jdbc;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.types.Type;

/** The Krenalis type a dialect gives a result column, and how to read its values. */
public record ColumnType(Type type, ValueReader reader) {
    public ColumnType {
        requireNonNull(type, "type");
        requireNonNull(reader, "reader");
    }
}
