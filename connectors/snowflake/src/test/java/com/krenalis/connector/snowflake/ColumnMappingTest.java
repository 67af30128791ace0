package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values from the driver's text, under the session's output formats (SnowflakeSql.SESSION) and the defaults. */
class ColumnMappingTest {

    private static Object value(String typeName, int precision, int scale, String text) {
        return ColumnMapping.valueOf(new SnowflakeColumn("C", typeName, Types.OTHER, precision, scale), text);
    }

    @Test
    void numbersAndBooleans() {
        assertEquals(9_007_199_254_740_993L, value("NUMBER", 18, 0, "9007199254740993"));
        assertEquals(-7L, value("NUMBER", 18, 0, "-7"));
        assertEquals(new BigDecimal("12345678901234567890123"), value("NUMBER", 38, 0, "12345678901234567890123"));
        assertEquals(new BigDecimal("12.30"), value("NUMBER", 10, 2, "12.30"));
        assertEquals(1.5, value("FLOAT", 0, 0, "1.5"));
        assertEquals(1.5e300, value("FLOAT", 0, 0, "1.500000000000000e+300"));
        assertEquals(Double.POSITIVE_INFINITY, value("FLOAT", 0, 0, "inf"));
        assertEquals(true, value("BOOLEAN", 0, 0, "true"));
        assertEquals(false, value("BOOLEAN", 0, 0, "0"));
        assertThrows(IllegalArgumentException.class, () -> value("BOOLEAN", 0, 0, "maybe"));
        assertNull(value("NUMBER", 18, 0, null));
    }

    @Test
    void textDatesAndTimes() {
        assertEquals("O'Brien, \"Bob\"", value("VARCHAR", 100, 0, "O'Brien, \"Bob\""));
        assertEquals("0aff", value("BINARY", 10, 0, "0aff"));
        assertEquals(LocalDate.parse("1988-02-29"), value("DATE", 0, 0, "1988-02-29"));
        assertEquals(LocalTime.parse("23:59:59.123456789"), value("TIME", 0, 9, "23:59:59.123456789"));
    }

    @Test
    void timestampsAreInstantsAndThoseWithoutZoneAreUtc() {
        Instant t = Instant.parse("2026-03-01T10:00:00.123Z");
        assertEquals(t, value("TIMESTAMP_NTZ", 0, 3, "2026-03-01T10:00:00.123000000"));
        assertEquals(t, value("TIMESTAMP_TZ", 0, 3, "2026-03-01T11:00:00.123000000+01:00"));
        assertEquals(t, value("TIMESTAMP_LTZ", 0, 3, "2026-03-01T10:00:00.123000000+00:00"));
        // The account's default formats, should a session not take ours.
        assertEquals(t, value("TIMESTAMP_NTZ", 0, 3, "2026-03-01 10:00:00.123"));
        assertEquals(t, value("TIMESTAMP_TZ", 0, 3, "2026-03-01 02:00:00.123 -0800"));
        assertEquals(t, value("TIMESTAMP_TZ", 0, 3, "2026-03-01 10:00:00.123 Z"));
        assertThrows(IllegalArgumentException.class, () -> value("TIMESTAMP_NTZ", 0, 3, "Sun, 01 Mar 2026 10:00:00"));
    }

    @Test
    void semiStructuredValuesAreParsedJson() {
        assertEquals(Map.of("plan", "pro", "seats", 3L, "tags", List.of("a", "b")),
                value("OBJECT", 0, 0, "{\"plan\": \"pro\", \"seats\": 3, \"tags\": [\"a\", \"b\"]}"));
        assertEquals(new BigDecimal("0.1"), value("VARIANT", 0, 0, "0.1"), "decimals stay exact");
        assertEquals("text", value("VARIANT", 0, 0, "\"text\""));
        assertEquals(Arrays.asList(1L, null, Map.of("k", true)), value("ARRAY", 0, 0, "[1, null, {\"k\": true}]"));
        assertEquals(new BigDecimal("123456789012345678901234567890"), value("VARIANT", 0, 0, "123456789012345678901234567890"));
        assertThrows(IllegalArgumentException.class, () -> value("ARRAY", 0, 0, "{\"k\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> value("VARIANT", 0, 0, "{not json"));
    }
}
