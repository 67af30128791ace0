package com.krenalis.core.internal.loader;

/**
 * When the warehouse loader steps back for the collector. Acknowledging an event and loading it share the machine;
 * a lost event is lost for good (SDK queues are finite), a late one is only late, and absorbing bursts is what the
 * durable log between them is for. So while the collector is saturated, the loader takes a small share of its own
 * time ({@code sharePercent}: it pauses after each batch for as long as the batch took, scaled), for at most
 * {@code maxDeferNanos} per lag episode — from the first deferral until every workspace has caught up again. After
 * that it loads at full speed until caught up, whatever the collector does: the lag it lets build is bounded, and a
 * sustained overload ends with the two sharing the machine as they would without deferral.
 *
 * <p>Not thread-safe: the loader's scheduler thread owns it. Times are {@link System#nanoTime()} values passed in,
 * so that tests drive it without sleeping.
 */
final class LoadDeferral {
    /** The collector counts as saturated only after this long in a row (one busy second is no burst). */
    static final long SATURATED_FOR_NANOS = 1_000_000_000L;

    private final long maxDeferNanos;
    private final int sharePercent;
    private long deferringSince; // 0: this lag episode has not deferred yet
    private boolean spent; // this lag episode has deferred for maxDeferNanos: full speed until caught up
    private boolean deferring;

    /** @param maxDeferNanos 0 never defers; @param sharePercent 1–100 of the loader's time while deferring */
    LoadDeferral(long maxDeferNanos, int sharePercent) {
        if (maxDeferNanos < 0 || sharePercent < 1 || sharePercent > 100) {
            throw new IllegalArgumentException("maxDeferNanos " + maxDeferNanos + ", sharePercent " + sharePercent);
        }
        this.maxDeferNanos = maxDeferNanos;
        this.sharePercent = sharePercent;
    }

    /** What changed when {@link #update} ran, for the loader's log lines. */
    enum Change { NONE, STARTED, STOPPED, SPENT }

    /**
     * Decides for now.
     *
     * @param saturatedSince since when the collector has been saturated without a break, or 0 if it is not now
     * @param behind whether some workspace has events in the log that are not in its warehouse yet
     */
    Change update(long now, long saturatedSince, boolean behind) {
        boolean was = deferring;
        if (!behind) {
            deferringSince = 0; // caught up: the episode is over, the next one may defer again
            spent = false;
            deferring = false;
            return was ? Change.STOPPED : Change.NONE;
        }
        boolean saturated = saturatedSince != 0 && now - saturatedSince >= SATURATED_FOR_NANOS;
        if (!saturated || spent || maxDeferNanos == 0) {
            deferring = false;
            return was ? Change.STOPPED : Change.NONE;
        }
        if (deferringSince == 0) {
            deferringSince = now;
        }
        if (now - deferringSince >= maxDeferNanos) {
            spent = true;
            deferring = false;
            return Change.SPENT;
        }
        deferring = true;
        return was ? Change.NONE : Change.STARTED;
    }

    boolean deferring() {
        return deferring;
    }

    /** How long a workspace waits after a batch of {@code batchNanos} while deferring: the rest of its share. */
    long pauseAfter(long batchNanos) {
        return Math.max(0, batchNanos) * (100 - sharePercent) / sharePercent;
    }

    int sharePercent() {
        return sharePercent;
    }

    long maxDeferNanos() {
        return maxDeferNanos;
    }
}
