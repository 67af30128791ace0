package com.krenalis.core.internal.loader;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Krenalis warehouse loader",
        description = "Copies the event log into each workspace's warehouse table events")
public @interface WarehouseLoaderConfig {
    @AttributeDefinition(description = "How often (ms) the log is checked for new events when no commit wakes the "
            + "loader first (commits on this server wake it at once)")
    int pollIntervalMillis() default 200;

    @AttributeDefinition(description = "Most events loaded into a warehouse in one transaction; a workspace that is "
            + "behind is loaded in batches of this size, one after another")
    int batchSize() default 10_000;

    @AttributeDefinition(description = "Workspaces loaded at the same time (a warehouse that hangs holds one of them)")
    int threads() default 4;

    @AttributeDefinition(description = "Longest wait (s) between two attempts for a workspace whose warehouse fails; "
            + "the wait starts at half a second and doubles")
    int maxRetryDelaySeconds() default 60;

    @AttributeDefinition(description = "While the collector is saturated, the loader steps back to deferSharePercent "
            + "of its time so that acknowledging events comes first, for at most this many seconds in a row (until "
            + "it has caught up again, it then loads at full speed); 0: never")
    int maxDeferSeconds() default 120;

    @AttributeDefinition(description = "The share (1-100 %) of its time the loader keeps while it steps back")
    int deferSharePercent() default 10;
}
