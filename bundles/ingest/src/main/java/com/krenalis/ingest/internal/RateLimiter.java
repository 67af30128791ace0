package com.krenalis.ingest.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per workspace, counted in events: it refills at {@code eventsPerSecond} up to a burst of one
 * second's worth. A request whose events do not fit is refused whole with the seconds until they would (the 429's
 * Retry-After), so that clients back off instead of losing data.
 */
final class RateLimiter {
    private final double ratePerNano;
    private final double capacity;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    /** @param eventsPerSecond 0 or less for no limit */
    RateLimiter(int eventsPerSecond) {
        this.ratePerNano = eventsPerSecond / 1e9;
        this.capacity = eventsPerSecond;
    }

    /** 0 when the events may pass (and are counted), else the whole seconds to wait. */
    long tryAcquire(long workspaceId, int events, long nowNanos) {
        if (capacity <= 0) {
            return 0;
        }
        Bucket b = buckets.computeIfAbsent(workspaceId, w -> new Bucket(capacity, nowNanos));
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (nowNanos - b.refilledAt) * ratePerNano);
            b.refilledAt = nowNanos;
            if (events <= b.tokens) {
                b.tokens -= events;
                return 0;
            }
            double missing = Math.min(events, capacity) - b.tokens;
            return Math.max(1, (long) Math.ceil(missing / ratePerNano / 1e9));
        }
    }
}
