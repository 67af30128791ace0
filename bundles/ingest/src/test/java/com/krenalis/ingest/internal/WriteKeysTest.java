package com.krenalis.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WriteKeysTest {
    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicUserBearerAndQueryInThatOrder() {
        assertEquals("k1", WriteKeys.fromRequest(basic("k1:"), "q"));
        assertEquals("k1", WriteKeys.fromRequest(basic("k1"), null), "no colon at all");
        assertEquals("k2", WriteKeys.fromRequest("Bearer k2", "q"));
        assertEquals("k2", WriteKeys.fromRequest("bearer  k2 ", null));
        assertEquals("q", WriteKeys.fromRequest(null, "q"));
        assertEquals("q", WriteKeys.fromRequest(basic(":"), "q"), "an empty Basic user falls through");
        assertNull(WriteKeys.fromRequest(null, " "));
        assertNull(WriteKeys.fromRequest("Digest abc", null));
    }

    @Test
    void brokenBasicIs401() {
        assertEquals(401, assertThrows(CollectorError.class, () -> WriteKeys.fromRequest("Basic %%%", null)).status());
    }
}
