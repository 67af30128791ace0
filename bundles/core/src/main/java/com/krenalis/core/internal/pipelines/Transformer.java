package com.krenalis.core.internal.pipelines;

import com.krenalis.api.transform.TransformationException;
import java.util.Map;

/** A pipeline's transformation of one record, for one thread at a time. */
interface Transformer extends AutoCloseable {

    /** @return the output record, or null to drop the record */
    Map<String, Object> apply(Map<String, Object> record) throws TransformationException;

    @Override
    default void close() {
    }
}
