package com.krenalis.transform.python.internal;

import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The transformation language {@code python}: functions written in Python 2.7 (with Python 3 defaults), run by
 * Jython embedded in this bundle, in a sandbox (see the module README). The interpreter starts with the first
 * compile, not at activation: starting it costs seconds of CPU, which a server without Python functions should not
 * spend while it starts.
 */
@Component(service = TransformationEngine.class)
public final class PythonEngine implements TransformationEngine {
    /** Longest accepted source: functions are small; a bigger one is most likely a mistake. */
    static final int MAX_SOURCE_CHARS = 1 << 20;

    private final ClassLoader loader = PythonEngine.class.getClassLoader();
    private final ExecutorService workers = WorkerThreads.create(loader);
    private CompletableFuture<PythonRuntime> runtime;

    @Activate
    public PythonEngine() {
        // nothing to do until the first compile
    }

    @Override
    public String language() {
        return "python";
    }

    @Override
    public String name() {
        return "Python 2.7 (Jython 2.7.4)";
    }

    @Override
    public TransformationFunction compile(String source, TransformationLimits limits) throws TransformationException {
        if (source != null && source.length() > MAX_SOURCE_CHARS) {
            throw new TransformationException("the source is longer than " + MAX_SOURCE_CHARS + " characters");
        }
        return PythonFunction.compile(runtime(), workers, source, limits);
    }

    /** The warm interpreter; the first call starts it (concurrent callers wait for the same start). */
    PythonRuntime runtime() throws TransformationException {
        CompletableFuture<PythonRuntime> started;
        synchronized (this) {
            if (runtime == null) {
                runtime = CompletableFuture.supplyAsync(() -> PythonRuntime.start(loader), workers);
            }
            started = runtime;
        }
        try {
            return started.get();
        } catch (ExecutionException e) {
            throw new TransformationException("the Python interpreter failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransformationException("interrupted while the Python interpreter starts", e);
        }
    }

    /** Stops the workers and closes the interpreter (which drops Jython's shutdown hook, so the bundle can go). */
    @Deactivate
    void deactivate() {
        workers.shutdownNow();
        CompletableFuture<PythonRuntime> started;
        synchronized (this) {
            started = runtime;
        }
        if (started != null) {
            started.thenAccept(PythonRuntime::close);
        }
    }
}
