package com.krenalis.transform.javascript.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.graalvm.polyglot.Engine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code javascript} transformation language on GraalJS. One GraalJS engine per activation (about a second to
 * create on a stock JDK), shared by every function; each function gets its own sandboxed context. Thread-safe.
 */
@Component(service = TransformationEngine.class)
@Designate(ocd = JavaScriptEngineConfig.class)
public final class JavaScriptEngine implements TransformationEngine {
    private final Engine engine;
    private final Watchdog watchdog;
    private final String name;
    private volatile boolean closed;

    @Activate
    public JavaScriptEngine(JavaScriptEngineConfig config) {
        this(Math.max(0, config.allocationLimitMegabytes()) * (1L << 20),
                Duration.ofMillis(Math.max(1, config.interruptGraceMillis())));
    }

    /** @param allocationLimitBytes most bytes one call may allocate; 0 = no limit */
    JavaScriptEngine(long allocationLimitBytes, Duration interruptGrace) {
        this.engine = Sandbox.newEngine();
        this.watchdog = new Watchdog(allocationLimitBytes, interruptGrace);
        this.name = "JavaScript (GraalJS " + graalVersion() + ")";
    }

    /** The embedded GraalJS version; the engine itself says "Development Build" outside a GraalVM JDK. */
    private static String graalVersion() {
        Properties p = new Properties();
        try (InputStream in = JavaScriptEngine.class.getResourceAsStream("graal.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the name goes without a version
        }
        return p.getProperty("version", "unknown version");
    }

    @Override
    public String language() {
        return "javascript";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TransformationFunction compile(String source, TransformationLimits limits) throws TransformationException {
        requireNonNull(source, "source");
        requireNonNull(limits, "limits");
        if (closed) {
            throw new TransformationException("the JavaScript engine was stopped");
        }
        Watchdog.Watch watch = watchdog.newWatch();
        try {
            GuestFunction guest = GuestFunction.load(engine, source, limits.maxOutputBytes(), watch, limits.timePerRecord());
            return new JavaScriptFunction(engine, source, limits, watch, guest);
        } catch (IllegalStateException e) {
            throw new TransformationException("the JavaScript engine was stopped", e);
        }
    }

    /** Closes every function's context too; their next record fails with a TransformationException. */
    @Deactivate
    public void close() {
        closed = true;
        watchdog.close();
        engine.close(true);
    }
}
