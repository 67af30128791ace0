package com.krenalis.api.pipelines;

/**
 * Records counted per step.
 *
 * @param received        records that entered the pipeline
 * @param validated       records that passed input validation
 * @param passedFilter    records the filter let through (the others are skipped, not failed)
 * @param transformed     records the transformation produced an output for (a dropped record is not counted)
 * @param outputValidated outputs that passed validation against the target schema
 * @param written         outputs written to the target
 * @param failed          records that failed a step
 */
public record StepCounts(long received, long validated, long passedFilter, long transformed, long outputValidated,
                         long written, long failed) {
    public static final StepCounts ZERO = new StepCounts(0, 0, 0, 0, 0, 0, 0);

    public StepCounts plus(StepCounts o) {
        return new StepCounts(received + o.received, validated + o.validated, passedFilter + o.passedFilter,
                transformed + o.transformed, outputValidated + o.outputValidated, written + o.written, failed + o.failed);
    }
}
