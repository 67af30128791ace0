package com.krenalis.api.warehouse;

/** A warehouse operation failed; the message is for people and carries no credentials. */
public class WarehouseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public WarehouseException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public WarehouseException(String message) {
        this(message, null, false);
    }

    /** True when retrying later may succeed (the warehouse is unreachable, overloaded, or a lock timed out). */
    public boolean isTransient() {
        return transientFailure;
    }
}
