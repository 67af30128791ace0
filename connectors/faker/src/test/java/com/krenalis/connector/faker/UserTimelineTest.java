package com.krenalis.connector.faker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The arithmetic seek an incremental read starts with must agree with a linear scan. */
class UserTimelineTest {

    @Test
    void firstUpdatedAfterAgreesWithAScan() {
        for (long seed : new long[] {0, 42, -7, Long.MAX_VALUE}) {
            UserTimeline timeline = new UserTimeline(seed);
            long limit = 500;
            for (long n = 1; n <= limit; n++) {
                Instant at = timeline.updatedAt(n);
                assertEquals(n + 1, timeline.firstUpdatedAfter(at, limit), "at user " + n);
                assertEquals(n, timeline.firstUpdatedAfter(at.minusNanos(1), limit), "before user " + n);
                Instant slotStart = UserTimeline.START.plusMillis(n * UserTimeline.SLOT_MILLIS);
                assertEquals(scan(timeline, slotStart, limit), timeline.firstUpdatedAfter(slotStart, limit));
            }
        }
    }

    @Test
    void instantsOutsideTheDataSetAreClamped() {
        UserTimeline timeline = new UserTimeline(1);
        assertEquals(1, timeline.firstUpdatedAfter(Instant.MIN, 10));
        assertEquals(1, timeline.firstUpdatedAfter(UserTimeline.START, 10));
        assertEquals(11, timeline.firstUpdatedAfter(timeline.updatedAt(10), 10));
        assertEquals(11, timeline.firstUpdatedAfter(Instant.MAX, 10));
    }

    @Test
    void largestDataSetEndsWithinFourYears() {
        Instant last = new UserTimeline(42).updatedAt(FakerConnector.MAX_COUNT);
        assertTrue(last.isBefore(Instant.parse("2027-01-01T00:00:00Z")), last.toString());
    }

    private static long scan(UserTimeline timeline, Instant instant, long limit) {
        long n = 1;
        while (n <= limit && !timeline.updatedAt(n).isAfter(instant)) {
            n++;
        }
        return n;
    }
}
