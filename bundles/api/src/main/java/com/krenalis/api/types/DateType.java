package com.krenalis.api.types;

/** A calendar date without time zone. */
public enum DateType implements Type {
    INSTANCE;

    @Override
    public TypeKind kind() { return TypeKind.DATE; }
}
