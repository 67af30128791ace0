package com.krenalis.core.internal.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.warehouse.Warehouse;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkspaceLoadTest {
    private static final long MAX = TimeUnit.SECONDS.toNanos(60);
    private static final long MS = 1_000_000L;

    @Test
    void aBatchStartsOnlyWhenTheLogIsAheadAndNoneRuns() {
        WorkspaceLoad load = new WorkspaceLoad(1);
        load.sawCursor(10);
        load.sawHead(10);
        assertFalse(load.tryStart(0), "nothing past the cursor");
        load.sawHead(12);
        assertTrue(load.tryStart(0));
        assertFalse(load.tryStart(0), "one batch per workspace at a time");
        load.sawHead(15); // arrives while the batch runs
        assertEquals(0, load.succeeded(12));
        assertTrue(load.tryStart(0), "the events that came meanwhile");
        load.succeeded(15);
        assertFalse(load.tryStart(0));
    }

    @Test
    void failuresBackOffDoublingUpToTheMaximum() {
        WorkspaceLoad load = new WorkspaceLoad(1);
        load.sawHead(5);
        long now = 0;
        long expected = 500 * MS;
        for (int attempt = 1; attempt <= 12; attempt++) {
            assertTrue(load.tryStart(now));
            assertEquals(attempt, load.failed(now, MAX));
            assertFalse(load.tryStart(now + Math.min(expected, MAX) - 1), "attempt " + attempt + " waits");
            now += Math.min(expected, MAX);
            expected *= 2;
        }
        assertTrue(load.tryStart(now));
        assertEquals(12, load.succeeded(5), "the failed attempts, for the recovery log line");
        load.sawHead(6);
        assertTrue(load.tryStart(now), "no wait once it works again");
    }

    @Test
    void aFailureMakesTheNextAttemptCheckTheTableAgain() {
        Warehouse warehouse = (Warehouse) Proxy.newProxyInstance(Warehouse.class.getClassLoader(),
                new Class<?>[] {Warehouse.class}, (proxy, method, args) -> null);
        WorkspaceLoad load = new WorkspaceLoad(1);
        load.sawHead(1);
        assertFalse(load.tableReadyIn(warehouse));
        load.tableReady(warehouse);
        assertTrue(load.tableReadyIn(warehouse));
        assertTrue(load.tryStart(0));
        load.failed(0, MAX);
        assertFalse(load.tableReadyIn(warehouse), "a dropped or changed table is what may have failed");
    }

    @Test
    void aPausedWorkspaceStartsNoBatchUntilItsPauseEndsOrIsLifted() {
        WorkspaceLoad load = new WorkspaceLoad(1);
        load.sawHead(5);
        assertTrue(load.behind());
        assertTrue(load.tryStart(0));
        load.pauseUntil(100 * MS); // set while the batch still runs
        load.succeeded(5);
        assertFalse(load.behind());
        load.sawHead(8);
        assertTrue(load.behind());
        assertFalse(load.tryStart(99 * MS), "paused");
        assertTrue(load.tryStart(100 * MS), "the pause is over");
        load.pauseUntil(500 * MS);
        load.succeeded(8);
        load.sawHead(9);
        assertFalse(load.tryStart(200 * MS));
        load.resume();
        assertTrue(load.tryStart(200 * MS), "the loader stopped stepping back");
        assertTrue(load.behind(), "a running batch counts as behind");
    }
}
