package com.krenalis.api.types;

/** An exact decimal number with {@code precision} digits, {@code scale} of them after the point. */
public record DecimalType(int precision, int scale) implements Type {
    public static final int MAX_PRECISION = 76;

    public DecimalType {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("precision must be between 1 and " + MAX_PRECISION + ", was " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new IllegalArgumentException("scale must be between 0 and the precision, was " + scale);
        }
    }

    @Override
    public TypeKind kind() { return TypeKind.DECIMAL; }
}
