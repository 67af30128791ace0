package com.krenalis.ingest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Krenalis event collector")
public @interface CollectorConfig {
    @AttributeDefinition(description = "Largest event, as JSON, in bytes (Segment's limit)")
    int maxEventBytes() default 32 * 1024;

    @AttributeDefinition(description = "Largest request body, after decompression, in bytes (Segment's limit)")
    int maxRequestBytes() default 500 * 1024;

    @AttributeDefinition(description = "Events per second each workspace may send (a token bucket with one second of burst); 0 for no limit")
    int rateLimitEventsPerSecond() default 100_000;

    @AttributeDefinition(description = "Seconds a request waits for its events to be committed before answering 503")
    int commitTimeoutSeconds() default 30;
}
