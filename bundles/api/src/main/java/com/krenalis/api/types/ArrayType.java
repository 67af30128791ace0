package com.krenalis.api.types;

import static java.util.Objects.requireNonNull;

/** An ordered list of values of one element type. */
public record ArrayType(Type element) implements Type {
    public ArrayType {
        requireNonNull(element, "element");
    }

    @Override
    public TypeKind kind() { return TypeKind.ARRAY; }
}
