package com.krenalis.core.internal.loader;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.eventlog.EventLogListener;
import com.krenalis.core.internal.pipelines.PipelineServiceImpl;
import com.krenalis.core.internal.store.MetadataDatabase;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the event log into each workspace's warehouse table {@code events}, one batch per workspace at a time, in
 * seq order. A scheduler thread notices new events (woken by the log after each commit, and polling besides) and
 * hands workspaces with events past their cursor to a small pool of loaders.
 *
 * <p>A batch is: read the events after the workspace's cursor, {@link Warehouse#loadNew} them (rows whose messageId
 * is already there are skipped), then advance the cursor. A crash between the warehouse's commit and the cursor's
 * replays the batch, which adds nothing. A workspace whose warehouse fails keeps its cursor and is retried with
 * backoff; the others go on. Stopping lets running batches finish and starts no more; what is left stays in the log.
 *
 * <p>While the collector is saturated (the log says so with each commit), the loader steps back for a bounded time:
 * {@link LoadDeferral}.
 */
// Immediate: it must run whether or not anything looks the listener up (events may wait in the log from before).
@Component(service = EventLogListener.class, immediate = true)
@Designate(ocd = WarehouseLoaderConfig.class)
public final class WarehouseLoader implements EventLogListener {
    /** This consumer's name in {@code event_log_cursors}. */
    public static final String CONSUMER = "warehouse";
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLoader.class);
    private static final long RECONCILE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Event JSON per batch beyond which it ends early: 10,000 events of the collector's maximum size do not fit. */
    private static final long MAX_BATCH_CHARS = 16L << 20;

    private final MetadataDatabase db;
    private final WarehouseLookup warehouses;
    private final EventIdentityWriter identities; // null: events only (tests of the loader alone)
    private final long pollMillis;
    private final int batchSize;
    private final long maxRetryNanos;
    private final LoadDeferral deferral; // scheduler thread only; pauseAfter is pure
    private volatile boolean deferring;
    private volatile long saturatedSince; // when the log's commits started saying "saturated", 0 if the last did not
    private volatile long lastCommitAt;
    private volatile int deferralsSpent;
    private final Map<Long, WorkspaceLoad> loads = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final Thread scheduler;
    private final Object wakeLock = new Object();
    private boolean woken; // guarded by wakeLock
    private volatile boolean running = true;
    // Scheduler thread only:
    private long scannedTo = -1; // every event up to here has been seen by sawHead; -1: reconcile first
    private long nextReconcile;
    private boolean scanFailing;

    @Activate
    public WarehouseLoader(@Reference MetadataDatabase db, @Reference WorkspaceServiceImpl workspaces,
                           @Reference PipelineServiceImpl identities, WarehouseLoaderConfig config) {
        this(db, requireNonNull(workspaces)::warehouse, requireNonNull(identities), config);
    }

    WarehouseLoader(MetadataDatabase db, WarehouseLookup warehouses, WarehouseLoaderConfig config) {
        this(db, warehouses, null, config);
    }

    WarehouseLoader(MetadataDatabase db, WarehouseLookup warehouses, PipelineServiceImpl identities, WarehouseLoaderConfig config) {
        this.db = requireNonNull(db);
        this.warehouses = requireNonNull(warehouses);
        this.identities = identities == null ? null : new EventIdentityWriter(identities);
        this.pollMillis = Math.max(10, config.pollIntervalMillis());
        this.batchSize = Math.max(1, config.batchSize());
        this.maxRetryNanos = TimeUnit.SECONDS.toNanos(Math.max(1, config.maxRetryDelaySeconds()));
        this.deferral = new LoadDeferral(TimeUnit.SECONDS.toNanos(Math.max(0, config.maxDeferSeconds())),
                Math.max(1, Math.min(100, config.deferSharePercent())));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.threads()), r -> {
            Thread t = new Thread(r, "krenalis-warehouse-loader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler = new Thread(this::schedule, "krenalis-warehouse-loader");
        this.scheduler.setDaemon(true);
        this.scheduler.start();
    }

    @Override
    public void eventsCommitted(boolean saturated) {
        long now = System.nanoTime();
        lastCommitAt = now;
        if (!saturated) {
            saturatedSince = 0;
        } else if (saturatedSince == 0) {
            saturatedSince = now == 0 ? 1 : now;
        }
        wake();
    }

    /** Whether the loader is stepping back for the collector now. */
    boolean deferring() {
        return deferring;
    }

    /** How many times it stepped back for as long as it may (for tests). */
    int deferralsSpent() {
        return deferralsSpent;
    }

    private void wake() {
        synchronized (wakeLock) {
            woken = true;
            wakeLock.notifyAll();
        }
    }

    /** Waits for a wake-up or the poll interval, whichever comes first. */
    private void pause() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollMillis);
        synchronized (wakeLock) {
            long left;
            while (!woken && running && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(wakeLock, left);
            }
            woken = false;
        }
    }

    private void schedule() {
        while (running) {
            try {
                look();
                decideDeferral();
                dispatch();
                if (scanFailing) {
                    scanFailing = false;
                    LOG.info("The warehouse loader reads the event log again");
                }
            } catch (RuntimeException e) {
                if (!scanFailing) {
                    scanFailing = true;
                    LOG.warn("The warehouse loader cannot read the event log; retrying: {}", e.getMessage());
                }
            }
            try {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Learns which workspaces have events past their cursor: all of them now and then, else only what is new. */
    private void look() {
        long now = System.nanoTime();
        if (scannedTo < 0 || now - nextReconcile >= 0) {
            db.transaction(c -> {
                long head = EventLogReader.head(c); // first: events after it are the next scan's
                List<EventLogReader.Position> positions = EventLogReader.positions(c, CONSUMER);
                loads.keySet().retainAll(positions.stream().map(EventLogReader.Position::workspaceId).collect(Collectors.toSet()));
                for (EventLogReader.Position p : positions) {
                    WorkspaceLoad load = load(p.workspaceId());
                    load.sawCursor(p.cursor());
                    load.sawHead(p.head());
                }
                scannedTo = Math.max(scannedTo, head);
                return null;
            });
            nextReconcile = now + RECONCILE_NANOS;
            return;
        }
        Map<Long, Long> heads = db.transaction(c -> EventLogReader.headsAfter(c, scannedTo));
        heads.forEach((workspace, seq) -> {
            load(workspace).sawHead(seq);
            scannedTo = Math.max(scannedTo, seq);
        });
    }

    private void decideDeferral() {
        long now = System.nanoTime();
        // A collector that stopped committing is not saturated, whatever its last commit said.
        long since = now - lastCommitAt > LoadDeferral.SATURATED_FOR_NANOS ? 0 : saturatedSince;
        boolean behind = loads.values().stream().anyMatch(WorkspaceLoad::behind);
        switch (deferral.update(now, since, behind)) {
            case STARTED -> LOG.debug("The collector is saturated: the warehouse loader steps back to {} % of its time",
                    deferral.sharePercent());
            case STOPPED -> {
                loads.values().forEach(WorkspaceLoad::resume);
                LOG.debug("The warehouse loader loads at full speed again");
            }
            case SPENT -> {
                loads.values().forEach(WorkspaceLoad::resume);
                deferralsSpent++;
                LOG.info("The warehouse loader stepped back for the saturated collector for {} s: it now loads at full "
                        + "speed until it has caught up", TimeUnit.NANOSECONDS.toSeconds(deferral.maxDeferNanos()));
            }
            case NONE -> {
            }
        }
        deferring = deferral.deferring();
    }

    private WorkspaceLoad load(long workspaceId) {
        return loads.computeIfAbsent(workspaceId, WorkspaceLoad::new);
    }

    private void dispatch() {
        long now = System.nanoTime();
        for (WorkspaceLoad load : loads.values()) {
            if (running && load.tryStart(now)) {
                workers.execute(() -> loadBatch(load));
            }
        }
    }

    /** One batch for one workspace, on a worker thread. */
    private void loadBatch(WorkspaceLoad load) {
        long workspace = load.workspaceId;
        if (!running) {
            return; // queued before the stop: left for the next start
        }
        long started = System.nanoTime();
        try {
            Optional<Warehouse> found = warehouses.of(workspace);
            if (found.isEmpty()) {
                loads.remove(workspace, load); // deleted: its events stay in the log until their partition goes
                LOG.debug("Workspace {} is gone; not loading its events", workspace);
                return;
            }
            Warehouse warehouse = found.get();
            if (!load.tableReadyIn(warehouse)) {
                List<String> ddl = warehouse.apply(List.of(EventsTable.DEFINITION));
                if (!ddl.isEmpty()) {
                    LOG.info("Workspace {}: table {} created or extended in warehouse namespace {} ({} statements)",
                            workspace, EventsTable.NAME, warehouse.namespace(), ddl.size());
                    LOG.debug("Workspace {}: {}", workspace, ddl);
                }
                load.tableReady(warehouse);
            }
            long seen = load.head(); // before reading: the read sees every event up to it (one log writer)
            EventLogReader.Batch batch = db.transaction(c -> EventLogReader.read(c, CONSUMER, workspace, batchSize,
                    MAX_BATCH_CHARS));
            if (!batch.entries().isEmpty()) {
                List<Object[]> rows = batch.entries().stream().map(EventsTable::row).toList();
                if (identities != null) {
                    identities.assignKpids(warehouse, rows); // so that each event is written once, with its KPID
                }
                warehouse.loadNew(EventsTable.NAME, EventsTable.LOADED_COLUMNS, EventsTable.KEY, rows.iterator());
                if (identities != null) {
                    // Idempotent like the load: a replayed batch upserts the same identities again.
                    identities.write(workspace, warehouse, batch.entries());
                }
                db.transaction(c -> {
                    EventLogCursors.advance(c, CONSUMER, workspace, batch.lastSeq());
                    return null;
                });
                if (deferring) {
                    long now = System.nanoTime();
                    load.pauseUntil(now + deferral.pauseAfter(now - started));
                }
            }
            // Nothing after the cursor means nothing up to what was seen either (events of a dropped partition).
            int failedBefore = load.succeeded(batch.entries().isEmpty() ? Math.max(seen, batch.cursor()) : batch.lastSeq());
            if (failedBefore > 0) {
                LOG.info("Workspace {}: loading events into the warehouse works again (after {} failed attempts)",
                        workspace, failedBefore);
            }
        } catch (WarehouseException | RuntimeException e) {
            failed(load, e);
        } finally {
            wake(); // the scheduler hands out the next batch at once
        }
    }

    private void failed(WorkspaceLoad load, Exception e) {
        int failures = load.failed(System.nanoTime(), maxRetryNanos);
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        if (failures == 1) {
            LOG.warn("Workspace {}: loading events into the warehouse fails; its events wait in the log and are "
                    + "retried with backoff: {}", load.workspaceId, reason);
            try {
                db.transaction(c -> {
                    EventLogCursors.failing(c, CONSUMER, load.workspaceId, reason);
                    return null;
                });
            } catch (RuntimeException recordFailed) {
                LOG.debug("Could not record the failure of workspace {}: {}", load.workspaceId, recordFailed.getMessage());
            }
        } else {
            LOG.debug("Workspace {}: attempt {} failed: {}", load.workspaceId, failures, reason);
        }
    }

    /** Running batches finish (warehouse and cursor both committed); no new batch starts. */
    @Deactivate
    public void stop() throws InterruptedException {
        running = false;
        wake();
        scheduler.join(TimeUnit.SECONDS.toMillis(30));
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
            LOG.warn("Warehouse loads still running after 60 s at shutdown; they are interrupted (their events "
                    + "stay in the log and are loaded after the restart)");
            workers.shutdownNow();
        }
    }
}
