package com.krenalis.api.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The DDL that brings one table to a definition, as {@link Warehouse#planChange} plans it and
 * {@link Warehouse#applyChange} runs it.
 *
 * @param table       the table's name, unquoted
 * @param statements  the statements, in order
 * @param destructive one description per part that drops or rewrites existing data, naming the column (empty when
 *                    the change only adds or widens)
 * @param applied     whether the statements ran (always false for a plan)
 * @since 1.0.0
 */
public record TableChange(String table, List<String> statements, List<String> destructive, boolean applied) {
    public TableChange {
        requireNonNull(table, "table");
        statements = List.copyOf(statements);
        destructive = List.copyOf(destructive);
    }

    /** Whether running the statements could lose or alter existing data. */
    public boolean isDestructive() {
        return !destructive.isEmpty();
    }
}
