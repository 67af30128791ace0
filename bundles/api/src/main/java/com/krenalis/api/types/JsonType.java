package com.krenalis.api.types;

/** Any JSON value. */
public enum JsonType implements Type {
    INSTANCE;

    @Override
    public TypeKind kind() { return TypeKind.JSON; }
}
