package com.krenalis.core.internal.mapping;

import com.krenalis.api.settings.FieldError;
import com.krenalis.api.transform.TransformationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A record a mapping could not map: every output property that failed, with why. Messages never quote the record's
 * values (they may be personal data). Without a stack trace: failing records are expected, and counted.
 */
public final class MappingException extends TransformationException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public MappingException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** One per failed output property, in schema order. */
    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
