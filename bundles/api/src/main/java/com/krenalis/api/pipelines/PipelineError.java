package com.krenalis.api.pipelines;

import java.time.Instant;

/**
 * A record that failed a step.
 *
 * @param runId     the batch run, or null for records of an event stream
 * @param recordKey what identifies the record to a person: a messageId, a source id, a line number
 */
public record PipelineError(long id, long pipelineId, Long runId, Instant at, String recordKey, Step step,
                            String message) {
}
