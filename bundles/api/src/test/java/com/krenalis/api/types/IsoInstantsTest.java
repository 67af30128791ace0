package com.krenalis.api.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written fast path agrees with the formatter on every input it accepts. */
class IsoInstantsTest {
    private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendPattern("[XXX][XX][X]").toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private static Instant reference(String s) {
        try {
            return OffsetDateTime.parse(s, REFERENCE).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void agrees(String s) {
        Instant fast = IsoInstants.parseCommon(s);
        if (fast != null) {
            assertEquals(reference(s), fast, s);
        }
        assertEquals(reference(s), IsoInstants.parse(s), s);
    }

    @Test
    void commonShapes() {
        for (String s : new String[] {"2026-11-23T10:15:30Z", "2026-11-23T10:15:30.1Z", "2026-11-23T10:15:30.123456789Z",
                "2026-11-23T10:15:30.123+02:00", "2026-11-23T10:15:30-0530", "2026-11-23T10:15:30+02",
                "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z",
                "2026-11-23T10:15:30", "2026-11-23T10:15Z", "2026-11-23t10:15:30z", "2026-11-23T10:15:30.Z",
                "2026-11-23T10:15:30.1234567890Z", "2026-11-23T10:15:30+25:00", "garbage", "2026-11-23T10:15:30Zx",
                "+12026-11-23T10:15:30Z", "2026-11-23T10:15:60Z", "0000-01-01T00:00:00Z"}) {
            agrees(s);
        }
    }

    @Test
    void randomDateTimesAgree() {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", r.nextInt(3000), r.nextInt(14), r.nextInt(33),
                    r.nextInt(26), r.nextInt(61), r.nextInt(61),
                    r.nextBoolean() ? "." + Long.toString(Math.abs(r.nextLong()) % 1_000_000_000L) : "",
                    switch (r.nextInt(5)) {
                        case 0 -> "Z";
                        case 1 -> String.format("+%02d:%02d", r.nextInt(20), r.nextInt(61));
                        case 2 -> String.format("-%02d%02d", r.nextInt(20), r.nextInt(61));
                        case 3 -> String.format("+%02d", r.nextInt(20));
                        default -> "";
                    });
            agrees(s);
        }
    }
}
