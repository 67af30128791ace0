package com.krenalis.api.pipelines;

import java.util.Map;

/**
 * The definition of a pipeline as a client gives it, on creation and on replacement (the target of an existing
 * pipeline cannot change).
 *
 * @param transformation null for {@link Transformation#NONE}
 */
public record PipelineSpec(String name, Pipeline.Target target, boolean enabled, Integer scheduleMinutes,
                           Map<String, Object> filter, Transformation transformation, boolean incremental) {
    public PipelineSpec {
        transformation = transformation == null ? Transformation.NONE : transformation;
    }
}
