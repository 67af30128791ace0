package com.krenalis.api.types;

/** An IEEE 754 binary floating point number of 32 or 64 bits. */
public record FloatType(int bits) implements Type {
    public FloatType {
        if (bits != 32 && bits != 64) {
            throw new IllegalArgumentException("bits must be 32 or 64, was " + bits);
        }
    }

    @Override
    public TypeKind kind() { return TypeKind.FLOAT; }
}
