package com.krenalis.api.pipelines;

import java.time.Instant;
import java.util.Locale;

/** The counts of a pipeline over one minute, hour or day (UTC). */
public record MetricsBucket(Instant start, StepCounts counts) {

    public enum Granularity {
        MINUTE, HOUR, DAY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
