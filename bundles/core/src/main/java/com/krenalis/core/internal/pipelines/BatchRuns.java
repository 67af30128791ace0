package com.krenalis.core.internal.pipelines;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.FileStorage;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.pipelines.Pipeline;
import com.krenalis.api.pipelines.PipelineRun;
import com.krenalis.api.pipelines.Step;
import com.krenalis.api.pipelines.StepCounts;
import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.profiles.IdentityRecord;
import com.krenalis.api.profiles.IdentityStore;
import com.krenalis.core.internal.connections.ConnectionServiceImpl;
import com.krenalis.core.internal.identity.IdentityResolutionServiceImpl;
import com.krenalis.core.internal.identity.IdentityStoreImpl;
import com.krenalis.core.internal.pipelines.PipelineRepository.Failure;
import com.krenalis.core.internal.store.MetadataDatabase;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs of batch pipelines: a record source read in full or from the stored cursor, its records processed in batches
 * (bounded memory: the source's thread waits while a batch is processed and written) and written as identities, with
 * progress saved after every batch. One run per pipeline at a time (the metadata database enforces it); runs a
 * stopped server left running are marked failed at start; scheduled pipelines are started when due.
 */
final class BatchRuns {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRuns.class);
    private static final int MAX_ERRORS_PER_BATCH = 100;

    private final PipelineServiceImpl pipelines;
    private final MetadataDatabase db;
    private final ConnectionServiceImpl connections;
    private final IdentityStoreImpl identities;
    private final IdentityResolutionServiceImpl resolution;
    private final int batchSize;
    /** Warehouse connections each run writes on at once. */
    private final int writeThreads;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, AtomicBoolean> cancels = new ConcurrentHashMap<>(); // by run id, runs of this process
    private final Set<Long> runningPipelines = ConcurrentHashMap.newKeySet();

    BatchRuns(PipelineServiceImpl pipelines, MetadataDatabase db, ConnectionServiceImpl connections, IdentityStoreImpl identities,
              IdentityResolutionServiceImpl resolution, int batchSize, int threads, int writeThreads, int schedulerSeconds) {
        this.writeThreads = writeThreads;
        this.pipelines = pipelines;
        this.db = db;
        this.connections = connections;
        this.identities = identities;
        this.resolution = resolution;
        this.batchSize = batchSize;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "krenalis-pipeline-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "krenalis-pipeline-scheduler");
            t.setDaemon(true);
            return t;
        });
        try {
            for (long id : db.transaction(PipelineRepository::failAbandoned)) {
                LOG.info("Pipeline run {} was left running by the previous process: marked failed", id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not settle pipeline runs left running: {}", e.getMessage());
        }
        scheduler.scheduleWithFixedDelay(this::startDue, schedulerSeconds, schedulerSeconds, TimeUnit.SECONDS);
    }

    void stop() {
        scheduler.shutdownNow();
        cancels.values().forEach(c -> c.set(true));
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning(long pipelineId) {
        return runningPipelines.contains(pipelineId) || db.transaction(c -> PipelineRepository.hasRunning(c, pipelineId));
    }

    void cancel(long runId) {
        AtomicBoolean flag = cancels.get(runId);
        if (flag != null) {
            flag.set(true);
        }
    }

    private void startDue() {
        try {
            for (Pipeline p : db.transaction(PipelineRepository::due)) {
                try {
                    start(p, PipelineRun.Trigger.SCHEDULE);
                } catch (RuntimeException e) {
                    LOG.warn("Scheduled run of pipeline {} of workspace {} not started: {}", p.id(), p.workspaceId(), e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for scheduled pipelines: {}", e.getMessage());
        }
    }

    PipelineRun start(Pipeline p, PipelineRun.Trigger trigger) {
        if (!p.enabled()) {
            throw new ConflictException("pipeline " + p.id() + " is disabled" + (p.disabledReason() == null ? ""
                    : " (" + p.disabledReason() + ")"));
        }
        ConnectionServiceImpl.Opened opened;
        try {
            opened = connections.open(p.workspaceId(), p.connectionId());
        } catch (IllegalStateException e) { // its connector is not installed (now), or its settings no longer validate
            throw new ConflictException("pipeline " + p.id() + " cannot run: " + e.getMessage());
        }
        if (!(opened.connector() instanceof RecordSource) && !(opened.connector() instanceof FileStorage)) {
            throw new InvalidInputException("pipeline", "pipeline " + p.id() + " processes events as they arrive: it has no runs");
        }
        PipelineServiceImpl.Prepared prepared;
        String unavailable = null;
        try {
            prepared = pipelines.prepare(p).orElseThrow(() -> new ConflictException(
                    "pipeline " + p.id() + " was disabled: its definition no longer fits (see its disabledReason)"));
        } catch (PipelineServiceImpl.SourceUnavailableException e) {
            prepared = null;
            unavailable = e.getMessage();
        }
        boolean incremental = p.incremental() && prepared != null && prepared.source().supportsIncremental();
        String cursor = incremental ? db.transaction(c -> PipelineRepository.cursor(c, p.id())) : null;
        long runId;
        try {
            runId = db.transaction(c -> PipelineRepository.startRun(c, p, trigger, incremental));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new ConflictException("pipeline " + p.id() + " has a run going on");
            }
            throw e;
        }
        if (prepared == null) { // the source could not be asked for its schema: the run fails at once, saying why
            String why = unavailable;
            db.transaction(c -> {
                PipelineRepository.endRun(c, runId, PipelineRun.State.FAILED, why, 0);
                return null;
            });
            LOG.warn("Pipeline {} of workspace {}: run {} failed: {}", p.id(), p.workspaceId(), runId, unavailable);
            return db.transaction(c -> PipelineRepository.run(c, p.workspaceId(), runId)).orElseThrow();
        }
        CompiledPipeline compiled = prepared.compiled();
        PipelineSources.Bound source = prepared.source();
        AtomicBoolean cancelled = new AtomicBoolean();
        cancels.put(runId, cancelled);
        runningPipelines.add(p.id());
        workers.execute(() -> {
            try {
                execute(p, compiled, source, cursor, runId, cancelled);
            } finally {
                cancels.remove(runId);
                runningPipelines.remove(p.id());
            }
        });
        return db.transaction(c -> PipelineRepository.run(c, p.workspaceId(), runId)).orElseThrow();
    }

    private void execute(Pipeline p, CompiledPipeline compiled, PipelineSources.Bound source, String cursor, long runId,
                         AtomicBoolean cancelled) {
        boolean full = cursor == null;
        LOG.info("Pipeline {} ({}) of workspace {}: run {} started ({})", p.id(), p.name(), p.workspaceId(), runId,
                full ? "full" : "incremental");
        // A full run lists what it sees to remove the rest afterwards; a pipeline without identities yet has nothing
        // to remove (every identity it will have is this run's), so its first load lists nothing and inserts.
        boolean prunes;
        try {
            prunes = full && identities.hasIdentities(p.workspaceId(), p.connectionId(), p.id());
        } catch (RuntimeException e) {
            end(p, runId, PipelineRun.State.FAILED, CompiledPipeline.message(e), null, 0);
            return;
        }
        Batches batches = new Batches(p, compiled, runId, cancelled, prunes);
        batches.fresh.set(full && !prunes);
        try {
            if (prunes) {
                identities.beginSeen(p.workspaceId(), p.id());
            }
            ReadResult result = source.read(cursor, batches);
            batches.flush();
            batches.finish();
            if (batches.brokenReason != null) {
                batches.saveProgress();
                end(p, runId, PipelineRun.State.FAILED, batches.brokenReason, batches, 0);
                return;
            }
            if (cancelled.get()) {
                batches.saveProgress();
                end(p, runId, PipelineRun.State.CANCELLED, null, batches, 0);
                return;
            }
            batches.total = result.total();
            batches.saveProgress();
            long removed = 0;
            String warning = null;
            if (prunes) {
                // Only a complete picture of the source says what disappeared: a record that could not be read at all
                // (a malformed row) has no known identity, so nothing is removed after such a run.
                if (batches.unreadable > 0) {
                    warning = "identities not pruned: " + batches.unreadable + " records could not be read, so the "
                            + "identities missing from the source cannot be told";
                } else {
                    removed = identities.pruneUnseen(p.workspaceId(), p.connectionId(), p.id());
                }
            }
            if (result.cursor() != null) {
                db.transaction(c -> {
                    PipelineRepository.saveCursor(c, p.id(), result.cursor());
                    return null;
                });
            }
            end(p, runId, PipelineRun.State.SUCCEEDED, warning, batches, removed);
            resolution.importFinished(p.workspaceId());
        } catch (ConnectorException | RuntimeException e) {
            LOG.warn("Pipeline {} of workspace {}: run {} failed", p.id(), p.workspaceId(), runId, e);
            try {
                batches.finish(); // what was handed to the writer is written, so that the counts say what is there
            } catch (RuntimeException writerFailedToo) {
                // The first error is the one to report.
            }
            try {
                batches.saveProgress();
            } catch (RuntimeException ignored) {
                // The error below is what matters; the counts may lag.
            }
            // A failed write cancels the read too (no point reading on), but the run failed: it was not cancelled.
            boolean byUser = cancelled.get() && batches.writerFailure == null;
            Throwable cause = batches.writerFailure != null ? batches.writerFailure : e;
            end(p, runId, byUser ? PipelineRun.State.CANCELLED : PipelineRun.State.FAILED,
                    byUser ? null : CompiledPipeline.message(cause), batches, 0);
        } finally {
            if (prunes) {
                try {
                    identities.dropSeen(p.workspaceId(), p.id());
                } catch (RuntimeException e) {
                    LOG.warn("Pipeline {} of workspace {}: could not drop the list of identities seen by run {}: {}",
                            p.id(), p.workspaceId(), runId, e.getMessage());
                }
            }
        }
    }

    private void end(Pipeline p, long runId, PipelineRun.State state, String error, Batches b, long removed) {
        // Before the state says the run ended: a client that sees it ended may delete the pipeline or start it again.
        runningPipelines.remove(p.id());
        cancels.remove(runId);
        db.transaction(c -> {
            PipelineRepository.endRun(c, runId, state, error, removed);
            return null;
        });
        StepCounts counts = b == null ? StepCounts.ZERO : b.counts;
        LOG.info("Pipeline {} of workspace {}: run {} {}: {} received, {} written, {} failed, {} removed{}", p.id(),
                p.workspaceId(), runId, state.key(), counts.received(), counts.written(), counts.failed(), removed,
                error == null ? "" : " (" + error + ")");
    }

    /** Batches processed but not yet written, at most: the warehouse writes one while the source reads the next. */
    private static final int WRITES_AHEAD = 2;

    /**
     * The sink the source delivers to: records gathered into batches, each processed on the source's thread and
     * written by the run's writer thread.
     */
    private final class Batches implements RecordSink {
        private final Pipeline pipeline;
        private final CompiledPipeline compiled;
        private final long runId;
        private final AtomicBoolean cancelled;
        private final List<SourceRecord> batch = new ArrayList<>();
        private final List<Failure> rejected = new ArrayList<>();
        private volatile StepCounts counts = StepCounts.ZERO;
        private volatile long total = -1;
        private volatile long lastSave = System.nanoTime();
        /** When progress was last written to the server log (every 10 s while a run goes on). */
        private volatile long lastLog = System.nanoTime();
        private String brokenReason;
        /** Whether the run lists the identities it sees, to remove the others when it succeeds. */
        private final boolean listsSeen;
        /** Whether the run may insert without looking for existing identities (see IdentityStoreImpl.writeBatch). */
        private final java.util.concurrent.atomic.AtomicBoolean fresh = new java.util.concurrent.atomic.AtomicBoolean();
        /** Records the source could not read (no identity known). */
        private long unreadable;
        /** The freshness of records whose source has no update time: when the run started. */
        private final Instant startedAt = Instant.now();
        /** Writes processed batches in order, one at a time; the source's thread reads and processes meanwhile. */
        private final List<ExecutorService> writers = new ArrayList<>();
        private final java.util.concurrent.Semaphore backlog = new java.util.concurrent.Semaphore(WRITES_AHEAD);
        private volatile Throwable writerFailure;

        Batches(Pipeline pipeline, CompiledPipeline compiled, long runId, AtomicBoolean cancelled, boolean listsSeen) {
            this.pipeline = pipeline;
            this.compiled = compiled;
            this.runId = runId;
            this.cancelled = cancelled;
            this.listsSeen = listsSeen;
            for (int k = 0; k < writeThreads; k++) {
                String name = "krenalis-run-" + runId + "-writer-" + (k + 1);
                writers.add(Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                }));
            }
        }

        @Override
        public void accept(SourceRecord record) {
            batch.add(record);
            if (batch.size() >= batchSize) {
                flush();
            }
        }

        @Override
        public void reject(String recordKey, String message) {
            unreadable++;
            rejected.add(new Failure(recordKey, Step.RECEIVE, message));
            if (rejected.size() >= batchSize) {
                flush();
            }
        }

        @Override
        public void total(long records) {
            if (records >= 0) {
                total = records;
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled.get();
        }

        /**
         * Processes the batch in hand on the source's thread, then hands its write to the run's writer threads, each
         * a part of it on its own warehouse connection: the warehouse writes while the next batch is read and
         * processed. At most {@link #WRITES_AHEAD} batches wait for the writers (a full queue blocks the source:
         * back-pressure, bounded memory).
         */
        void flush() {
            if (batch.isEmpty() && rejected.isEmpty()) {
                return;
            }
            failIfWriterFailed();
            List<CompiledPipeline.Input> inputs = new ArrayList<>(batch.size());
            for (SourceRecord r : batch) {
                inputs.add(new CompiledPipeline.Input(r.id(), r.properties()));
            }
            CompiledPipeline.Result result = compiled.process(inputs);
            if (pipelines.disableIfBroken(compiled, result)) {
                cancelled.set(true);
                brokenReason = "the function's output does not fit the user schema: the pipeline was disabled";
            }
            List<IdentityRecord> records = new ArrayList<>();
            List<String> seen = listsSeen ? new ArrayList<>() : null;
            for (int i = 0; i < result.outcomes().size(); i++) {
                CompiledPipeline.Outcome o = result.outcomes().get(i);
                SourceRecord source = batch.get(i);
                if (o.output() != null) { // the values output validation converted: the store writes them as they are
                    records.add(new IdentityRecord(source.id(), false, Set.of(),
                            source.updatedAt() == null ? startedAt : source.updatedAt(), o.stored()));
                }
                // A record that failed a step is still in the source: its identity stays. One the filter left out
                // or the transformation dropped is no longer the pipeline's.
                if (listsSeen && !o.skipped()) {
                    seen.add(source.id());
                }
            }
            List<Failure> failures = new ArrayList<>(rejected);
            failures.addAll(result.failures());
            int rejectedCount = rejected.size();
            batch.clear();
            rejected.clear();
            try {
                backlog.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the warehouse", e);
            }
            // One part per writer, by identity: an identity always goes to the same writer, in the order read, and
            // two writers never touch the same rows (no lock waits or deadlocks between them).
            int parts = writers.size();
            List<List<IdentityRecord>> recordParts = new ArrayList<>(parts);
            List<List<String>> seenParts = new ArrayList<>(parts);
            for (int k = 0; k < parts; k++) {
                recordParts.add(new ArrayList<>());
                seenParts.add(seen == null ? null : new ArrayList<>());
            }
            for (IdentityRecord r : records) {
                recordParts.get(part(r.identityId(), parts)).add(r);
            }
            if (seen != null) {
                for (String id : seen) {
                    seenParts.get(part(id, parts)).add(id);
                }
            }
            BatchWrite write = new BatchWrite(parts, failures, result.counts(), rejectedCount, records.size());
            for (int k = 0; k < parts; k++) {
                List<IdentityRecord> partRecords = recordParts.get(k);
                List<String> partSeen = seenParts.get(k);
                writers.get(k).execute(() -> {
                    try {
                        if (writerFailure == null) {
                            write.part(partRecords, partSeen);
                        }
                    } catch (RuntimeException | Error e) {
                        writerFailure = e;
                        cancelled.set(true);
                    } finally {
                        write.partDone();
                    }
                });
            }
        }

        private static int part(String identityId, int parts) {
            return parts == 1 ? 0 : Math.floorMod(identityId.hashCode(), parts);
        }

        /** One processed batch being written by the writers, each its part; the last to end records the batch. */
        private final class BatchWrite {
            private final java.util.concurrent.atomic.AtomicInteger pending;
            private final List<Failure> failures;
            private final StepCounts counts;
            private final int rejectedCount;
            private final int records;
            private final java.util.concurrent.atomic.AtomicInteger failedWrites = new java.util.concurrent.atomic.AtomicInteger();

            BatchWrite(int parts, List<Failure> failures, StepCounts counts, int rejectedCount, int records) {
                this.pending = new java.util.concurrent.atomic.AtomicInteger(parts);
                this.failures = java.util.Collections.synchronizedList(failures);
                this.counts = counts;
                this.rejectedCount = rejectedCount;
                this.records = records;
            }

            /** Writes one part: its identities and its part of the seen list. */
            void part(List<IdentityRecord> part, List<String> seen) {
                if (seen != null && !seen.isEmpty()) {
                    identities.markSeen(pipeline.workspaceId(), pipeline.id(), seen);
                }
                List<IdentityStore.RecordError> errors = part.isEmpty() ? List.of()
                        : identities.writeBatch(pipeline.workspaceId(), pipeline.connectionId(), pipeline.id(), part, fresh);
                Set<Integer> failed = new java.util.HashSet<>();
                for (IdentityStore.RecordError e : errors) {
                    if (failed.add(e.index())) {
                        failures.add(new Failure(e.identityId(), Step.WRITE, e.property() == null ? e.message()
                                : e.property() + ": " + e.message()));
                    }
                }
                failedWrites.addAndGet(failed.size());
            }

            /** Counts the batch once every part ended (written or not), and lets the source read another. */
            void partDone() {
                if (pending.decrementAndGet() > 0) {
                    return;
                }
                try {
                    if (writerFailure == null) {
                        recorded(this);
                    }
                } catch (RuntimeException | Error e) {
                    writerFailure = e;
                    cancelled.set(true);
                } finally {
                    backlog.release();
                }
            }
        }

        /** Adds a written batch to the run's counts, keeps its errors, saves progress now and then. */
        private synchronized void recorded(BatchWrite w) {
            StepCounts c = w.counts;
            int failedWrites = w.failedWrites.get();
            StepCounts batchCounts = new StepCounts(c.received() + w.rejectedCount, c.validated(), c.passedFilter(),
                    c.transformed(), c.outputValidated(), w.records - failedWrites, c.failed() + w.rejectedCount + failedWrites);
            counts = counts.plus(batchCounts);
            List<Failure> failures = List.copyOf(w.failures);
            pipelines.record(pipeline, runId, batchCounts,
                    failures.size() > MAX_ERRORS_PER_BATCH ? failures.subList(0, MAX_ERRORS_PER_BATCH) : failures);
            if (System.nanoTime() - lastSave > 1_000_000_000L) {
                saveProgress();
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                lastLog = System.nanoTime();
                StepCounts n = counts;
                long t = total;
                LOG.info("Pipeline {} of workspace {}: run {} going on: {} received, {} written, {} failed{}", pipeline.id(),
                        pipeline.workspaceId(), runId, n.received(), n.written(), n.failed(),
                        t > 0 ? String.format(" (%d%% of %d)", Math.min(100, n.received() * 100 / t), t) : "");
            }
        }

        private void failIfWriterFailed() {
            Throwable e = writerFailure;
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
        }

        /** Waits until every batch handed to the writer is written; rethrows what failed there. */
        void finish() {
            writers.forEach(ExecutorService::shutdown);
            try {
                for (ExecutorService writer : writers) {
                    while (!writer.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
                        // a batch is being written
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the warehouse", e);
            }
            failIfWriterFailed();
        }

        void saveProgress() {
            lastSave = System.nanoTime();
            boolean cancel = db.transaction(c -> PipelineRepository.progress(c, runId, counts, total));
            if (cancel) {
                cancelled.set(true);
            }
        }
    }
}
