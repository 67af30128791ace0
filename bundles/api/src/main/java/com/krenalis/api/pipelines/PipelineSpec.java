package com.krenalis.api.pipelines;

import java.util.Map;

/**
 * The definition of a pipeline as a client gives it, on creation and on replacement (the target of an existing
 * pipeline cannot change).
 *
 * @param transformation null for {@link Transformation#NONE}
 * @param source         what the pipeline reads (see {@link Pipeline#source()}); null for none
 */
public record PipelineSpec(String name, Pipeline.Target target, boolean enabled, Integer scheduleMinutes,
                           Map<String, Object> filter, Transformation transformation, boolean incremental,
                           Map<String, Object> source) {
    public PipelineSpec {
        transformation = transformation == null ? Transformation.NONE : transformation;
        source = source == null ? Map.of() : source;
    }

    /** A definition whose connector needs no source settings. */
    public PipelineSpec(String name, Pipeline.Target target, boolean enabled, Integer scheduleMinutes,
                        Map<String, Object> filter, Transformation transformation, boolean incremental) {
        this(name, target, enabled, scheduleMinutes, filter, transformation, incremental, null);
    }
}
