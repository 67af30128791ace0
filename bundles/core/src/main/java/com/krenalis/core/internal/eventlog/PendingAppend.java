package com.krenalis.core.internal.eventlog;

import com.krenalis.api.platform.EventLog;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One request's events waiting for the next commit, with their dedup keys (computed on the request's thread). */
record PendingAppend(long workspaceId, long connectionId, List<EventLog.Event> events, UUID[] keys,
                     CompletableFuture<EventLog.AppendResult> done) {
}
