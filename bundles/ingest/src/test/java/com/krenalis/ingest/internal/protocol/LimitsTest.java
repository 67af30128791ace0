package com.krenalis.ingest.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void defaultsAreSegments() {
        assertEquals(new Limits(32768, 512000, 64), Limits.DEFAULT);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 512000, 64));
        assertThrows(IllegalArgumentException.class, () -> new Limits(32768, -1, 64));
        assertThrows(IllegalArgumentException.class, () -> new Limits(32768, 512000, 2));
    }
}
