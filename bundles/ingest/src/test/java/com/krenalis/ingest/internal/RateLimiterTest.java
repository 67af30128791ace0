package com.krenalis.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstOfOneSecondThenTheRate() {
        RateLimiter limiter = new RateLimiter(100);
        assertEquals(0, limiter.tryAcquire(1, 100, 0));
        assertEquals(1, limiter.tryAcquire(1, 50, 0), "empty: wait");
        assertEquals(0, limiter.tryAcquire(1, 50, SECOND / 2), "half a second refills half");
        assertTrue(limiter.tryAcquire(1, 1, SECOND / 2) > 0);
    }

    @Test
    void workspacesHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(10);
        assertEquals(0, limiter.tryAcquire(1, 10, 0));
        assertEquals(0, limiter.tryAcquire(2, 10, 0));
    }

    @Test
    void aRequestLargerThanTheBurstWaitsForAFullBucketAndZeroMeansUnlimited() {
        RateLimiter limiter = new RateLimiter(10);
        assertEquals(1, limiter.tryAcquire(1, 500, 0), "asks to come back when the bucket is full");
        assertEquals(0, new RateLimiter(0).tryAcquire(1, 1_000_000, 0));
    }

    @Test
    void theWaitGrowsWithTheDeficit() {
        RateLimiter limiter = new RateLimiter(10);
        limiter.tryAcquire(1, 10, 0);
        assertEquals(1, limiter.tryAcquire(1, 5, 0));
        assertEquals(1, limiter.tryAcquire(1, 10, 0));
        RateLimiter slow = new RateLimiter(1);
        slow.tryAcquire(1, 1, 0);
        assertEquals(1, slow.tryAcquire(1, 1, 0));
    }
}
