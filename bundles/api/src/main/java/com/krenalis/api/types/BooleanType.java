package com.krenalis.api.types;

/** true or false. */
public enum BooleanType implements Type {
    INSTANCE;

    @Override
    public TypeKind kind() { return TypeKind.BOOLEAN; }
}
