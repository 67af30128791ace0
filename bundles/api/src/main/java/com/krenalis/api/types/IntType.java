package com.krenalis.api.types;

/**
 * A signed integer of 8, 16, 24, 32 or 64 bits, optionally restricted to a range.
 *
 * @param bits the storage width
 * @param min  the smallest accepted value (at least the width's minimum)
 * @param max  the largest accepted value (at most the width's maximum)
 */
public record IntType(int bits, long min, long max) implements Type {
    public IntType {
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32 && bits != 64) {
            throw new IllegalArgumentException("bits must be 8, 16, 24, 32 or 64, was " + bits);
        }
        if (min < minOf(bits) || max > maxOf(bits) || min > max) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] does not fit int(" + bits + ")");
        }
    }

    public static IntType of(int bits) {
        return new IntType(bits, minOf(bits), maxOf(bits));
    }

    static long minOf(int bits) { return bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1)); }

    static long maxOf(int bits) { return bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1; }

    @Override
    public TypeKind kind() { return TypeKind.INT; }
}
