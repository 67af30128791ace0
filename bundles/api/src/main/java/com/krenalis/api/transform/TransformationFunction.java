package com.krenalis.api.transform;

import java.util.Map;

/** A compiled user function. Not thread-safe: use one per thread. */
public interface TransformationFunction extends AutoCloseable {

    /**
     * Transforms one record (values: String, Number, Boolean, null, List and Map) into the output record, or null
     * to drop it.
     *
     * @throws TransformationException when the function throws, exceeds a limit or returns something that is not a
     *                                 record; it concerns this record only
     */
    Map<String, Object> apply(Map<String, Object> record) throws TransformationException;

    @Override
    void close();
}
