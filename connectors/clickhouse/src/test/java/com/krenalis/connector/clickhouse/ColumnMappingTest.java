package com.krenalis.connector.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Values in the forms the client hands them over, converted to the forms SourceRecord's javadoc lists. */
class ColumnMappingTest {

    private static Object value(String type, Object value) {
        return ColumnMapping.valueOf(ClickHouseType.parse(type), value);
    }

    @Test
    void nullsStayNull() {
        assertNull(value("Nullable(Int64)", null));
        assertNull(value("Array(String)", null));
    }

    @Test
    void text() {
        assertEquals("Zoë", value("String", "Zoë"));
        assertEquals("Zoë", value("String", "Zoë".getBytes(StandardCharsets.UTF_8)));
        assertEquals("ab", value("FixedString(4)", "ab\u0000\u0000"));
        assertEquals("red", value("Enum8('red' = 1)", "red"));
        assertEquals("115792089237316195423570985008687907853269984665640564039457584007913129639935",
                value("UInt256", new BigInteger("115792089237316195423570985008687907853269984665640564039457584007913129639935")));
    }

    @Test
    void numbers() {
        assertEquals(-7L, value("Int8", (byte) -7));
        assertEquals(255L, value("UInt8", (short) 255));
        assertEquals(4294967295L, value("UInt32", 4294967295L));
        assertEquals(9_007_199_254_740_993L, value("Int64", 9_007_199_254_740_993L));
        assertEquals(new BigDecimal("18446744073709551615"), value("UInt64", new BigInteger("18446744073709551615")));
        assertEquals(0.1, value("Float32", 0.1f), "a Float32 keeps its shortest decimal form");
        assertEquals(2.5, value("Float64", 2.5d));
        assertEquals(new BigDecimal("12.3400"), value("Decimal(18, 4)", new BigDecimal("12.3400")));
        assertEquals(Boolean.TRUE, value("Bool", true));
        assertEquals(Boolean.FALSE, value("Bool", (byte) 0));
    }

    @Test
    void timesAreInstantsDatesAndTimesOfDay() {
        ZonedDateTime rome = ZonedDateTime.of(2026, 3, 1, 11, 0, 0, 123_000_000, ZoneId.of("Europe/Rome"));
        assertEquals(Instant.parse("2026-03-01T10:00:00.123Z"), value("DateTime64(3, 'Europe/Rome')", rome));
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), value("DateTime", LocalDateTime.parse("2026-03-01T10:00:00")));
        assertEquals(LocalDate.parse("1988-02-29"), value("Date", LocalDate.parse("1988-02-29")));
        assertEquals(LocalDate.parse("1900-01-01"), value("Date32", java.sql.Date.valueOf("1900-01-01")));
        assertEquals(LocalTime.parse("12:34:56"), value("Time", LocalTime.parse("12:34:56")));
        assertEquals(Instant.parse("1990-05-01T00:00:00Z"), ColumnMapping.instant(LocalDate.parse("1990-05-01")));
        assertThrows(IllegalArgumentException.class, () -> ColumnMapping.instant("2026-03-01"));
    }

    @Test
    void identifiersAndAddresses() throws Exception {
        UUID id = UUID.fromString("0b0d5c2e-93f5-4d4b-9a50-1a2b3c4d5e6f");
        assertEquals(id, value("UUID", id));
        assertEquals(id, value("UUID", id.toString()));
        assertEquals("192.168.1.20", value("IPv4", InetAddress.getByName("192.168.1.20")));
        assertEquals(InetAddress.getByName("2001:db8::1").getHostAddress(), value("IPv6", InetAddress.getByName("2001:db8::1")));
    }

    @Test
    void arraysAreListsOfConvertedElements() {
        assertEquals(Arrays.asList("a", null), value("Array(Nullable(String))", new Object[] {"a", null}));
        assertEquals(List.of(1L, 2L), value("Array(Int32)", new int[] {1, 2}));
        assertEquals(List.of(List.of(new BigDecimal("1")), List.of()),
                value("Array(Array(UInt64))", List.of(List.of(BigInteger.ONE), List.of())));
    }

    @Test
    void structuresAreJsonLikeValues() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("visits", BigInteger.TEN);
        map.put("last", ZonedDateTime.parse("2026-03-01T10:00:00Z"));
        assertEquals(Map.of("visits", BigDecimal.TEN, "last", "2026-03-01T10:00:00Z"), value("Map(String, UInt64)", map));
        assertEquals(List.of("x", 1), value("Tuple(String, UInt8)", new Object[] {"x", 1}));
        assertEquals(Map.of("a", List.of(1.5)), value("JSON", Map.of("a", List.of(1.5f))));
    }
}
