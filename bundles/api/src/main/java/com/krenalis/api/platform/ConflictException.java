package com.krenalis.api.platform;

/** The request conflicts with the current state (a duplicate name, a run already running). */
public class ConflictException extends PlatformException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message, null);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "conflict";
    }
}
