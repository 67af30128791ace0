package com.krenalis.core.internal.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.EventLog;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.core.internal.store.PostgresMetadataStore;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.testing.TestPostgres;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.condition.Condition;

class GroupCommitEventLogIT {
    private String url;
    private PostgresMetadataStore store;
    private GroupCommitEventLog log;

    static EventLogConfig config(int maxQueued, int maxPerCommit) {
        return new EventLogConfig() {
            public int maxQueuedEvents() { return maxQueued; }
            public int maxEventsPerCommit() { return maxPerCommit; }
            public Class<? extends Annotation> annotationType() { return EventLogConfig.class; }
        };
    }

    @BeforeEach
    void start() throws Exception {
        url = TestPostgres.newDatabase("eventlog");
        store = new PostgresMetadataStore(CoreFixture.metadataConfig(url), Condition.INSTANCE);
        log = new GroupCommitEventLog(store, config(200_000, 20_000));
    }

    @AfterEach
    void stop() throws Exception {
        log.stop();
        store.close();
    }

    private static EventLog.Event event(String messageId) {
        return new EventLog.Event(messageId, Instant.now(),
                ("{\"messageId\":\"" + messageId + "\",\"text\":\"quote \\\" comma , newline \\n é\"}").getBytes(StandardCharsets.UTF_8));
    }

    private long count(String sql) throws Exception {
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anAppendIsDurableWhenItsStageCompletes() throws Exception {
        EventLog.AppendResult r = log.append(1, 10, List.of(event("m1"), event("m2"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(new EventLog.AppendResult(2, 0), r);
        assertEquals(2, count("SELECT count(*) FROM event_log WHERE workspace_id = 1 AND connection_id = 10"));
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT event FROM event_log WHERE message_id = 'm1'")) {
            rs.next();
            assertEquals("{\"messageId\":\"m1\",\"text\":\"quote \\\" comma , newline \\n é\"}", rs.getString(1), "stored byte for byte");
        }
    }

    @Test
    void duplicatesAreAcknowledgedButStoredOncePerWorkspace() throws Exception {
        assertEquals(new EventLog.AppendResult(1, 0), log.append(1, 10, List.of(event("dup"))).toCompletableFuture().get());
        assertEquals(new EventLog.AppendResult(1, 2), log.append(1, 10, List.of(event("dup"), event("new"), event("new")))
                .toCompletableFuture().get(), "a retried request and a duplicate inside one request");
        assertEquals(new EventLog.AppendResult(1, 0), log.append(2, 20, List.of(event("dup"))).toCompletableFuture().get(),
                "another workspace's identical messageId is another event");
        assertEquals(3, count("SELECT count(*) FROM event_log"));
    }

    @Test
    void dedupSurvivesARestart() throws Exception {
        log.append(1, 10, List.of(event("kept"))).toCompletableFuture().get();
        log.stop();
        log = new GroupCommitEventLog(store, config(200_000, 20_000));
        assertEquals(new EventLog.AppendResult(0, 1), log.append(1, 10, List.of(event("kept"))).toCompletableFuture().get());
    }

    @Test
    void concurrentRequestsShareCommitsAndEveryEventIsStoredOnce() throws Exception {
        List<CompletableFuture<EventLog.AppendResult>> all = new ArrayList<>();
        IntStream.range(0, 2_000).parallel().forEach(r -> {
            List<EventLog.Event> batch = IntStream.range(0, 10).mapToObj(i -> event("r" + r + "-" + i)).toList();
            synchronized (all) {
                all.add(log.append(1, 10, batch).toCompletableFuture());
            }
        });
        int stored = 0;
        for (CompletableFuture<EventLog.AppendResult> f : all) {
            stored += f.get(60, TimeUnit.SECONDS).stored();
        }
        assertEquals(20_000, stored);
        assertEquals(20_000, count("SELECT count(DISTINCT message_id) FROM event_log"));
        assertEquals(20_000, count("SELECT count(*) FROM event_log"));
        assertTrue(log.commits() < 2_000, "group commit: " + log.commits() + " commits for 2000 appends");
        assertEquals(count("SELECT max(seq) FROM event_log") - count("SELECT min(seq) FROM event_log") + 1, 20_000,
                "seq is dense: one writer, so commit order is seq order");
    }

    @Test
    void listenersHearWhetherTheLogIsSaturated() throws Exception {
        List<Boolean> heard = java.util.Collections.synchronizedList(new ArrayList<>());
        log.addListener(heard::add);
        // One append at a time, 50 ms apart: every stage waits most of each second.
        for (int i = 0; i < 30; i++) {
            log.append(1, 10, List.of(event("slow" + i))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Thread.sleep(50);
        }
        awaitHeard(heard, 30);
        assertEquals(30, heard.size(), "one call per commit that stored events");
        assertTrue(heard.stream().noneMatch(b -> b), "stages idle most of the time: not saturated: " + heard);
        heard.clear();
        // Eight threads appending without a pause for 3 s: appends queue up behind every group written.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (Thread t : appenders("f", 50, () -> System.nanoTime() - until >= 0, new AtomicInteger())) {
            t.join();
        }
        assertTrue(heard.contains(Boolean.TRUE), "saturated after a full second of appends queueing up: " + heard.size() + " commits");
        // A full window without work. The listeners hear of a commit after its appends returned, so the flood's last
        // commits may still be heard during this pause: what is heard before it is over does not count.
        Thread.sleep(1_100);
        heard.clear();
        log.append(1, 10, List.of(event("after"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        awaitHeard(heard, 1);
        assertEquals(List.of(Boolean.FALSE), heard, "idle again");
    }

    /** A commit is heard after its appends returned: waits (up to 5 s) until {@code count} commits were heard. */
    private static void awaitHeard(List<Boolean> heard, int count) throws InterruptedException {
        for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); heard.size() < count && System.nanoTime() < until; ) {
            Thread.sleep(10);
        }
    }

    /** Eight started threads, each appending batches of {@code size} events until {@code done}; counts the appends. */
    private List<Thread> appenders(String prefix, int size, BooleanSupplier done, AtomicInteger appends) {
        List<Thread> threads = IntStream.range(0, 8).mapToObj(t -> new Thread(() -> {
            while (!done.getAsBoolean()) {
                int r = appends.incrementAndGet();
                List<EventLog.Event> batch = IntStream.range(0, size).mapToObj(i -> event(prefix + r + "-" + i)).toList();
                try {
                    log.append(1, 10, batch).toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        })).toList();
        threads.forEach(Thread::start);
        return threads;
    }

    @Test
    void whateverAReaderSeesHasNoGapBelowItsHighestSeq() throws Exception {
        // The writers pipeline the groups; commits must still come in seq order, or a consumer reading "seq > cursor"
        // would step over a group that becomes visible later. No group fails here, so the seqs are dense.
        long first = log.append(1, 10, List.of(event("first"))).toCompletableFuture().get(10, TimeUnit.SECONDS).stored();
        assertEquals(1, first);
        long firstSeq = count("SELECT min(seq) FROM event_log");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger n = new AtomicInteger();
        List<Thread> writers = appenders("g", 100, stop::get, n);
        int snapshots = 0;
        long commitsBefore = log.commits();
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement()) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() - until < 0) {
                try (ResultSet rs = st.executeQuery("SELECT max(seq), count(*) FROM event_log")) {
                    rs.next();
                    assertEquals(rs.getLong(1) - firstSeq + 1, rs.getLong(2), "rows visible up to seq " + rs.getLong(1));
                    snapshots++;
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : writers) {
                t.join(30_000);
            }
        }
        assertTrue(log.commits() - commitsBefore > 20, "groups kept committing: " + (log.commits() - commitsBefore));
        assertTrue(snapshots > 20, snapshots + " snapshots");
        assertEquals(1 + 100L * n.get(), count("SELECT count(*) FROM event_log"));
    }

    @Test
    void aFullQueueIsRefusedNotQueuedWithoutBound() throws Exception {
        log.stop();
        log = new GroupCommitEventLog(store, config(5, 20_000));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> log.append(1, 10, IntStream.range(0, 6).mapToObj(i -> event("big" + i)).toList()).toCompletableFuture().get());
        assertInstanceOf(UnavailableException.class, e.getCause());
    }

    @Test
    void anUnreachableDatabaseFailsTheAppendAsUnavailable() throws Exception {
        log.stop();
        PostgresMetadataStore down = new PostgresMetadataStore(CoreFixture.metadataConfig(url), Condition.INSTANCE);
        GroupCommitEventLog downLog = new GroupCommitEventLog(down, config(1000, 1000));
        down.close(); // the pool is gone: every transaction fails like a lost database
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> downLog.append(1, 10, List.of(event("x"))).toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertInstanceOf(UnavailableException.class, e.getCause());
        downLog.stop();
        log = new GroupCommitEventLog(store, config(200_000, 20_000));
    }
}
