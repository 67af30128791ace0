package com.krenalis.ingest.internal;

/** A request the collector refuses before it gets to its events, with the status the SDKs expect for it. */
final class CollectorError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    CollectorError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
