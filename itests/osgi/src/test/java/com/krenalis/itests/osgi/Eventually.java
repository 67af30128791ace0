package com.krenalis.itests.osgi;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polling with a deadline, for what the server does asynchronously (start-up, hot deployment). */
final class Eventually {
    private static final long POLL_MILLIS = 50;

    /** What was observed last, and how long after the start instant. */
    record Observed<T>(T value, Duration elapsed) {
    }

    private Eventually() {
    }

    /**
     * Observes until {@code done} holds, at most until {@code timeout} after {@code startNanos} (a
     * {@link System#nanoTime()} reading); fails naming {@code what} and the last observation otherwise.
     */
    static <T> Observed<T> await(String what, long startNanos, Duration timeout, Callable<T> observe, Predicate<T> done) {
        long deadline = startNanos + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = observe.call();
                lastError = null;
                if (done.test(last)) {
                    return new Observed<>(last, Duration.ofNanos(System.nanoTime() - startNanos));
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError(what + ": not within " + timeout.toMillis() + " ms; last seen: "
                        + (lastError != null ? lastError : last));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted", e);
            }
        }
    }
}
