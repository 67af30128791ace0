package com.krenalis.api.settings;

import java.util.List;
import java.util.stream.Collectors;

/** Settings that do not satisfy their {@link SettingsSpec}; {@link #errors()} names every bad field. */
public class InvalidSettingsException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<FieldError> errors;

    public InvalidSettingsException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
