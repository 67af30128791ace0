package com.krenalis.api.platform;

/**
 * A request the platform refused or could not serve. Each subclass maps to one HTTP status; {@link #code()} is the
 * stable machine-readable error code clients switch on.
 */
public abstract class PlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected PlatformException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Stable error code, e.g. {@code not_found}. */
    public abstract String code();
}
