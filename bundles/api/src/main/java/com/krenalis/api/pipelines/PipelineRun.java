package com.krenalis.api.pipelines;

import java.time.Instant;
import java.util.Locale;

/**
 * A run of a batch pipeline.
 *
 * @param pipelineVersion the pipeline definition it ran
 * @param incremental     whether it read only what changed since the previous run's cursor
 * @param counts          the counts so far (updated while it runs)
 * @param total           the number of records the source reported, or -1 when unknown
 * @param removed         identities of the pipeline a successful full run removed because the source no longer has
 *                        them
 * @param error           why it failed; for a run that succeeded, a warning (identities not pruned) or null
 */
public record PipelineRun(long id, long pipelineId, long workspaceId, int pipelineVersion, State state, Trigger trigger,
                          boolean incremental, Instant startedAt, Instant endedAt, StepCounts counts, long total,
                          long removed, String error) {

    public enum State {
        RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Trigger {
        MANUAL, SCHEDULE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Percent done when the total is known, else -1. */
    public int percent() {
        if (total <= 0) {
            return total == 0 && state != State.RUNNING ? 100 : -1;
        }
        return (int) Math.min(100, counts.received() * 100 / total);
    }
}
