package com.krenalis.core.internal.eventlog;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.EventLog;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.core.internal.store.MetadataDatabase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Two writer threads, each on its own connection, pipeline the groups: while one commits (waits for its fsync),
 * the other takes and writes the next group. Writing — taking a group, the dedup insert and the COPY — is serialised
 * by {@code writeLock}, and groups commit in the order they were written ({@code commitTurns}). So every group's seqs
 * (drawn from the sequence during its COPY) are above the previous group's, and that group is visible first: commit
 * order is seq order, which the log's readers rely on (a consumer's "seq > cursor" misses nothing). A group that
 * fails still waits for its turn, so that the next cannot overtake a group still committing. A group whose dedup
 * insert waits for the previous group's uncommitted messageIds (a retried request) cannot deadlock: the previous
 * group never waits for a later one.
 *
 * <p>The log is saturated when, over the last full second, the writer holding the write lock waited for appends less
 * than a tenth of the time: requests queue up as fast as it writes them.
 */
@Component(service = EventLog.class)
@Designate(ocd = EventLogConfig.class)
public final class GroupCommitEventLog implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitEventLog.class);
    private static final long SATURATION_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** One writes while the other commits: more would only wait for the write lock. */
    private static final int WRITERS = 2;

    private final MetadataDatabase db;
    private final int maxQueued;
    private final int maxPerCommit;
    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final AtomicLong commits = new AtomicLong();
    private final List<EventLogListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;
    /** Held while taking and writing a group (not while committing it). */
    private final ReentrantLock writeLock = new ReentrantLock();
    // Guarded by writeLock:
    private LocalDate partitionsReadyFor;
    private long nextTicket; // the write order of the next group
    private long windowStart = System.nanoTime(); // how much of the current second writing waited for appends
    private long windowIdle;
    private volatile boolean saturated; // the last full window waited less than a tenth of the time
    private final Turns commitTurns = new Turns();

    @Activate
    public GroupCommitEventLog(@Reference MetadataDatabase db, EventLogConfig config) {
        this.db = requireNonNull(db);
        this.maxQueued = config.maxQueuedEvents();
        this.maxPerCommit = config.maxEventsPerCommit();
        writeLock.lock();
        try {
            ensurePartitions();
        } finally {
            writeLock.unlock();
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
        queue.add(new PendingAppend(workspaceId, connectionId, List.copyOf(events), done));
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

    /**
     * Under the write lock: takes the next group and writes it in a transaction. Then, the lock released, waits for
     * the group written before to end, and commits.
     */
    private void writeAndCommitNext() throws InterruptedException {
        writeLock.lockInterruptibly();
        List<PendingAppend> group;
        try {
            group = nextGroup();
        } catch (InterruptedException | RuntimeException e) {
            writeLock.unlock();
            throw e;
        }
        if (group.isEmpty()) {
            writeLock.unlock();
            return;
        }
        long ticket = nextTicket++;
        int events = group.stream().mapToInt(p -> p.events().size()).sum();
        try {
            ensurePartitions();
            List<AppendResult> results = db.transaction(c -> {
                List<AppendResult> r = EventLogWriter.copy(c, group, EventLogWriter.dedup(c, group));
                writeLock.unlock(); // the next group may be written while this one commits
                commitTurns.await(ticket);
                return r;
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
            if (writeLock.isHeldByCurrentThread()) {
                writeLock.unlock(); // failed while writing
            }
            commitTurns.endInTurn(ticket);
            // Nothing of the group was committed (or, if the connection broke during COMMIT, maybe all of it:
            // either way a retry is safe, duplicates being dropped by messageId).
            UnavailableException failure = e instanceof UnavailableException u ? u
                    : new UnavailableException("events could not be written: " + e.getMessage(), e);
            LOG.warn("Writing {} events failed: {}", events, e.getMessage());
            group.forEach(p -> p.done().completeExceptionally(failure));
        } finally {
            queuedEvents.addAndGet(-events);
        }
    }

    /** The commit order: group k takes its turn after group k-1 ended its own. */
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
        long waitFrom = System.nanoTime();
        PendingAppend first = queue.poll(200, TimeUnit.MILLISECONDS);
        waited(waitFrom, System.nanoTime());
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

    /** Counts the wait for appends into the window; a full window decides whether the log is saturated. */
    private void waited(long from, long to) {
        windowIdle += to - from;
        long window = to - windowStart;
        if (window >= SATURATION_WINDOW_NANOS) {
            saturated = windowIdle * 10 < window;
            windowStart = to;
            windowIdle = 0;
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
