package com.krenalis.core.internal.mapping;

/**
 * An expression that does not compile, or that failed on a record. {@link #position} is a char index into the
 * expression's text. Cheap to throw (no stack trace): a bad record is an expected event in a pipeline.
 */
final class ExpressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int position;

    ExpressionException(int position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    /** The message as people read it: {@code at 12: unknown function 'lowr'}, 12 counting code points from 1. */
    String describe(String text) {
        int at = Math.min(Math.max(position, 0), text.length());
        return "at " + (text.codePointCount(0, at) + 1) + ": " + getMessage();
    }
}
