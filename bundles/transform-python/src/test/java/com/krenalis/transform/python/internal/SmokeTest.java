package com.krenalis.transform.python.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void lowerCasesAnEmail() throws Exception {
        Map<String, Object> out = Engines.run(Map.of("traits", Map.of("email", "A@B.COM")),
                "record['traits']['email'] = record['traits']['email'].lower()", "return record");
        assertEquals(Map.of("traits", Map.of("email", "a@b.com")), out);
    }
}
