package com.krenalis.api.platform;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable log every accepted event is written to before the collector answers. Many concurrent requests share
 * one transaction (group commit); consumers (the warehouse loader, identity writer, destinations) read it in order,
 * each with its own cursor.
 */
@ProviderType
public interface EventLog {

    /** One event, serialised and enriched by the collector. */
    record Event(String messageId, Instant receivedAt, byte[] json) {
    }

    /**
     * @param stored     events written now
     * @param duplicates events whose messageId the workspace had already received (acknowledged, not stored again)
     */
    record AppendResult(int stored, int duplicates) {
    }

    /**
     * Appends the events of one request atomically: the stage completes once they are committed (all or none), or
     * exceptionally with {@link UnavailableException} when the server is overloaded or its database unreachable, in
     * which case nothing was stored that a retry would duplicate.
     */
    CompletionStage<AppendResult> append(long workspaceId, long connectionId, List<Event> events);
}
