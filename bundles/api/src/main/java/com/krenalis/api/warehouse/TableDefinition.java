package com.krenalis.api.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A table the workspace needs.
 *
 * @param primaryKey column names of the primary key, or empty
 */
public record TableDefinition(String name, List<ColumnDefinition> columns, List<String> primaryKey) {
    public TableDefinition {
        requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        for (String key : primaryKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(key))) {
                throw new IllegalArgumentException("primary key column " + key + " is not a column of " + name);
            }
        }
    }
}
