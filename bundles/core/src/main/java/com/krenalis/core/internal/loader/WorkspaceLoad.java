package com.krenalis.core.internal.loader;

import com.krenalis.api.warehouse.Warehouse;

/**
 * The loader's state for one workspace: how far the log goes and how far it is loaded, whether a batch is running,
 * and the backoff after failures. Idle → loading → idle, or → failing (wait, then loading again). Thread-safe.
 */
final class WorkspaceLoad {
    private static final long FIRST_RETRY_NANOS = 500_000_000L;

    final long workspaceId;
    private long head;
    private long cursor = -1; // unknown until the first batch reads it
    private boolean loading;
    private int failures;
    private long retryAt;
    private boolean paused; // stepping back for the collector (LoadDeferral) until resumeAt
    private long resumeAt;
    private Warehouse tableReadyIn;

    WorkspaceLoad(long workspaceId) {
        this.workspaceId = workspaceId;
    }

    /** The log holds events of this workspace up to {@code seq}. */
    synchronized void sawHead(long seq) {
        head = Math.max(head, seq);
    }

    synchronized long head() {
        return head;
    }

    /** The stored cursor, as read outside a batch (at start-up). */
    synchronized void sawCursor(long seq) {
        cursor = Math.max(cursor, seq);
    }

    /** Claims the next batch: true when there is one to load, none is running, and no retry or pause is pending. */
    synchronized boolean tryStart(long now) {
        if (loading || head <= cursor || failures > 0 && now - retryAt < 0 || paused && now - resumeAt < 0) {
            return false;
        }
        loading = true;
        paused = false;
        return true;
    }

    /** Whether the log holds events of this workspace that are not loaded yet (or a batch of them is running). */
    synchronized boolean behind() {
        return loading || head > Math.max(cursor, 0);
    }

    /** No batch starts before {@code until} (call it before {@link #succeeded}, while this batch still runs). */
    synchronized void pauseUntil(long until) {
        paused = true;
        resumeAt = until;
    }

    /** Ends a pause early: the loader stopped stepping back. */
    synchronized void resume() {
        paused = false;
    }

    /** The batch loaded everything up to {@code seq}; returns how many failed attempts came before it. */
    synchronized int succeeded(long seq) {
        cursor = Math.max(cursor, seq);
        loading = false;
        int failed = failures;
        failures = 0;
        return failed;
    }

    /** The batch failed: wait before the next attempt, doubling up to {@code maxDelayNanos}; returns the failures. */
    synchronized int failed(long now, long maxDelayNanos) {
        loading = false;
        tableReadyIn = null; // the table may be what failed (dropped, changed): check it again
        failures++;
        long delay = failures >= 30 ? maxDelayNanos : Math.min(maxDelayNanos, FIRST_RETRY_NANOS << (failures - 1));
        retryAt = now + delay;
        return failures;
    }

    /** Whether the events table was ensured in this warehouse (a workspace moved to another one needs it again). */
    synchronized boolean tableReadyIn(Warehouse warehouse) {
        return tableReadyIn == warehouse;
    }

    synchronized void tableReady(Warehouse warehouse) {
        tableReadyIn = warehouse;
    }

    synchronized boolean isLoading() {
        return loading;
    }
}
