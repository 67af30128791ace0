package com.krenalis.ingest.internal.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The ISO-8601 date-times of the protocol. Accepted: a date, {@code T}, a time with optional fraction, and a zone
 * offset written {@code Z}, {@code +02:00}, {@code +0200} or {@code +02} (some clients leave out the colon). A time
 * without an offset is refused: it would be read in an unknown zone. Written: UTC with milliseconds, as JavaScript's
 * {@code toISOString()} does.
 */
final class IsoTimestamps {
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT); // no February 30th read as the 29th
    private static final DateTimeFormatter WRITE = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private IsoTimestamps() {
    }

    /** The instant {@code text} denotes, or null when it is not such a date-time. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, READ).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(Instant instant) {
        return WRITE.format(instant);
    }
}
