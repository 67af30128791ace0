package com.krenalis.core.internal.filters;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.types.Type;
import java.util.List;

/**
 * A parsed, validated filter: conditions joined by one logical operator. Built by {@link FilterParser}; evaluated in
 * the warehouse by {@link SqlFilter} and in memory by {@link RecordFilter}, with the same meaning.
 */
public record Filter(Logical logical, List<Condition> conditions) {

    public enum Logical { AND, OR }

    /**
     * One condition.
     *
     * @param property the property as written, e.g. {@code address.city}
     * @param column   its first segment: the column, or the key of a record
     * @param path     the segments after the first (empty for a column itself): keys inside a JSON value
     * @param type     the type the operator works on: the column's type, or {@code json} for a nested path, an object
     *                 or an array of non-scalar elements (they are JSON in the warehouse)
     * @param values   the operator's values converted for {@code type}: String, BigDecimal (int, decimal, JSON
     *                 numbers), Double (float), Boolean, Instant, LocalDate, LocalTime, UUID, {@link IpAddress}; for
     *                 an array, values of its element type
     */
    public record Condition(String property, String column, List<String> path, Type type, Operator operator,
                            List<Object> values) {
        public Condition {
            requireNonNull(property);
            requireNonNull(column);
            path = List.copyOf(path);
            requireNonNull(type);
            requireNonNull(operator);
            values = List.copyOf(values);
        }
    }

    public Filter {
        requireNonNull(logical);
        conditions = List.copyOf(conditions);
    }
}
