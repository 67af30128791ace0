package com.krenalis.api.platform;

/** The caller's key may not do this. */
public class ForbiddenException extends PlatformException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message, null);
    }

    public ForbiddenException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "forbidden";
    }
}
