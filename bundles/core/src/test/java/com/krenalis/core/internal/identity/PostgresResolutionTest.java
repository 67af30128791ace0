package com.krenalis.core.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PostgresResolutionTest {
    private static final long MB = 1024 * 1024;

    @Test
    void workMemIsAQuarterOfSharedBuffersWithinBounds() {
        assertEquals(256, PostgresResolution.workMemMb(128 * MB), "a small server still gets 256 MB");
        assertEquals(256, PostgresResolution.workMemMb(1024 * MB));
        assertEquals(512, PostgresResolution.workMemMb(2048 * MB));
        assertEquals(1024, PostgresResolution.workMemMb(4096 * MB), "the embedded server on 16 GB or more");
        assertEquals(1024, PostgresResolution.workMemMb(64L * 1024 * MB), "never more than 1 GB");
    }
}
