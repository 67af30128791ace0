package com.krenalis.transform.python.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.python.core.Py;
import org.python.core.PyBaseCode;
import org.python.core.PyCode;
import org.python.core.PyException;
import org.python.core.PyFunction;
import org.python.core.PyObject;
import org.python.core.ThreadState;

/**
 * A compiled user function. Each call runs on a worker thread under a {@link CallDeadline}. A call that passes its
 * deadline by more than {@link #GRACE_NANOS} is inside one long Java operation the trace cannot interrupt: the
 * worker is abandoned (it ends when that operation does), the function's module code runs again in fresh globals
 * for the next record, and at most {@link #MAX_STUCK} abandoned calls per function may still run before records
 * are refused.
 */
final class PythonFunction implements TransformationFunction {
    static final String FILENAME = "transformation.py";
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final int MAX_STUCK = 2;

    private final PythonRuntime runtime;
    private final ExecutorService workers;
    private final PyCode code;
    private final TransformationLimits limits;
    private final FunctionScope scope;
    private final List<AtomicBoolean> stuck = new ArrayList<>();
    private volatile PyObject transform;
    private volatile boolean restart;
    private volatile boolean closed;

    private PythonFunction(PythonRuntime runtime, ExecutorService workers, PyCode code, TransformationLimits limits) {
        this.runtime = runtime;
        this.workers = workers;
        this.code = code;
        this.limits = limits;
        this.scope = new FunctionScope(runtime);
    }

    /** Checks, compiles and runs the source's module code on a worker; thread-safe. */
    static PythonFunction compile(PythonRuntime runtime, ExecutorService workers, String source,
                                  TransformationLimits limits) throws TransformationException {
        requireNonNull(source, "source");
        requireNonNull(limits, "limits");
        // Parsing and checking are not traced; allow them a few seconds on top of the module code's time limit.
        long wait = limits.timePerRecord().toNanos() + GRACE_NANOS + TimeUnit.SECONDS.toNanos(5);
        return await(workers, () -> {
            runtime.enter();
            PythonFunction function = new PythonFunction(runtime, workers, prepare(runtime, source), limits);
            function.transform = function.load();
            return function;
        }, wait, "the source's module code");
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> record) throws TransformationException {
        requireNonNull(record, "record");
        if (closed) {
            throw new IllegalStateException("the function is closed");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        synchronized (stuck) {
            stuck.removeIf(call -> !call.get());
            if (stuck.size() >= MAX_STUCK) {
                throw new TransformationException("this function has " + stuck.size() + " earlier calls that could"
                        + " not be stopped and are still running; records are refused until they end");
            }
        }
        long wait = limits.timePerRecord().toNanos() + GRACE_NANOS;
        try {
            return await(workers, () -> call(record, running), wait, "the call");
        } catch (Stuck e) {
            synchronized (stuck) {
                stuck.add(running);
            }
            restart = true; // the abandoned call may still change its globals: the next record gets fresh ones
            throw e;
        }
    }

    /** One call, on a worker thread. */
    private Map<String, Object> call(Map<String, Object> record, AtomicBoolean running) throws TransformationException {
        try {
            runtime.enter();
            if (restart) {
                restart = false;
                transform = load();
            }
            PyObject argument;
            try {
                argument = PythonValues.record(record);
            } catch (IllegalArgumentException e) {
                throw new TransformationException(e.getMessage());
            }
            PyObject result = traced(() -> transform.__call__(argument));
            if (result == Py.None) {
                return null;
            }
            try {
                return RecordOutput.convert(result, limits.maxOutputBytes());
            } catch (RecordOutput.OutputException e) {
                throw new TransformationException(e.getMessage());
            }
        } finally {
            running.set(false);
        }
    }

    /** Runs the module code in fresh globals and returns its {@code transform}. */
    private PyObject load() throws TransformationException {
        PyObject globals = scope.newGlobals();
        traced(() -> Py.runCode(code, globals, globals));
        PyObject function = globals.__finditem__("transform");
        if (function == null) {
            throw new TransformationException("the source defines no function transform(record)");
        }
        if (!(function instanceof PyFunction f) || !(f.__code__ instanceof PyBaseCode c) || !takesOneArgument(f, c)) {
            throw new TransformationException("transform must be a function taking one argument: def transform(record):");
        }
        return function;
    }

    private static boolean takesOneArgument(PyFunction f, PyBaseCode c) {
        int defaults = f.__defaults__ == null ? 0 : f.__defaults__.length;
        return c.co_argcount - defaults <= 1 && (c.co_argcount >= 1 || c.varargs);
    }

    /** Runs Python code under the time limit; Python errors become messages for the function's author. */
    private PyObject traced(Callable<PyObject> python) throws TransformationException {
        CallDeadline deadline = new CallDeadline(System.nanoTime() + limits.timePerRecord().toNanos());
        ThreadState thread = Py.getThreadState();
        thread.tracefunc = deadline;
        PyObject result;
        try {
            result = python.call();
        } catch (PyException e) {
            throw new TransformationException(deadline.expired() ? timeLimit() : PythonErrors.describe(e, FILENAME));
        } catch (StackOverflowError e) {
            throw new TransformationException("the function recursed too deeply");
        } catch (OutOfMemoryError e) {
            throw new TransformationException("the function ran out of memory");
        } catch (Exception e) {
            throw new TransformationException("the function failed: " + e, e);
        } finally {
            thread.tracefunc = null;
            thread.exception = null;
        }
        if (deadline.expired()) {
            throw new TransformationException(timeLimit());
        }
        return result;
    }

    private String timeLimit() {
        return "time limit exceeded: the call ran longer than " + limits.timePerRecord().toMillis() + " ms";
    }

    private static PyCode prepare(PythonRuntime runtime, String source) throws TransformationException {
        try {
            return runtime.prepare(source, FILENAME);
        } catch (PyException e) {
            if (e.match(Py.SyntaxError)) {
                throw new TransformationException(PythonErrors.syntaxError(e));
            }
            if (e.match(runtime.rejectedType())) {
                PyObject line = e.value.__findattr__("lineno");
                throw new TransformationException((line == null || line.asInt() == 0 ? "" : "line " + line + ": ")
                        + e.value.__findattr__("message"));
            }
            throw new TransformationException("the source could not be compiled: " + PythonErrors.exception(e));
        }
    }

    /** Runs {@code task} on a worker and waits for it; a worker that does not finish in time is abandoned. */
    private static <T> T await(ExecutorService workers, Callable<T> task, long waitNanos, String what)
            throws TransformationException {
        Future<T> future;
        try {
            future = workers.submit(task);
        } catch (RejectedExecutionException e) {
            throw new TransformationException("the Python engine has stopped (its bundle was stopped or updated);"
                    + " compile the function again", e);
        }
        try {
            return future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Stuck(what + " passed its time limit inside an operation that cannot be interrupted (such as a"
                    + " huge regular expression backtrack or arithmetic on enormous numbers); it goes on in the"
                    + " background until that operation ends");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransformationException t) {
                throw t;
            }
            throw new TransformationException("the Python engine failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransformationException("interrupted while waiting for the function", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        transform = null;
    }

    /** A call abandoned after its deadline. */
    private static final class Stuck extends TransformationException {
        private static final long serialVersionUID = 1L;

        Stuck(String message) {
            super(message);
        }
    }
}
