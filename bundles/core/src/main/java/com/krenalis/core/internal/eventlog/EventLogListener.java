package com.krenalis.core.internal.eventlog;

/**
 * Told when the event log has committed new events, so that its consumers read them at once instead of at their
 * next poll. A whiteboard service: consumers register it and {@link GroupCommitEventLog} calls every one.
 */
@FunctionalInterface
public interface EventLogListener {

    /**
     * Called on the log's writer thread after each commit that stored events: return at once, never block.
     *
     * @param saturated whether the log's dedup inserts and COPYs took nine tenths of the last full second or more:
     *                  appends queue up as fast as they are written, so the collector is at its limit and anything
     *                  else running on the machine slows its acknowledgements
     */
    void eventsCommitted(boolean saturated);
}
