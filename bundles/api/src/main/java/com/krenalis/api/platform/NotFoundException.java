package com.krenalis.api.platform;

/** The addressed resource does not exist, or is not visible to the caller. */
public class NotFoundException extends PlatformException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message, null);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "not_found";
    }
}
