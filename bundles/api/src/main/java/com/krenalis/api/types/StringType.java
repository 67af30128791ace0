package com.krenalis.api.types;

/**
 * Unicode text.
 *
 * @param maxLength the maximum length in characters (code points), or {@code null} for unbounded
 */
public record StringType(Integer maxLength) implements Type {
    public StringType {
        if (maxLength != null && maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
    }

    @Override
    public TypeKind kind() { return TypeKind.STRING; }
}
