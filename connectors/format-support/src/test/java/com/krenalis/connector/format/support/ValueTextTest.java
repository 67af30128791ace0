package com.krenalis.connector.format.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTextTest {

    @Test
    void scalarsAreIsoOrPlain() {
        assertNull(ValueText.of(null));
        assertEquals("2026-03-01T10:00:00.123Z", ValueText.of(Instant.parse("2026-03-01T10:00:00.123Z")));
        assertEquals("2026-03-01T08:00:00Z", ValueText.of(OffsetDateTime.parse("2026-03-01T10:00:00+02:00")));
        assertEquals("0.00001", ValueText.of(new BigDecimal("1E-5")));
        assertEquals("1988-02-29", ValueText.of(LocalDate.parse("1988-02-29")));
        assertEquals("-7", ValueText.of(-7L));
        assertEquals("true", ValueText.of(true));
    }

    @Test
    void mapsAndListsAreJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", "x\"y\n");
        map.put("b", Arrays.asList(1L, null, 2.5, true));
        map.put("c", Map.of());
        assertEquals("{\"a\":\"x\\\"y\\n\",\"b\":[1,null,2.5,true],\"c\":{}}", ValueText.of(map));
        assertEquals("[\"2026-03-01T10:00:00Z\"]", ValueText.of(List.of(Instant.parse("2026-03-01T10:00:00Z"))));
    }
}
