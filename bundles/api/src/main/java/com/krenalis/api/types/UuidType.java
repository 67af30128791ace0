package com.krenalis.api.types;

/** A UUID (RFC 9562). */
public enum UuidType implements Type {
    INSTANCE;

    @Override
    public TypeKind kind() { return TypeKind.UUID; }
}
