package com.krenalis.core.internal.loader;

import java.time.Instant;

/**
 * One event of the log, as the loader reads it.
 *
 * @param json the enriched event as the collector wrote it; parsed only when its row is written, so that a batch holds
 *             text, not trees
 */
record LogEntry(long seq, long connectionId, String messageId, Instant receivedAt, String json) {
}
