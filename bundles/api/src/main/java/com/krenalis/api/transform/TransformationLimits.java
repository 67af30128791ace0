package com.krenalis.api.transform;

import java.time.Duration;

/**
 * Resource limits for one call of a function.
 *
 * @param timePerRecord  wall-clock time allowed for one record
 * @param maxOutputBytes the largest output record, as JSON
 */
public record TransformationLimits(Duration timePerRecord, int maxOutputBytes) {
    public static final TransformationLimits DEFAULT = new TransformationLimits(Duration.ofSeconds(1), 1 << 20);

    public TransformationLimits {
        if (timePerRecord.isNegative() || timePerRecord.isZero()) {
            throw new IllegalArgumentException("timePerRecord must be positive");
        }
        if (maxOutputBytes < 1) {
            throw new IllegalArgumentException("maxOutputBytes must be positive");
        }
    }
}
