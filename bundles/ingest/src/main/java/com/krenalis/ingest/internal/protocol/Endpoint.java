package com.krenalis.ingest.internal.protocol;

import java.util.Optional;

/**
 * What a collector path expects in its request: a batch, one event of a type fixed by the path, or one event in the
 * query string of a tracking pixel.
 */
public sealed interface Endpoint {
    /** {@code /v1/batch}, {@code /v1/import}, {@code /v1/b}, {@code /beacon/v1/batch}. */
    Endpoint BATCH = new Batch(false);
    /** The product's own {@code /v1/events}: a batch, an array or a single event. */
    Endpoint EVENTS = new Batch(true);

    /**
     * A batch object {@code {"batch": [...], ...}} or a bare array of events.
     *
     * @param acceptsSingleEvent whether an object without {@code batch} is taken as one event
     */
    record Batch(boolean acceptsSingleEvent) implements Endpoint {
    }

    /** One event in the body; the path gives its type. */
    record Single(EventType type) implements Endpoint {
    }

    /** One event in the query string of a GET; the path gives its type. */
    record Pixel(EventType type) implements Endpoint {
    }

    /** The type the path imposes on its event, if any. */
    default Optional<EventType> pathType() {
        if (this instanceof Single s) {
            return Optional.of(s.type());
        }
        if (this instanceof Pixel p) {
            return Optional.of(p.type());
        }
        return Optional.empty();
    }

    /**
     * The endpoint a collector path is for, or empty when it is not a collector path (settings paths are not). Paths
     * are case-sensitive; one trailing slash is accepted on every path, as analytics-java posts to {@code /v1/import/}.
     */
    static Optional<Endpoint> forPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (p) {
            case "/v1/batch", "/v1/import", "/v1/b", "/beacon/v1/batch":
                return Optional.of(BATCH);
            case "/v1/events":
                return Optional.of(EVENTS);
            case "/pixel/v1/track":
                return Optional.of(new Pixel(EventType.TRACK));
            case "/pixel/v1/page":
                return Optional.of(new Pixel(EventType.PAGE));
            default:
                break;
        }
        if (p.startsWith("/v1/events/")) {
            return EventType.forWireName(p.substring("/v1/events/".length())).map(Single::new);
        }
        if (p.startsWith("/v1/")) {
            return EventType.forPathSegment(p.substring("/v1/".length())).map(Single::new);
        }
        return Optional.empty();
    }
}
