package com.krenalis.ingest.internal.protocol;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request the collector must refuse as a whole; nothing of it may be stored. Clients give up on a 4xx, so this never
 * stands for a fault worth retrying.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the request is refused; the caller answers 413 for {@link #TOO_LARGE} and 400 otherwise. */
    public enum Reason {
        /** Not JSON, duplicate keys, nested too deep, or (pixel) an undecodable {@code data} parameter. */
        MALFORMED,
        /** The body is over {@link Limits#maxRequestBytes()}. */
        TOO_LARGE,
        /** Well-formed but not a valid request: see {@link #errors()} for per-event errors. */
        INVALID
    }

    private final Reason reason;
    private final transient List<EventError> errors;

    private ProtocolException(Reason reason, String message, List<EventError> errors) {
        super(message);
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    static ProtocolException malformed(String message) {
        return new ProtocolException(Reason.MALFORMED, message, List.of());
    }

    static ProtocolException tooLarge(String message) {
        return new ProtocolException(Reason.TOO_LARGE, message, List.of());
    }

    /** A request-level problem: the shape of the body, a batch-level field, a query parameter. */
    static ProtocolException invalid(String message) {
        return new ProtocolException(Reason.INVALID, message, List.of());
    }

    /** Every bad event of the request, in the order given. */
    static ProtocolException invalid(List<EventError> errors) {
        String shown = errors.stream().limit(3).map(EventError::toString).collect(Collectors.joining("; "));
        String more = errors.size() > 3 ? "; and " + (errors.size() - 3) + " more" : "";
        return new ProtocolException(Reason.INVALID, shown + more, errors);
    }

    public Reason reason() {
        return reason;
    }

    /** The per-event errors; empty when the request itself is at fault (see the message). */
    public List<EventError> errors() {
        return errors;
    }
}
