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
 * Jython embedded in this bundle, in a sandbox (see the module README). The interpreter warms up in the background
 * when the component activates, so activation stays cheap and the first compile rarely waits.
 */
@Component(service = TransformationEngine.class)
public final class PythonEngine implements TransformationEngine {
    /** Longest accepted source: functions are small; a bigger one is most likely a mistake. */
    static final int MAX_SOURCE_CHARS = 1 << 20;

    private final ExecutorService workers;
    private final CompletableFuture<PythonRuntime> runtime;

    @Activate
    public PythonEngine() {
        ClassLoader loader = PythonEngine.class.getClassLoader();
        workers = WorkerThreads.create(loader);
        runtime = CompletableFuture.supplyAsync(() -> PythonRuntime.start(loader), workers);
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

    /** The warm interpreter, waiting for the warm-up if it is still running. */
    PythonRuntime runtime() throws TransformationException {
        try {
            return runtime.get();
        } catch (ExecutionException e) {
            throw new TransformationException("the Python interpreter failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransformationException("interrupted while the Python interpreter starts", e);
        }
    }

    @Deactivate
    void deactivate() {
        workers.shutdownNow();
    }
}
