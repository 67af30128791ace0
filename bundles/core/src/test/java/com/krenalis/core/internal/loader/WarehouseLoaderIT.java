package com.krenalis.core.internal.loader;

import static com.krenalis.core.internal.loader.LoaderFixture.await;
import static com.krenalis.core.internal.loader.LoaderFixture.track;
import static com.krenalis.core.internal.loader.LoaderFixture.tracks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.WarehouseConfig;
import com.krenalis.api.platform.Workspace;
import com.krenalis.testing.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warehouse loader against a real PostgreSQL: the metadata store holds the event log, a second database is the
 * warehouse. Latency, idempotent replays, clean stops, isolation of workspaces and of their failures.
 */
class WarehouseLoaderIT {
    private LoaderFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new LoaderFixture();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aTrickleOfEventsIsQueryableWithinASecond() throws Exception {
        Workspace ws = f.workspace("Latency");
        f.startLoader(10_000);
        f.append(ws.id(), 1, List.of(track("warm-up"))); // the first load creates the table
        await("warm-up", 10_000, f.rowsAre(ws, 1));

        int n = 200;
        long[] acked = new long[n];
        long[] seen = new long[n];
        AtomicInteger seenCount = new AtomicInteger();
        Thread observer = new Thread(() -> {
            try (Connection c = TestPostgres.connect(f.core.warehouseUrl)) {
                c.setAutoCommit(true);
                while (seenCount.get() < n && !Thread.currentThread().isInterrupted()) {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT message_id FROM \"" + ws.namespace() + "\".events WHERE message_id LIKE 'lat-%'")) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            int i = Integer.parseInt(rs.getString(1).substring(4));
                            if (seen[i] == 0) {
                                seen[i] = now;
                                seenCount.incrementAndGet();
                            }
                        }
                    }
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "observer");
        observer.start();
        for (int i = 0; i < n; i++) {
            f.append(ws.id(), 1, List.of(track("lat-" + i)));
            acked[i] = System.nanoTime(); // when the collector would answer 200
            Thread.sleep(5);
        }
        observer.join(30_000);
        assertEquals(n, seenCount.get(), "every event reached the warehouse");
        long[] millis = IntStream.range(0, n).mapToLong(i -> Math.max(0, seen[i] - acked[i]) / 1_000_000).sorted().toArray();
        long p50 = millis[n / 2];
        long p95 = millis[(int) Math.ceil(n * 0.95) - 1];
        System.out.printf("Warehouse loader latency, %d single-event appends 5 ms apart, 200 to queryable: "
                + "p50 %d ms, p95 %d ms, max %d ms%n", n, p50, p95, millis[n - 1]);
        // The 1 s (p95) target is a performance figure, measured and recorded by bench/ (docs/performance.md), not
        // asserted here: this test asserts that every event arrives, and prints what it saw.
    }

    @Test
    void aReplayAfterACrashBeforeTheCursorMovedDuplicatesNothing() throws Exception {
        Workspace ws = f.workspace("Replay");
        f.startLoader(100);
        f.append(ws.id(), 1, tracks("r", 1_000));
        await("the first load", 20_000, f.rowsAre(ws, 1_000));
        f.stopLoader();
        assertEquals(f.headOf(ws.id()), f.cursor(ws.id()));

        // As if the server died after the warehouse's commits but before any cursor update.
        f.count(f.core.metadataUrl, "WITH d AS (DELETE FROM event_log_cursors RETURNING 1) SELECT count(*) FROM d");
        f.append(ws.id(), 1, List.of(track("after")));
        f.startLoader(100);
        await("the replay to catch up", 20_000, () -> {
            try {
                return f.cursor(ws.id()) == f.headOf(ws.id());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(1_001, f.rows(ws));
        assertEquals(1_001, f.count(f.core.warehouseUrl, "SELECT count(DISTINCT message_id) FROM \"" + ws.namespace() + "\".events"));
    }

    @Test
    void stoppingLetsRunningBatchesFinishAndARestartLoadsTheRest() throws Exception {
        Workspace ws = f.workspace("Drain");
        f.append(ws.id(), 1, tracks("d", 20_000));
        f.startLoader(500);
        await("a first batch", 20_000, () -> {
            try {
                return f.rows(ws) > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        f.stopLoader();
        long loaded = f.rows(ws);
        long cursor = f.cursor(ws.id());
        assertEquals(f.count(f.core.metadataUrl, "SELECT count(*) FROM event_log WHERE workspace_id = " + ws.id() + " AND seq <= " + cursor),
                loaded, "the cursor stands exactly after what the warehouse holds");
        System.out.printf("Stopped after %d of 20000 events%n", loaded);
        f.startLoader(5_000);
        await("the rest", 30_000, f.rowsAre(ws, 20_000));
    }

    @Test
    void twoWorkspacesAreLoadedIntoTheirOwnSchemas() throws Exception {
        Workspace a = f.workspace("A");
        Workspace b = f.workspace("B");
        f.startLoader(10_000);
        f.append(a.id(), 1, List.of(track("shared"), track("only-a")));
        f.append(b.id(), 2, List.of(track("shared"), track("only-b-1"), track("only-b-2")));
        await("a", 10_000, f.rowsAre(a, 2));
        await("b", 10_000, f.rowsAre(b, 3));
        assertEquals(1, f.count(f.core.warehouseUrl, "SELECT count(*) FROM \"" + a.namespace() + "\".events WHERE message_id = 'only-a' AND connection_id = 1"));
        assertEquals(0, f.count(f.core.warehouseUrl, "SELECT count(*) FROM \"" + b.namespace() + "\".events WHERE message_id = 'only-a'"));
        assertEquals(1, f.count(f.core.warehouseUrl, "SELECT count(*) FROM \"" + b.namespace() + "\".events WHERE message_id = 'shared' AND connection_id = 2"));
    }

    private Map<String, Object> externalSettings(int port, String schema) {
        URI uri = URI.create(f.core.warehouseUrl.substring("jdbc:".length()));
        return Map.of("host", "127.0.0.1", "port", port, "database", uri.getPath().substring(1), "user", TestPostgres.user(),
                "schema", schema, "connectTimeoutSeconds", 2);
    }

    @Test
    void anUnreachableWarehouseHoldsBackOnlyItsWorkspaceWhichCatchesUpOnceFixed() throws Exception {
        URI uri = URI.create(f.core.warehouseUrl.substring("jdbc:".length()));
        Workspace healthy = f.workspace("Healthy");
        Workspace down;
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", uri.getPort())) {
            down = f.core.workspaces.create(f.admin, "Down", new WarehouseConfig("postgresql", externalSettings(proxy.port(), "ext_down")));
            f.startLoader(10_000);
            f.append(down.id(), 1, List.of(track("before")));
            await("the event loaded while the warehouse was up", 10_000, f.rowsAre(down, 1));
        } // the warehouse is unreachable from here on
        f.append(down.id(), 1, tracks("while-down-", 50));
        f.append(healthy.id(), 2, tracks("h", 50));
        await("the healthy workspace", 5_000, f.rowsAre(healthy, 50));
        Thread.sleep(3_000); // a few retries (backoff 0.5 s, 1 s, 1 s ...)
        assertEquals(1, f.rows(down), "nothing more reached the unreachable warehouse");
        assertEquals(1, f.count(f.core.metadataUrl, "SELECT count(*) FROM event_log_cursors WHERE workspace_id = " + down.id()
                + " AND failing_since IS NOT NULL AND last_error <> ''"), "the failure is recorded");
        f.append(healthy.id(), 2, List.of(track("h-more")));
        await("the healthy workspace, still", 5_000, f.rowsAre(healthy, 51));

        f.core.workspaces.update(f.admin, down.id(), null, new WarehouseConfig("postgresql", externalSettings(uri.getPort(), "ext_down")));
        await("the caught-up workspace", 10_000, f.rowsAre(down, 51));
        await("the failure cleared", 5_000, () -> {
            try {
                return f.count(f.core.metadataUrl, "SELECT count(*) FROM event_log_cursors WHERE workspace_id = " + down.id()
                        + " AND failing_since IS NULL AND last_error IS NULL") == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aWarehouseErrorHoldsBackOnlyItsWorkspaceUntilResolved() throws Exception {
        Workspace broken = f.workspace("Broken");
        Workspace fine = f.workspace("Fine");
        // Someone made an events table of their own, with a column the loader cannot use.
        try (Connection c = TestPostgres.connect(f.core.warehouseUrl); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE \"" + broken.namespace() + "\".events (message_id text PRIMARY KEY, connection_id text)");
        }
        f.startLoader(10_000);
        f.append(broken.id(), 1, tracks("b", 10));
        f.append(fine.id(), 2, tracks("f", 10));
        await("the fine workspace", 5_000, f.rowsAre(fine, 10));
        await("the failure recorded", 5_000, () -> {
            try {
                return f.count(f.core.metadataUrl, "SELECT count(*) FROM event_log_cursors WHERE workspace_id = " + broken.id()
                        + " AND last_error LIKE '%connection_id%'") == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(0, f.rows(broken));
        try (Connection c = TestPostgres.connect(f.core.warehouseUrl); Statement st = c.createStatement()) {
            st.execute("DROP TABLE \"" + broken.namespace() + "\".events");
        }
        await("the resolved workspace", 10_000, f.rowsAre(broken, 10));
    }

    @Test
    void aSaturatedCollectorMakesTheLoaderStepBackForAtMostItsLimitThenEverythingArrives() throws Exception {
        Workspace ws = f.workspace("Burst");
        WarehouseLoader loader = f.startLoader(500, f.core.workspaces::warehouse, 3, 10);
        f.append(ws.id(), 1, List.of(track("warm-up")));
        await("warm-up", 10_000, f.rowsAre(ws, 1));
        // The log says "saturated" only when one of its stages is busy nine tenths of a second
        // (GroupCommitEventLogIT); here the test says it, with every append, as the log would during a burst.
        f.log.removeListener(loader);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger appends = new AtomicInteger();
        Thread burst = new Thread(() -> {
            while (!stop.get()) {
                int r = appends.getAndIncrement();
                try {
                    f.append(ws.id(), 1, tracks("burst-" + r + "-", 200));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                loader.eventsCommitted(true);
            }
        }, "burst");
        burst.start();
        try {
            await("the loader to step back", 15_000, loader::deferring);
            long from = System.nanoTime();
            assertTrue(f.rows(ws) < 1 + 200L * appends.get(), "the burst outruns a loader stepping back");
            await("the loader to stop stepping back, the burst going on", 15_000, () -> !loader.deferring());
            long deferredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - from);
            assertEquals(1, loader.deferralsSpent(), "it stopped because its 3 s were spent, not because the burst ended");
            assertTrue(deferredMillis >= 2_000, "it stepped back for its 3 s (observed " + deferredMillis + " ms)");
        } finally {
            stop.set(true);
            burst.join(30_000);
        }
        long expected = 1 + 200L * appends.get();
        await("every event of the burst", 120_000, f.rowsAre(ws, expected));
        loader.eventsCommitted(false); // the burst is over
        assertFalse(loader.deferring());
    }
}
