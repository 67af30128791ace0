package com.krenalis.api.transform;

/** A function failed to compile or to transform a record; the message is shown to its author. */
public class TransformationException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransformationException(String message) {
        super(message);
    }

    public TransformationException(String message, Throwable cause) {
        super(message, cause);
    }
}
