package com.krenalis.core.internal.eventlog;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Krenalis event log retention")
public @interface EventLogRetentionConfig {
    @AttributeDefinition(description = "Days a messageId is remembered for deduplication in the log (the warehouse's "
            + "events.message_id key keeps the warehouse exactly-once beyond it)")
    int dedupWindowDays() default 30;

    @AttributeDefinition(description = "Minutes between two retention passes")
    int intervalMinutes() default 60;
}
