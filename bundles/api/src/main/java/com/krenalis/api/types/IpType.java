package com.krenalis.api.types;

/** An IPv4 or IPv6 address. */
public enum IpType implements Type {
    INSTANCE;

    @Override
    public TypeKind kind() { return TypeKind.IP; }
}
