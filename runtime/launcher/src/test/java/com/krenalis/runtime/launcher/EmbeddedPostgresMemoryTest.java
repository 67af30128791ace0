package com.krenalis.runtime.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL's memory settings follow the machine's memory within their bounds. */
class EmbeddedPostgresMemoryTest {
    private static final long MB = 1L << 20;
    private static final long GB = 1L << 30;

    @Test
    void sharedBuffersAreAQuarterOfTheMemoryBetween128MbAnd4Gb() {
        assertEquals(128 * MB, EmbeddedPostgresServer.sharedBuffers(256 * MB));
        assertEquals(512 * MB, EmbeddedPostgresServer.sharedBuffers(2 * GB));
        assertEquals(2 * GB, EmbeddedPostgresServer.sharedBuffers(8 * GB));
        assertEquals(4 * GB, EmbeddedPostgresServer.sharedBuffers(24 * GB));
    }

    @Test
    void tempBuffersAreASixteenthBetweenPostgresDefaultAnd1Gb() {
        assertEquals(8 * MB, EmbeddedPostgresServer.tempBuffers(64 * MB));
        assertEquals(128 * MB, EmbeddedPostgresServer.tempBuffers(2 * GB));
        assertEquals(1 * GB, EmbeddedPostgresServer.tempBuffers(24 * GB));
    }

    @Test
    void thisMachinesMemoryIsKnown() {
        assertTrue(EmbeddedPostgresServer.physicalMemory() >= 256 * MB, "memory: " + EmbeddedPostgresServer.physicalMemory());
    }
}
