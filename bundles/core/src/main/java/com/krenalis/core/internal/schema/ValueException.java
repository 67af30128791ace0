package com.krenalis.core.internal.schema;

/**
 * A value that does not fit its type. {@link #path()} names where: the property, then the nested property or array
 * element ({@code address.city}, {@code tags[3]}); empty when the value itself was given without a name.
 */
public final class ValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final String reason;

    public ValueException(String path, String reason) {
        super(path.isEmpty() ? reason : path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** Where the value is, e.g. {@code address.city}; empty for an unnamed value. */
    public String path() {
        return path;
    }

    /** The top-level property of {@link #path()}: {@code address} for {@code address.city}, {@code tags} for {@code tags[3]}. */
    public String property() {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    /** The message without the path. */
    public String reason() {
        return reason;
    }
}
