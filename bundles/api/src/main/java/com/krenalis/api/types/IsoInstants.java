package com.krenalis.api.types;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * ISO-8601 date-times with a zone offset, as the tracking protocol carries them: a date, {@code T}, a time with an
 * optional fraction, and an offset written {@code Z}, {@code +02:00}, {@code +0200} or {@code +02} (some clients
 * leave out the colon); letters in any case. A time without an offset is refused: it would be read in an unknown
 * zone. The common shapes are parsed by hand (a {@code DateTimeFormatter} costs a fifth of the collector's CPU and a
 * tenth of the warehouse loader's); the rest goes to a strict formatter, which decides.
 */
public final class IsoInstants {
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX][X]")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT); // no February 30th read as the 29th

    private IsoInstants() {
    }

    /** The instant {@code text} denotes, or null when it is null or not such a date-time. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Instant fast = parseCommon(text);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text, READ).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The shape nearly every SDK sends, {@code 2026-11-23T10:15:30.123Z} or with a {@code ±hh:mm} / {@code ±hhmm} /
     * {@code ±hh} offset, parsed by hand: the formatter costs a fifth of the collector's CPU. Anything else (and
     * anything out of range) returns null and goes to the formatter, which decides.
     */
    static Instant parseCommon(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128) {
                i++;
            }
            int len = i - start;
            if (len < 1 || len > 9) {
                return null;
            }
            nanos = digits(t, start, len);
            for (int k = len; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            int sign = t.charAt(i) == '-' ? -1 : 1;
            String rest = t.substring(i + 1);
            int oh;
            int om = 0;
            if (rest.length() == 2) {
                oh = digits(rest, 0, 2);
            } else if (rest.length() == 4) {
                oh = digits(rest, 0, 2);
                om = digits(rest, 2, 2);
            } else if (rest.length() == 5 && rest.charAt(2) == ':') {
                oh = digits(rest, 0, 2);
                om = digits(rest, 3, 2);
            } else {
                return null;
            }
            if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 18 * 60) { // offsets are within ±18:00
                return null;
            }
            offsetSeconds = sign * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The value of {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int k = from; k < from + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

}
