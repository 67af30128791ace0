package com.krenalis.api.connector;

/**
 * The outcome of a live connection check.
 *
 * @param field the setting the problem is about, when one is to blame, else null
 */
public record CheckResult(boolean ok, String message, String field) {
    public CheckResult {
        message = message == null ? "" : message;
    }

    public static CheckResult ok(String message) {
        return new CheckResult(true, message, null);
    }

    public static CheckResult failed(String message) {
        return new CheckResult(false, message, null);
    }

    public static CheckResult failed(String field, String message) {
        return new CheckResult(false, message, field);
    }
}
