package com.krenalis.transform.javascript.internal;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by a thread so far, from HotSpot's per-thread counters ({@code com.sun.management}, reached through
 * the framework's boot delegation of {@code com.sun.*}). Where the JVM has no such counters, every reading is 0, so
 * no allocation limit ever fires and only the time limit bounds a call.
 */
final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    static AllocationMeter create() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                    && threads.isThreadAllocatedMemorySupported()) {
                threads.setThreadAllocatedMemoryEnabled(true);
                return new AllocationMeter(threads);
            }
        } catch (LinkageError | UnsupportedOperationException | SecurityException e) {
            // not HotSpot, or jdk.management absent: no counters
        }
        return new AllocationMeter(null);
    }

    boolean supported() {
        return threads != null;
    }

    long ofCurrentThread() {
        return threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
    }

    /** -1 once the thread has ended. */
    long ofThread(long threadId) {
        return threads == null ? 0 : threads.getThreadAllocatedBytes(threadId);
    }
}
