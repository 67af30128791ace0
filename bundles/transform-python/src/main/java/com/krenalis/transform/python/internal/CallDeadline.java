package com.krenalis.transform.python.internal;

import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyFrame;
import org.python.core.PyObject;
import org.python.core.TraceFunction;

/**
 * The time limit of one call. Jython cannot cancel running code, but its compiled code reports every line and call
 * to the thread's trace function; this one raises once the deadline has passed, and again at every later line, so
 * a function that catches the error (bare {@code except:}) is stopped at its next line. It never raises while an
 * exception is being dispatched (that would rethrow from inside Jython's handlers, over and over). What
 * it cannot stop is one long operation inside Java (a huge regular expression backtrack, arithmetic on enormous
 * numbers): see {@link PythonFunction} for that case.
 */
final class CallDeadline extends TraceFunction {
    private final long deadline;
    private volatile boolean expired;

    CallDeadline(long deadlineNanos) {
        this.deadline = deadlineNanos;
    }

    boolean expired() {
        return expired || System.nanoTime() - deadline > 0;
    }

    private void check() {
        if (expired || System.nanoTime() - deadline > 0) {
            expired = true;
            throw new TimeLimit();
        }
    }

    @Override
    public TraceFunction traceCall(PyFrame frame) {
        // Not here: Jython calls this after making the new frame current and outside the code that would restore
        // the previous one. Every frame runs lines, so the first line of the new frame raises instead.
        return this;
    }

    @Override
    public TraceFunction traceLine(PyFrame frame, int line) {
        check();
        return this;
    }

    @Override
    public TraceFunction traceReturn(PyFrame frame, PyObject value) {
        return this;
    }

    @Override
    public TraceFunction traceException(PyFrame frame, PyException exception) {
        return this;
    }

    /** The error user code sees (a RuntimeError); without a Java stack trace, since it may be raised many times. */
    private static final class TimeLimit extends PyException {
        private static final long serialVersionUID = 1L;

        TimeLimit() {
            super(Py.RuntimeError, "time limit exceeded");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
