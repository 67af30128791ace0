package com.krenalis.ingest.internal.protocol;

import java.util.Optional;

/** The six calls of the Segment/RudderStack spec, by their wire name and by the one-letter path analytics-next uses. */
public enum EventType {
    IDENTIFY("identify", "i"),
    TRACK("track", "t"),
    PAGE("page", "p"),
    SCREEN("screen", "s"),
    GROUP("group", "g"),
    ALIAS("alias", "a");

    private final String wireName;
    private final String letter;

    EventType(String wireName, String letter) {
        this.wireName = wireName;
        this.letter = letter;
    }

    /** The value of the event's {@code type} field. */
    public String wireName() {
        return wireName;
    }

    /** The type whose wire name is exactly {@code name} (lower case, as every SDK sends it). */
    public static Optional<EventType> forWireName(String name) {
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type named by a path segment: its wire name or its letter ({@code /v1/t}). */
    static Optional<EventType> forPathSegment(String segment) {
        for (EventType t : values()) {
            if (t.wireName.equals(segment) || t.letter.equals(segment)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
