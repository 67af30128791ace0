package com.krenalis.api.platform;

import com.krenalis.api.settings.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** The request's input is invalid; {@link #errors()} names each bad field. */
public class InvalidInputException extends PlatformException {
    private static final long serialVersionUID = 1L;
    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")), null);
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String code() {
        return "invalid_input";
    }
}
