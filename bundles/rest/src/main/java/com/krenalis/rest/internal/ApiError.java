package com.krenalis.rest.internal;

/** An error decided in the REST layer itself (authentication, malformed requests), with its HTTP status. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String field;

    ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    ApiError(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String field() {
        return field;
    }

    static ApiError badRequest(String field, String message) {
        return new ApiError(400, "invalid_input", field + ": " + message, field);
    }
}
