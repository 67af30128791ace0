package com.krenalis.ingest.internal.protocol;

import com.krenalis.api.types.IsoInstants;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * The ISO-8601 date-times of the protocol. Read as {@link IsoInstants} says (shared with the warehouse loader, which
 * reads them back from the log). Written: UTC with milliseconds, as JavaScript's {@code toISOString()} does.
 */
final class IsoTimestamps {
    private static final DateTimeFormatter WRITE = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private IsoTimestamps() {
    }

    /** The instant {@code text} denotes, or null when it is not such a date-time. */
    static Instant parse(String text) {
        return IsoInstants.parse(text);
    }

    static String format(Instant instant) {
        return WRITE.format(instant);
    }
}
