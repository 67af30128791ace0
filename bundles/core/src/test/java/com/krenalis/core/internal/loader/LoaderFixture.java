package com.krenalis.core.internal.loader;

import com.krenalis.api.platform.EventLog;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.Workspace;
import com.krenalis.core.internal.eventlog.EventLogConfig;
import com.krenalis.core.internal.eventlog.GroupCommitEventLog;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.testing.TestPostgres;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The core on a real PostgreSQL (metadata store and a warehouse database), its event log, and a warehouse loader that
 * tests start, stop and restart; with the queries the loader tests check results by.
 */
final class LoaderFixture implements AutoCloseable {
    final CoreFixture core;
    final Principal admin;
    final GroupCommitEventLog log;
    private WarehouseLoader loader;

    LoaderFixture() throws Exception {
        core = new CoreFixture();
        admin = new Principal(1, core.organization(), null);
        log = new GroupCommitEventLog(core.store, new EventLogConfig() {
            public int maxQueuedEvents() { return 200_000; }
            public int maxEventsPerCommit() { return 20_000; }
            public Class<? extends Annotation> annotationType() { return EventLogConfig.class; }
        });
    }

    @Override
    public void close() throws Exception {
        if (loader != null) {
            stopLoader();
        }
        log.stop();
        core.close();
    }

    void startLoader(int batchSize) {
        startLoader(batchSize, core.workspaces::warehouse);
    }

    void startLoader(int batchSize, WarehouseLookup lookup) {
        startLoader(batchSize, lookup, 120, 10); // the defaults
    }

    WarehouseLoader startLoader(int batchSize, WarehouseLookup lookup, int maxDeferSeconds, int deferSharePercent) {
        if (loader != null) {
            stopLoader();
        }
        loader = new WarehouseLoader(core.store, lookup, new WarehouseLoaderConfig() {
            public int pollIntervalMillis() { return 200; }
            public int batchSize() { return batchSize; }
            public int threads() { return 4; }
            public int maxRetryDelaySeconds() { return 1; }
            public int maxDeferSeconds() { return maxDeferSeconds; }
            public int deferSharePercent() { return deferSharePercent; }
            public Class<? extends Annotation> annotationType() { return WarehouseLoaderConfig.class; }
        });
        log.addListener(loader);
        return loader;
    }

    void stopLoader() {
        log.removeListener(loader);
        try {
            loader.stop();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        loader = null;
    }

    Workspace workspace(String name) {
        return core.workspaces.create(admin, name, null);
    }

    static EventLog.Event event(String messageId, String json) {
        return new EventLog.Event(messageId, Instant.now(), json.getBytes(StandardCharsets.UTF_8));
    }

    static EventLog.Event track(String messageId) {
        return event(messageId, "{\"type\":\"track\",\"event\":\"Clicked\",\"anonymousId\":\"a\",\"messageId\":\""
                + messageId + "\",\"receivedAt\":\"" + Instant.now() + "\"}");
    }

    void append(long workspaceId, long connectionId, List<EventLog.Event> events) throws Exception {
        log.append(workspaceId, connectionId, events).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static List<EventLog.Event> tracks(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> track(prefix + i)).toList();
    }

    long count(String url, String sql) throws Exception {
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return -1; // the events table does not exist yet
            }
            throw e;
        }
    }

    long rows(Workspace ws) throws Exception {
        return count(core.warehouseUrl, "SELECT count(*) FROM \"" + ws.namespace() + "\".events");
    }

    long cursor(long workspaceId) throws Exception {
        return count(core.metadataUrl, "SELECT COALESCE(max(seq), 0) FROM event_log_cursors WHERE consumer = 'warehouse' "
                + "AND workspace_id = " + workspaceId);
    }

    long headOf(long workspaceId) throws Exception {
        return count(core.metadataUrl, "SELECT COALESCE(max(seq), 0) FROM event_log WHERE workspace_id = " + workspaceId);
    }

    static void await(String what, long timeoutMillis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    BooleanSupplier rowsAre(Workspace ws, long expected) {
        return () -> {
            try {
                return rows(ws) == expected;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
