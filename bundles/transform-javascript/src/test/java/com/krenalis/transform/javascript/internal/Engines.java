package com.krenalis.transform.javascript.internal;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.time.Duration;

/** One real engine for all the tests of a JVM (creating one takes about a second), with a small allocation limit. */
final class Engines {
    static final long ALLOCATION_LIMIT = 128L << 20;
    static final JavaScriptEngine SHARED = new JavaScriptEngine(ALLOCATION_LIMIT, Duration.ofMillis(500));

    private Engines() {
    }

    static TransformationFunction compile(String source) throws TransformationException {
        return SHARED.compile(source, TransformationLimits.DEFAULT);
    }

    static TransformationFunction compile(String source, Duration timePerRecord, int maxOutputBytes) throws TransformationException {
        return SHARED.compile(source, new TransformationLimits(timePerRecord, maxOutputBytes));
    }
}
