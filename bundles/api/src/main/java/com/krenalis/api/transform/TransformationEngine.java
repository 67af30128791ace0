package com.krenalis.api.transform;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A language in which users write transformation functions, registered as an OSGi service by an engine bundle.
 * A function is {@code transform(record)}: it returns the output record, or null to drop the record.
 */
@ConsumerType
public interface TransformationEngine {

    /** Stable identifier of the language ({@code javascript}, {@code python}). */
    String language();

    /** Display name, with the engine's implementation ({@code JavaScript (GraalJS 24.2)}). */
    String name();

    /**
     * Compiles a function's source. The function must run sandboxed: no files, sockets, processes, host classes or
     * JVM exit, and within the limits.
     *
     * @throws TransformationException when the source does not compile or defines no {@code transform}
     */
    TransformationFunction compile(String source, TransformationLimits limits) throws TransformationException;
}
