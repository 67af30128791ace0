package com.krenalis.api.warehouse;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.types.Type;

/** A column: a name and a Krenalis type, which the driver maps to its dialect's closest type. */
public record ColumnDefinition(String name, Type type, boolean nullable) {
    public ColumnDefinition {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }
}
