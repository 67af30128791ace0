package com.krenalis.transform.python.internal;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.time.Duration;
import java.util.Map;

/** One engine for all the tests of the module (its interpreter takes seconds to warm up). */
final class Engines {
    static final PythonEngine ENGINE = new PythonEngine();
    static final TransformationLimits LIMITS = new TransformationLimits(Duration.ofMillis(500), 1 << 20);

    private Engines() {
    }

    static TransformationFunction compile(String source) throws TransformationException {
        return ENGINE.compile(source, LIMITS);
    }

    /** Compiles {@code def transform(record):} with the given body lines and applies it once. */
    static Map<String, Object> run(Map<String, Object> record, String... body) throws TransformationException {
        try (TransformationFunction f = compile(function(body))) {
            return f.apply(record);
        }
    }

    static String function(String... body) {
        return "def transform(record):\n    " + String.join("\n    ", body) + "\n";
    }
}
