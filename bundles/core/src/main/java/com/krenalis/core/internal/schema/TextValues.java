package com.krenalis.core.internal.schema;

import com.krenalis.api.types.StringType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

/** Values written as text in JSON: string, boolean, datetime, date, time, uuid and ip. */
final class TextValues {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private TextValues() {
    }

    static String toString(Object value, StringType type, String path) {
        String s = text(value, path, "a string");
        checkUnicode(s, path);
        if (type.maxLength() != null) {
            int length = s.codePointCount(0, s.length());
            if (length > type.maxLength()) {
                throw new ValueException(path, "has " + length + " characters; at most " + type.maxLength()
                        + " are allowed (values are not truncated)");
            }
        }
        return s;
    }

    /** Text the warehouses can store: no U+0000 (PostgreSQL refuses it) and no unpaired surrogate (not Unicode). */
    static void checkUnicode(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new ValueException(path, "contains the character U+0000, which warehouses cannot store");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ValueException(path, "is not valid Unicode (an unpaired surrogate at character " + i + ")");
            }
        }
    }

    static Boolean toBoolean(Object value, String path) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        throw new ValueException(path, "must be true or false" + (value instanceof String ? " (the strings \"true\" "
                + "and \"false\" are accepted too)" : ", was " + Values.describe(value)));
    }

    /** ISO-8601 with a zone offset, years 1 to 9999 in UTC; digits past the microsecond are dropped. */
    static Instant toDateTime(Object value, String path) {
        Instant instant;
        // Connectors deliver typed values (SourceRecord): java.time values are taken as they are.
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (value instanceof java.time.ZonedDateTime z) {
            instant = z.toInstant();
        } else {
            String s = text(value, path, "an ISO-8601 date and time with an offset (2026-01-31T12:00:00Z)");
            try {
                instant = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new ValueException(path, "is not an ISO-8601 date and time with an offset, such as "
                        + "2026-01-31T12:00:00Z or 2026-01-31T13:00:00.123+01:00");
            }
        }
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9999) {
            throw new ValueException(path, "is outside the years 1 to 9999 (UTC)");
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code yyyy-mm-dd}, years 1 to 9999. */
    static LocalDate toDate(Object value, String path) {
        LocalDate date;
        if (value instanceof LocalDate d) {
            date = d;
        } else {
            String s = text(value, path, "an ISO-8601 date (2026-01-31)");
            try {
                date = LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw new ValueException(path, "is not an ISO-8601 date such as 2026-01-31");
            }
        }
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new ValueException(path, "is outside the years 1 to 9999");
        }
        return date;
    }

    /** {@code hh:mm[:ss[.ffffff]]}; digits past the microsecond are dropped. */
    static LocalTime toTime(Object value, String path) {
        if (value instanceof LocalTime t) {
            return t.truncatedTo(ChronoUnit.MICROS);
        }
        String s = text(value, path, "an ISO-8601 time of day (13:45:00)");
        try {
            return LocalTime.parse(s, DateTimeFormatter.ISO_LOCAL_TIME).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new ValueException(path, "is not an ISO-8601 time of day such as 13:45:00 or 13:45:00.250");
        }
    }

    /** The canonical 8-4-4-4-12 hexadecimal form, either case ({@link UUID#fromString} accepts much more). */
    static UUID toUuid(Object value, String path) {
        String s = text(value, path, "a UUID");
        if (!UUID_TEXT.matcher(s).matches()) {
            throw new ValueException(path, "is not a UUID in its canonical form (8-4-4-4-12 hexadecimal digits)");
        }
        return UUID.fromString(s);
    }

    static String toIp(Object value, String path) {
        String s = text(value, path, "an IPv4 or IPv6 address");
        String ip = IpAddresses.normalize(s);
        if (ip == null) {
            throw new ValueException(path, "is not an IPv4 or IPv6 address (host names, zones and prefixes are "
                    + "not accepted)");
        }
        return ip;
    }

    private static String text(Object value, String path, String expected) {
        if (value instanceof String s) {
            return s;
        }
        throw new ValueException(path, "must be " + expected + ", was " + Values.describe(value));
    }
}
