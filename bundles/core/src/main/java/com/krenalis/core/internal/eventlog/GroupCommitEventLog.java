package com.krenalis.core.internal.eventlog;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.EventLog;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.core.internal.store.MetadataDatabase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log with group commit: requests queue their events and wait; a writer takes everything queued while the
 * previous transaction was being written and writes it in one transaction. Under load, transactions grow instead of
 * multiplying, and each fsync acknowledges many requests. A full queue or an unreachable database fails the append
 * at once (the collector answers 503 with Retry-After; clients retry, and messageId dedup makes that safe).
 *
 * <p>Three writer threads, each on its own connection, pipeline the groups through three stages, one group per
 * stage at a time and each stage in the order the groups were taken: taking a group and recording its messageIds
 * ({@code dedupLock}), COPYing its new events ({@code copyTurns}), committing ({@code commitTurns}). So group k+1
 * records its messageIds while group k is COPYed and group k-1 waits for its fsync. COPYs run one at a time and in
 * order (like one connection's), so each group's seqs (drawn from the sequence during its COPY) are above the
 * previous group's; commits run in the same order, so that group is visible first: commit order is seq order, which
 * the log's readers rely on (a consumer's "seq > cursor" misses nothing). A group that fails still takes its turns,
 * so that none overtakes it. A group whose dedup insert waits for the previous group's uncommitted messageIds (a
 * retried request) cannot deadlock: no group ever waits for a later one.
 *
 * <p>The log is saturated when, over the last full second, its dedup inserts and COPYs took nine tenths of the time
 * or more: one writer doing them one after the other would never wait for appends, requests queue up as fast as they
 * are written. (Each stage alone is not a measure: on a machine short of CPU, no stage is busy all the time.)
 */
@Component(service = EventLog.class)
@Designate(ocd = EventLogConfig.class)
public final class GroupCommitEventLog implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitEventLog.class);
    private static final long SATURATION_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** One per stage: more would only wait for their turn. */
    private static final int WRITERS = 3;

    private final MetadataDatabase db;
    private final int maxQueued;
    private final int maxPerCommit;
    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final AtomicLong commits = new AtomicLong();
    private final List<EventLogListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;
    /** Held while taking a group and recording its messageIds. */
    private final ReentrantLock dedupLock = new ReentrantLock();
    // Guarded by dedupLock:
    private LocalDate partitionsReadyFor;
    private long nextTicket; // the write order of the next group
    private final Object window = new Object();
    private long windowStart = System.nanoTime(); // guarded by window: how much of the current second the dedup
    private long windowBusy; //                      inserts and COPYs took, together
    private volatile boolean saturated; // they took nine tenths of the last full window or more
    private final Turns copyTurns = new Turns();
    private final Turns commitTurns = new Turns();

    @Activate
    public GroupCommitEventLog(@Reference MetadataDatabase db, EventLogConfig config) {
        this.db = requireNonNull(db);
        this.maxQueued = config.maxQueuedEvents();
        this.maxPerCommit = config.maxEventsPerCommit();
        dedupLock.lock();
        try {
            ensurePartitions();
        } finally {
            dedupLock.unlock();
        }
        for (int i = 1; i <= WRITERS; i++) {
            Thread writer = new Thread(this::run, "krenalis-event-log-writer-" + i);
            writers.add(writer);
            writer.start();
        }
    }

    @Override
    public CompletionStage<AppendResult> append(long workspaceId, long connectionId, List<Event> events) {
        CompletableFuture<AppendResult> done = new CompletableFuture<>();
        if (events.isEmpty()) {
            done.complete(new AppendResult(0, 0));
            return done;
        }
        if (!running) {
            done.completeExceptionally(new UnavailableException("the server is shutting down"));
            return done;
        }
        if (queuedEvents.addAndGet(events.size()) > maxQueued) {
            queuedEvents.addAndGet(-events.size());
            done.completeExceptionally(new UnavailableException("the server is overloaded: too many events wait to be written"));
            return done;
        }
        List<Event> copy = List.copyOf(events);
        UUID[] keys = new UUID[copy.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = MessageKeys.of(workspaceId, copy.get(i).messageId());
        }
        queue.add(new PendingAppend(workspaceId, connectionId, copy, keys, done));
        return done;
    }

    /** Consumers to wake after each commit (whiteboard). */
    @Reference(name = "listeners", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addListener(EventLogListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EventLogListener listener) {
        listeners.remove(listener);
    }

    /** Transactions committed so far (group commit shows as far fewer commits than appends). */
    public long commits() {
        return commits.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                writeAndCommitNext();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Takes the next group through the three stages (see the class comment). */
    private void writeAndCommitNext() throws InterruptedException {
        dedupLock.lockInterruptibly();
        List<PendingAppend> group;
        try {
            group = nextGroup();
        } catch (InterruptedException | RuntimeException e) {
            dedupLock.unlock();
            throw e;
        }
        if (group.isEmpty()) {
            dedupLock.unlock();
            return;
        }
        long ticket = nextTicket++;
        int events = group.stream().mapToInt(p -> p.events().size()).sum();
        try {
            ensurePartitions();
            List<AppendResult> results = db.transaction(c -> {
                long dedupFrom = System.nanoTime();
                Set<UUID> fresh = EventLogWriter.dedup(c, group);
                busy(dedupFrom, System.nanoTime());
                dedupLock.unlock(); // the next group may record its messageIds while this one is COPYed
                copyTurns.await(ticket);
                long copyFrom = System.nanoTime();
                try {
                    return EventLogWriter.copy(c, group, fresh);
                } finally {
                    busy(copyFrom, System.nanoTime());
                    copyTurns.end(ticket);
                    commitTurns.await(ticket);
                }
            });
            commitTurns.end(ticket);
            commits.incrementAndGet();
            int stored = 0;
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(results.get(i));
                stored += results.get(i).stored();
            }
            if (stored > 0) {
                notifyListeners(saturated);
            }
        } catch (RuntimeException e) {
            // Nothing of the group was committed (or, if the connection broke during COMMIT, maybe all of it:
            // either way a retry is safe, duplicates being dropped by messageId).
            UnavailableException failure = e instanceof UnavailableException u ? u
                    : new UnavailableException("events could not be written: " + e.getMessage(), e);
            LOG.warn("Writing {} events failed: {}", events, e.getMessage());
            group.forEach(p -> p.done().completeExceptionally(failure));
        } finally {
            // Whatever happened (an Error too), the group gives up its turns, or every later group would wait forever.
            if (dedupLock.isHeldByCurrentThread()) {
                dedupLock.unlock(); // failed before its COPY
            }
            copyTurns.endInTurn(ticket);
            commitTurns.endInTurn(ticket);
            queuedEvents.addAndGet(-events);
        }
    }

    /** One stage's order: group k takes its turn after group k-1 ended its own. */
    private static final class Turns {
        private long ended = -1; // guarded by this

        /** Waits until every earlier group has ended this stage (not interruptible: turns are short). */
        synchronized void await(long ticket) {
            boolean interrupted = false;
            while (ended < ticket - 1) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void end(long ticket) {
            if (ended < ticket) {
                ended = ticket;
                notifyAll();
            }
        }

        /** For a group that failed: waits for its turn unless it has had it, and ends it. */
        synchronized void endInTurn(long ticket) {
            if (ended < ticket) {
                await(ticket);
                end(ticket);
            }
        }
    }

    /** Blocks for the first pending append, then takes what else is queued, up to the per-commit limit. */
    private List<PendingAppend> nextGroup() throws InterruptedException {
        PendingAppend first = queue.poll(200, TimeUnit.MILLISECONDS);
        busy(0, 0); // closes the window when nothing else does
        List<PendingAppend> group = new ArrayList<>();
        if (first == null) {
            return group;
        }
        group.add(first);
        int events = first.events().size();
        PendingAppend next;
        while (events < maxPerCommit && (next = queue.peek()) != null && events + next.events().size() <= maxPerCommit) {
            group.add(queue.poll());
            events += next.events().size();
        }
        return group;
    }

    /** Counts a dedup insert's or a COPY's time into the window; a full window decides whether the log is saturated. */
    private void busy(long from, long to) {
        long now = System.nanoTime();
        synchronized (window) {
            windowBusy += to - from;
            long length = now - windowStart;
            if (length >= SATURATION_WINDOW_NANOS) {
                saturated = windowBusy * 10 >= length * 9;
                windowStart = now;
                windowBusy = 0;
            }
        }
    }

    private void notifyListeners(boolean saturated) {
        for (EventLogListener listener : listeners) {
            try {
                listener.eventsCommitted(saturated);
            } catch (RuntimeException e) {
                LOG.warn("An event log listener failed: {}", e.toString()); // it polls too: a lost wake-up only delays
            }
        }
    }

    private void ensurePartitions() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        if (!today.equals(partitionsReadyFor)) {
            db.transaction(c -> {
                EventLogPartitions.ensure(c, today);
                return null;
            });
            partitionsReadyFor = today;
        }
    }

    /** Stops taking appends and writes what is queued before returning (the shutdown drain). */
    @Deactivate
    public void stop() throws InterruptedException {
        running = false; // the writers see it within one poll (200 ms), after writing what is queued
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread writer : writers) {
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        PendingAppend left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new UnavailableException("the server is shutting down"));
        }
    }
}
