package com.krenalis.connector.faker;

import java.time.Instant;

/**
 * When each user of a data set was last updated. Users are numbered in the order of their last update: user n falls
 * in the n-th ten-second slot after {@link #START}, at an offset within the slot drawn from the seed. So
 * {@code updatedAt} strictly increases with n, and the first user updated after a given instant is found by
 * arithmetic instead of a scan, which is what makes an incremental read start in constant time.
 */
final class UserTimeline {
    static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    /** Ten seconds per user: the largest data set (10 million users) spans a little over three years. */
    static final long SLOT_MILLIS = 10_000;

    private final long seed;

    UserTimeline(long seed) {
        this.seed = seed;
    }

    /** The last update of user n (n ≥ 1). */
    Instant updatedAt(long n) {
        long offset = Math.floorMod(mix(seed, n), SLOT_MILLIS);
        return START.plusMillis(n * SLOT_MILLIS + offset);
    }

    /**
     * The number of the first user updated strictly after {@code instant}; at most {@code limit + 1}, which means
     * "none of the first {@code limit} users".
     */
    long firstUpdatedAfter(Instant instant, long limit) {
        if (instant.isBefore(START)) {
            return 1;
        }
        if (!instant.isBefore(START.plusMillis((limit + 1) * SLOT_MILLIS))) {
            return limit + 1;
        }
        // Users before the slot holding the instant were updated before it, users after it after it.
        long n = (instant.toEpochMilli() - START.toEpochMilli()) / SLOT_MILLIS;
        if (n == 0) {
            return 1;
        }
        return updatedAt(n).isAfter(instant) ? n : n + 1;
    }

    /** A well-spread 64-bit hash of (seed, n): the SplitMix64 finaliser over a combination of both. */
    static long mix(long seed, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + n * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
