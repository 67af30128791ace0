package com.krenalis.api.pipelines;

import com.krenalis.api.platform.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Pipelines of a workspace's connections, their runs, errors and metrics. Every method checks the principal and that
 * the pipeline belongs to the workspace.
 */
@ProviderType
public interface PipelineService {

    /** The workspace's pipelines, or those of one connection when {@code connectionId} is not null. */
    List<Pipeline> list(Principal principal, long workspaceId, Long connectionId);

    Pipeline get(Principal principal, long workspaceId, long id);

    /**
     * Creates a pipeline on a connection. The filter and transformation are validated against the target's schema and
     * the installed languages; a bad part is an {@link com.krenalis.api.platform.InvalidInputException} naming it.
     */
    Pipeline create(Principal principal, long workspaceId, long connectionId, PipelineSpec spec);

    /** Replaces the definition (the target cannot change); the version goes up. */
    Pipeline replace(Principal principal, long workspaceId, long id, PipelineSpec spec);

    /** Enables (clearing a reason the server gave for disabling it) or disables the pipeline. */
    Pipeline setEnabled(Principal principal, long workspaceId, long id, boolean enabled);

    /** Deletes the pipeline with its runs, errors and metrics; refused while a run is going on. */
    void delete(Principal principal, long workspaceId, long id);

    /** Starts a run of a batch pipeline now; a conflict while one runs. */
    PipelineRun startRun(Principal principal, long workspaceId, long pipelineId);

    /** Asks a running run to stop; it ends as cancelled. */
    PipelineRun cancelRun(Principal principal, long workspaceId, long runId);

    /** Runs, newest first: of one pipeline when {@code pipelineId} is not null. */
    List<PipelineRun> runs(Principal principal, long workspaceId, Long pipelineId, int limit);

    PipelineRun run(Principal principal, long workspaceId, long runId);

    /** Errors of a pipeline, newest first, optionally of one run, before an error id (paging). */
    List<PipelineError> errors(Principal principal, long workspaceId, long pipelineId, Long runId, Long beforeId, int limit);

    /** Counts per step in buckets of the granularity, from (inclusive) to (exclusive), oldest first; empty buckets left out. */
    List<MetricsBucket> metrics(Principal principal, long workspaceId, long pipelineId, MetricsBucket.Granularity granularity,
                                Instant from, Instant to);

    /**
     * The schema a pipeline of the connection with these source settings would read (see {@link Pipeline#source()}):
     * a database query's columns, a file's columns, the event schema of an event source. Invalid settings, or a
     * source that cannot be read, are an {@link com.krenalis.api.platform.InvalidInputException} naming the field.
     */
    com.krenalis.api.types.ObjectType discover(Principal principal, long workspaceId, long connectionId,
                                               Map<String, Object> source);

    /**
     * Runs a transformation on sample records without saving anything: the output per record or its errors. The
     * target gives the output schema (users: the workspace's user schema).
     */
    List<PreviewResult> preview(Principal principal, long workspaceId, Pipeline.Target target, Transformation transformation,
                                List<Map<String, Object>> records);
}
