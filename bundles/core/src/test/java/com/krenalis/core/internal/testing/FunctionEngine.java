package com.krenalis.core.internal.testing;

import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transformation engine for the core's tests, whose "source" names a Java function the test registered: the core's
 * handling of functions (pooling, errors, drops, broken outputs, engines coming and going) without a script engine.
 * The real engines (bundles/transform-*) are tested on their own and end to end.
 */
public final class FunctionEngine implements TransformationEngine {

    /** A registered function; may throw TransformationException like a user's function would. */
    @FunctionalInterface
    public interface Body {
        Map<String, Object> apply(Map<String, Object> record) throws TransformationException;
    }

    private final String language;
    private final Map<String, Body> functions = new ConcurrentHashMap<>();
    public final AtomicInteger compiled = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();

    public FunctionEngine(String language) {
        this.language = language;
    }

    public FunctionEngine register(String name, Body body) {
        functions.put(name, body);
        return this;
    }

    @Override
    public String language() {
        return language;
    }

    @Override
    public String name() {
        return "Test functions (" + language + ")";
    }

    @Override
    public TransformationFunction compile(String source, TransformationLimits limits) throws TransformationException {
        Body body = functions.get(source.strip());
        if (body == null) {
            throw new TransformationException("line 1: no function named '" + source.strip() + "'");
        }
        compiled.incrementAndGet();
        return new TransformationFunction() {
            @Override
            public Map<String, Object> apply(Map<String, Object> record) throws TransformationException {
                return body.apply(record);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}
