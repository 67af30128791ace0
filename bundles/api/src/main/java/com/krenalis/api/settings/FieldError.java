package com.krenalis.api.settings;

import static java.util.Objects.requireNonNull;

/** A problem with one input field: its name (a dotted path for nested input) and what is wrong, for a person. */
public record FieldError(String field, String message) {
    public FieldError {
        requireNonNull(field, "field");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
