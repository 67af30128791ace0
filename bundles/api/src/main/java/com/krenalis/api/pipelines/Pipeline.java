package com.krenalis.api.pipelines;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pipeline of a connection.
 *
 * @param target          what it writes: users (identities) or events
 * @param enabled         a disabled pipeline processes nothing; the server disables a pipeline by itself when a schema
 *                        change breaks its transformation, giving the reason in {@code disabledReason}
 * @param scheduleMinutes for batch pipelines: the period of scheduled runs (one of {@link #SCHEDULES}), or null for
 *                        runs started by hand only
 * @param filter          the filter JSON ({@code {"logical", "conditions"}}) or null: records it does not match are
 *                        skipped (counted as received, not as failed)
 * @param incremental     for batch pipelines whose source supports it: read only what changed since the last run
 * @param source          what a batch pipeline reads, for connectors that need to be told: a database's
 *                        {@code query}, {@code identityColumn} and {@code updatedAtColumn} (the connector's
 *                        pipeline settings); a file storage's {@code path}, {@code format}, {@code formatSettings},
 *                        {@code identityColumn} and {@code updatedAtColumn}; empty for the others
 * @param version         incremented by every change of the definition; runs record the version they used
 * @param disabledReason  why the server disabled the pipeline, or null
 */
public record Pipeline(long id, long workspaceId, long connectionId, String name, Target target, boolean enabled,
                       Integer scheduleMinutes, Map<String, Object> filter, Transformation transformation,
                       boolean incremental, Map<String, Object> source, int version, String disabledReason, Instant createdAt, Instant updatedAt) {

    public Pipeline {
        source = source == null ? Map.of() : source;
    }

    /** The periods, in minutes, a batch pipeline may be scheduled at. */
    public static final List<Integer> SCHEDULES = List.of(5, 15, 30, 60, 120, 180, 360, 480, 720, 1440);

    public enum Target {
        USERS, EVENTS;

        /** The JSON name. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
