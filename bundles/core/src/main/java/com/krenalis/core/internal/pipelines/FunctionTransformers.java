package com.krenalis.core.internal.pipelines;

import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Compiled copies of one user function, lent to one thread at a time and taken back (compiling costs milliseconds
 * to a second, depending on the engine; a function is not thread-safe). Closing the pool closes the idle copies;
 * copies lent out are closed when they come back.
 */
final class FunctionTransformers implements Supplier<Transformer>, AutoCloseable {
    private final TransformationEngine engine;
    private final String source;
    private final TransformationLimits limits;
    private final ConcurrentLinkedQueue<TransformationFunction> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** Compiles the function once, so that a source that does not compile fails here. */
    FunctionTransformers(TransformationEngine engine, String source, TransformationLimits limits) throws TransformationException {
        this.engine = engine;
        this.source = source;
        this.limits = limits;
        idle.add(engine.compile(source, limits));
    }

    @Override
    public Transformer get() {
        TransformationFunction f = idle.poll();
        if (f == null) {
            try {
                f = engine.compile(source, limits);
            } catch (TransformationException e) {
                throw new IllegalStateException("the function compiled before and does not now: " + e.getMessage(), e);
            }
        }
        TransformationFunction lent = f;
        return new Transformer() {
            @Override
            public Map<String, Object> apply(Map<String, Object> record) throws TransformationException {
                return lent.apply(record);
            }

            @Override
            public void close() {
                if (closed) {
                    lent.close();
                } else {
                    idle.add(lent);
                }
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        TransformationFunction f;
        while ((f = idle.poll()) != null) {
            f.close();
        }
    }
}
