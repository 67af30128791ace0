package com.krenalis.api.types;

/** A time of day without time zone, microsecond precision. */
public enum TimeType implements Type {
    INSTANCE;

    @Override
    public TypeKind kind() { return TypeKind.TIME; }
}
