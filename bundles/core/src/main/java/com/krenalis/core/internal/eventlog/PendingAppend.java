package com.krenalis.core.internal.eventlog;

import com.krenalis.api.platform.EventLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One request's events waiting for the next commit. */
record PendingAppend(long workspaceId, long connectionId, List<EventLog.Event> events,
                     CompletableFuture<EventLog.AppendResult> done) {
}
