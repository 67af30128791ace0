package com.krenalis.ingest.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {
    private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void offsetsInEveryWrittenForm() {
        assertEquals(NOON, IsoTimestamps.parse("2024-05-01T12:00:00Z"));
        assertEquals(NOON, IsoTimestamps.parse("2024-05-01T12:00:00.000Z"));
        assertEquals(NOON, IsoTimestamps.parse("2024-05-01T14:00:00+02:00"));
        assertEquals(NOON, IsoTimestamps.parse("2024-05-01T14:00:00+0200"));
        assertEquals(NOON, IsoTimestamps.parse("2024-05-01T14:00:00+02"));
        assertEquals(NOON, IsoTimestamps.parse("2024-05-01T06:30:00-05:30"));
        assertEquals(NOON.plusNanos(123456789), IsoTimestamps.parse("2024-05-01T12:00:00.123456789Z"));
    }

    @Test
    void withoutAnOffsetOrNotADateTime() {
        assertNull(IsoTimestamps.parse("2024-05-01T12:00:00"));
        assertNull(IsoTimestamps.parse("2024-05-01"));
        assertNull(IsoTimestamps.parse("12:00:00Z"));
        assertNull(IsoTimestamps.parse("2024-02-30T12:00:00Z"));
        assertNull(IsoTimestamps.parse("2024-05-01T12:00:00Z junk"));
        assertNull(IsoTimestamps.parse(""));
        assertNull(IsoTimestamps.parse(null));
    }

    @Test
    void writtenInUtcWithMilliseconds() {
        assertEquals("2024-05-01T12:00:00.000Z", IsoTimestamps.format(NOON));
        assertEquals("2024-05-01T12:00:00.123Z", IsoTimestamps.format(NOON.plusNanos(123_999_999)));
    }
}
