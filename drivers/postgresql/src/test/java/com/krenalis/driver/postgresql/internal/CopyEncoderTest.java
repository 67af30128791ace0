package com.krenalis.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyEncoderTest {

    @Test
    void instantsAreWrittenAsInstantWritesThem() {
        for (String s : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "2024-02-29T12:34:56.100Z", "2026-12-05T21:58:40.000123Z",
                "2026-12-05T21:58:40.000000007Z", "1900-03-01T00:00:01.010Z", "+10000-01-01T00:00:00Z",
                "-0001-12-31T23:59:59Z"}) {
            Instant instant = Instant.parse(s);
            assertEquals(instant.toString(), CopyEncoder.instant(instant), s);
        }
        Random random = new Random(20261205);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertEquals(instant.toString(), CopyEncoder.instant(instant));
        }
    }
}
