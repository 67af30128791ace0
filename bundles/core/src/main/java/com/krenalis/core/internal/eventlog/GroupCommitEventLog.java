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
 * The event log with group commit: requests queue their events and wait; one writer thread takes everything queued
 * while the previous transaction was committing and writes it in one transaction. Under load, transactions grow
 * instead of multiplying, and each fsync acknowledges many requests. A full queue or an unreachable database fails
 * the append at once (the collector answers 503 with Retry-After; clients retry, and messageId dedup makes that safe).
 */
@Component(service = EventLog.class)
@Designate(ocd = EventLogConfig.class)
public final class GroupCommitEventLog implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitEventLog.class);

    private final MetadataDatabase db;
    private final int maxQueued;
    private final int maxPerCommit;
    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final AtomicLong commits = new AtomicLong();
    private final List<EventLogListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean running = true;
    private LocalDate partitionsReadyFor;

    @Activate
    public GroupCommitEventLog(@Reference MetadataDatabase db, EventLogConfig config) {
        this.db = requireNonNull(db);
        this.maxQueued = config.maxQueuedEvents();
        this.maxPerCommit = config.maxEventsPerCommit();
        ensurePartitions();
        this.writer = new Thread(this::run, "krenalis-event-log-writer");
        this.writer.start();
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
            List<PendingAppend> group;
            try {
                group = nextGroup();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!group.isEmpty()) {
                commit(group);
            }
        }
    }

    /** Blocks for the first pending append, then takes what else is queued, up to the per-commit limit. */
    private List<PendingAppend> nextGroup() throws InterruptedException {
        PendingAppend first = queue.poll(200, TimeUnit.MILLISECONDS);
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

    private void commit(List<PendingAppend> group) {
        int events = group.stream().mapToInt(p -> p.events().size()).sum();
        try {
            ensurePartitions();
            List<AppendResult> results = db.transaction(c -> EventLogWriter.write(c, group));
            commits.incrementAndGet();
            int stored = 0;
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(results.get(i));
                stored += results.get(i).stored();
            }
            if (stored > 0) {
                notifyListeners();
            }
        } catch (RuntimeException e) {
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

    private void notifyListeners() {
        for (EventLogListener listener : listeners) {
            try {
                listener.eventsCommitted();
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
        running = false; // the writer sees it within one poll (200 ms), after writing what is queued
        writer.join(30_000);
        PendingAppend left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new UnavailableException("the server is shutting down"));
        }
    }
}
