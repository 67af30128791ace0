package com.krenalis.transform.javascript.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;

/**
 * Stops guest calls that run past their time limit or allocate more than the allocation limit. A ticker looks at
 * the running calls every few milliseconds; a call over a limit is interrupted on another thread (an interrupt
 * blocks until the guest unwinds), and cancelled, which closes its context, when it does not unwind within the grace
 * period. One watchdog per engine activation; each function owns one {@link Watch}.
 */
final class Watchdog implements AutoCloseable {
    /** Why a call was stopped. */
    enum Verdict { TIME, MEMORY }

    private static final long TICK_MILLIS = 5;

    private final long allocationLimitBytes;
    private final Duration grace;
    private final AllocationMeter meter = AllocationMeter.create();
    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("krenalis-js-watchdog"));
    private final ExecutorService stopper = Executors.newCachedThreadPool(daemon("krenalis-js-stopper"));

    /** @param allocationLimitBytes most bytes one call may allocate; 0 = no limit */
    Watchdog(long allocationLimitBytes, Duration grace) {
        this.allocationLimitBytes = allocationLimitBytes;
        this.grace = grace;
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    Watch newWatch() {
        return new Watch();
    }

    long allocationLimitBytes() {
        return meter.supported() ? allocationLimitBytes : 0;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        stopper.shutdownNow();
    }

    private void tick() {
        long now = System.nanoTime();
        for (Watch w : running) {
            Verdict verdict = w.check(now);
            if (verdict != null && w.condemn(verdict)) {
                stopper.execute(w::stop);
            }
        }
    }

    static String readable(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The calls of one function, one at a time. {@link #end()} waits for a stop in progress, so an interrupt meant for
     * one call can never reach the next.
     */
    final class Watch {
        private volatile boolean active;
        private volatile long deadline;
        private volatile long threadId;
        private volatile long allocatedAtStart;
        private volatile Verdict verdict;
        private volatile boolean cancelled;
        private Context context; // guarded by this

        /** Starts watching a call on the current thread into {@code context}. */
        synchronized void begin(Context context, Duration limit) {
            this.context = context;
            this.threadId = Thread.currentThread().getId();
            this.allocatedAtStart = meter.ofCurrentThread();
            this.deadline = System.nanoTime() + limit.toNanos();
            this.verdict = null;
            this.cancelled = false;
            this.active = true;
            running.add(this);
        }

        /** Stops watching; returns why the call was stopped, or null. */
        synchronized Verdict end() {
            running.remove(this);
            active = false;
            context = null;
            return verdict;
        }

        /** Why a call stopped, in words for the function's author. */
        String describe(Verdict v, Duration limit) {
            return switch (v) {
                case TIME -> "took longer than the time limit of " + readable(limit);
                case MEMORY -> "allocated more than the limit of " + (allocationLimitBytes() >> 20) + " MB";
            };
        }

        /** Whether the last stop had to cancel (close) the context because the guest did not unwind in time. */
        boolean cancelled() {
            return cancelled;
        }

        private Verdict check(long now) {
            if (!active || verdict != null) {
                return null;
            }
            if (now - deadline >= 0) {
                return Verdict.TIME;
            }
            long limit = allocationLimitBytes();
            if (limit > 0 && meter.ofThread(threadId) - allocatedAtStart > limit) {
                return Verdict.MEMORY;
            }
            return null;
        }

        private synchronized boolean condemn(Verdict v) {
            if (!active || verdict != null) {
                return false;
            }
            verdict = v;
            return true;
        }

        /** On a stopper thread. Holds the lock so that the call cannot end, and another begin, meanwhile. */
        private synchronized void stop() {
            if (!active) {
                return;
            }
            try {
                context.interrupt(grace);
            } catch (TimeoutException e) {
                // The guest did not unwind (e.g. a finally block that loops): cancel, which closes the context.
                cancelled = true;
                context.close(true);
            } catch (IllegalStateException e) {
                // the context was closed meanwhile (engine stopped): nothing left to stop
            }
        }
    }
}
