package com.krenalis.transform.python.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads Python code runs on: never the caller's, so that a call that cannot be stopped holds only a worker.
 * Idle workers are kept briefly and reused; a stuck one just stays busy while the pool makes others.
 */
final class WorkerThreads {
    /** Enough for Jython's recursion limit (1000 Python frames) to be reached before the Java stack ends. */
    static final long STACK_SIZE = 16L << 20;

    private WorkerThreads() {
    }

    static ExecutorService create(ClassLoader loader) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(null, task, "krenalis-python-" + count.incrementAndGet(), STACK_SIZE);
            thread.setDaemon(true);
            // Jython loads its own classes and standard library through the bundle's class loader.
            thread.setContextClassLoader(loader);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }
}
