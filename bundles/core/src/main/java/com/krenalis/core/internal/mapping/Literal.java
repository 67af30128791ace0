package com.krenalis.core.internal.mapping;

import java.util.Map;

/** A string, number ({@code Long} or {@code BigDecimal}), {@code true}, {@code false} or {@code null}. */
final class Literal extends Expression {
    final Object value;

    Literal(int position, Object value) {
        super(position, value == null ? Shape.NULL : value instanceof String ? Shape.STRING
                : value instanceof Boolean ? Shape.BOOLEAN : Shape.NUMBER);
        this.value = value;
    }

    @Override
    Object eval(Map<String, ?> record) {
        return value;
    }
}
