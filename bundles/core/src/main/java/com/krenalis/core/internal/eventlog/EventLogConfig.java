package com.krenalis.core.internal.eventlog;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Krenalis event log")
public @interface EventLogConfig {
    @AttributeDefinition(description = "Events waiting for a commit beyond which appends are refused (503) instead of queued")
    int maxQueuedEvents() default 200_000;

    @AttributeDefinition(description = "Most events written in one transaction")
    int maxEventsPerCommit() default 20_000;
}
