package com.krenalis.api.types;

/** An instant with microsecond precision, stored in UTC. */
public enum DateTimeType implements Type {
    INSTANCE;

    @Override
    public TypeKind kind() { return TypeKind.DATETIME; }
}
