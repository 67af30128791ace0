package com.krenalis.core.internal.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.core.internal.loader.LoadDeferral.Change;
import org.junit.jupiter.api.Test;

class LoadDeferralTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 5_000 * S; // any nanoTime origin

    @Test
    void stepsBackOnlyWhenTheCollectorHasBeenSaturatedForASecondAndTheLoaderIsBehind() {
        LoadDeferral d = new LoadDeferral(120 * S, 10);
        assertEquals(Change.NONE, d.update(T0, 0, true), "not saturated");
        assertEquals(Change.NONE, d.update(T0 + S / 2, T0, true), "saturated for half a second only");
        assertFalse(d.deferring());
        assertEquals(Change.NONE, d.update(T0 + S, T0, false), "saturated, but nothing to load");
        assertEquals(Change.STARTED, d.update(T0 + 2 * S, T0, true));
        assertTrue(d.deferring());
        assertEquals(Change.NONE, d.update(T0 + 3 * S, T0, true));
        assertTrue(d.deferring());
    }

    @Test
    void aCollectorThatIsNoLongerSaturatedGetsTheLoaderBackAtOnce() {
        LoadDeferral d = new LoadDeferral(120 * S, 10);
        d.update(T0 + 2 * S, T0, true);
        assertEquals(Change.STOPPED, d.update(T0 + 3 * S, 0, true));
        assertFalse(d.deferring());
    }

    @Test
    void deferringIsBoundedPerLagEpisodeThenFullSpeedUntilCaughtUp() {
        LoadDeferral d = new LoadDeferral(60 * S, 10);
        long start = T0 + S;
        assertEquals(Change.STARTED, d.update(start, T0, true));
        // The burst pauses (loader at full speed) and resumes while the loader is still behind: the 60 s count on.
        assertEquals(Change.STOPPED, d.update(start + 30 * S, 0, true));
        long again = start + 31 * S;
        assertEquals(Change.STARTED, d.update(again + S, again, true));
        assertEquals(Change.SPENT, d.update(start + 60 * S, again, true), "60 s since the episode's first deferral");
        assertFalse(d.deferring());
        assertEquals(Change.NONE, d.update(start + 200 * S, again, true), "still saturated, still behind: full speed");
        assertFalse(d.deferring());
        assertEquals(Change.NONE, d.update(start + 201 * S, again, false), "caught up: the episode ends");
        assertEquals(Change.STARTED, d.update(start + 202 * S, again, true), "a new episode may step back again");
    }

    @Test
    void zeroSecondsNeverDefers() {
        LoadDeferral d = new LoadDeferral(0, 10);
        assertEquals(Change.NONE, d.update(T0 + 10 * S, T0, true));
        assertFalse(d.deferring());
    }

    @Test
    void thePauseAfterABatchLeavesTheLoaderItsShare() {
        assertEquals(9 * S, new LoadDeferral(S, 10).pauseAfter(S), "10 %: one second of work, nine of pause");
        assertEquals(S, new LoadDeferral(S, 50).pauseAfter(S));
        assertEquals(0, new LoadDeferral(S, 100).pauseAfter(S));
        assertEquals(0, new LoadDeferral(S, 10).pauseAfter(-5), "a clock that went nowhere");
        assertThrows(IllegalArgumentException.class, () -> new LoadDeferral(S, 0));
        assertThrows(IllegalArgumentException.class, () -> new LoadDeferral(S, 101));
        assertThrows(IllegalArgumentException.class, () -> new LoadDeferral(-1, 10));
    }
}
