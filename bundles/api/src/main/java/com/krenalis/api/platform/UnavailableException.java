package com.krenalis.api.platform;

/** A dependency (the metadata store, a warehouse) cannot be reached now; retrying later may work. */
public class UnavailableException extends PlatformException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message, null);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "unavailable";
    }
}
