package com.krenalis.core.internal.mapping;

import static com.krenalis.core.internal.mapping.Expressions.list;
import static com.krenalis.core.internal.mapping.Expressions.map;
import static com.krenalis.core.internal.mapping.MappingFixtures.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.settings.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Values of expressions converted into every type of output property. */
class MappingConversionTest {

    /** The output value of {@code property} mapped from the record's {@code v}. */
    private static Object out(String property, Object v) {
        MappingResult r = compile(Map.of(property, "v")).evaluate(map("v", v));
        assertFalse(r.failed(), () -> r.errors().toString());
        return r.values().get(property);
    }

    /** The one error of mapping {@code v} into {@code property}. */
    private static FieldError error(String property, Object v) {
        MappingResult r = compile(Map.of(property, "v")).evaluate(map("v", v));
        assertEquals(1, r.errors().size(), () -> "errors: " + r.errors() + ", values: " + r.values());
        return r.errors().get(0);
    }

    private static void refused(String property, Object v, String field, String messagePart) {
        FieldError e = error(property, v);
        assertEquals(field, e.field(), e.toString());
        assertTrue(e.message().contains(messagePart), e.toString());
    }

    @Test
    void stringsTakeTextAndTheTextOfNumbersBooleansAndTimes() {
        assertEquals("Ada", out("name", "Ada"));
        assertEquals("42", out("name", 42));
        assertEquals("42", out("name", 42L));
        assertEquals("123456789012345678901234567890", out("name", new BigInteger("123456789012345678901234567890")));
        assertEquals("3.5", out("name", new BigDecimal("3.50")), "no trailing zeros, whatever the parser kept");
        assertEquals("3.5", out("name", 3.5));
        assertEquals("1", out("name", 1.0));
        assertEquals("0", out("name", new BigDecimal("0.000")));
        assertEquals("0", out("name", -0.0));
        assertEquals("0.1", out("name", 0.1), "a double is its shortest decimal");
        assertEquals("0.1", out("name", 0.1f));
        assertEquals("100000000000000000000", out("name", 1e20));
        assertEquals("0.0000001", out("name", 1e-7));
        assertEquals("-1500", out("name", new BigDecimal("-1.5E+3")));
        assertEquals("1E+1000", out("name", new BigDecimal("1e1000")), "too long written plainly");
        assertEquals("true", out("name", true));
        assertEquals("2026-01-31T12:00:00Z", out("name", Instant.parse("2026-01-31T12:00:00Z")));
        assertEquals("2026-01-31T12:00:00Z", out("name", OffsetDateTime.parse("2026-01-31T13:00:00+01:00")));
        assertEquals("2026-01-31", out("name", LocalDate.of(2026, 1, 31)));
        assertEquals("08:30:00", out("name", LocalTime.of(8, 30)));
        assertEquals("123e4567-e89b-12d3-a456-426614174000", out("name", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
    }

    @Test
    void stringsAreCheckedAndNeverTruncated() {
        assertEquals("\uD83D\uDE00".repeat(3), out("code", "\uD83D\uDE00".repeat(3)), "three characters, six UTF-16 units");
        refused("code", "abcd", "code", "has 4 characters; at most 3 are allowed (values are not truncated)");
        refused("code", 1234, "code", "has 4 characters");
        refused("email", "x".repeat(321), "email", "has 321 characters; at most 320");
        refused("name", "a\u0000b", "name", "U+0000");
        refused("name", List.of("a"), "name", "must be a string, was an array");
        refused("name", Map.of(), "name", "must be a string, was an object");
        refused("name", Double.NaN, "name", "must be a string");
    }

    @Test
    void ints() {
        assertEquals(42L, out("age", 42));
        assertEquals(42L, out("age", "42"));
        assertEquals(42L, out("age", 42.0));
        assertEquals(42L, out("age", new BigDecimal("4.2e1")));
        assertEquals(Long.MAX_VALUE, out("visits", "9223372036854775807"));
        refused("age", 121, "age", "is out of range: int(8) accepts 0 to 120");
        refused("age", -1, "age", "is out of range");
        refused("visits", "9223372036854775808", "visits", "is out of range");
        refused("age", 3.5, "age", "must be a whole number");
        refused("age", "3 years", "age", "the string is not a number");
        refused("age", true, "age", "must be an integer, was true");
    }

    @Test
    void floats() {
        assertEquals(1.5, out("score", 1.5));
        assertEquals(1.5, out("score", "1.5"));
        assertEquals(3.0, out("score", 3));
        assertEquals(0.1, out("score32", 0.1));
        assertEquals(Double.valueOf(Float.toString(1.1f)), out("score32", new BigDecimal("1.1")));
        refused("score32", 1e39, "score32", "out of the range of a 32-bit float");
        refused("score", "NaN", "score", "not a number");
    }

    @Test
    void decimalsGetTheirScaleWithoutRounding() {
        assertEquals(new BigDecimal("3.50"), out("amount", 3.5));
        assertEquals(new BigDecimal("1234.56"), out("amount", "1234.56"));
        assertEquals(new BigDecimal("-7.00"), out("amount", -7));
        refused("amount", 1.234, "amount", "has 3 decimal places; decimal(6,2) allows at most 2 (values are not rounded)");
        refused("amount", 12345.6, "amount", "has 5 digits before the point; decimal(6,2) allows at most 4");
    }

    @Test
    void booleans() {
        assertEquals(true, out("vip", true));
        assertEquals(false, out("vip", "false"));
        refused("vip", "yes", "vip", "must be true or false");
        refused("vip", 1, "vip", "must be true or false, was the number 1");
    }

    @Test
    void timesAreIsoTextInTheOutput() {
        assertEquals("2026-01-31T12:00:00Z", out("seen", "2026-01-31T13:00:00+01:00"));
        assertEquals("2026-01-31T12:00:00.123456Z", out("seen", "2026-01-31T12:00:00.1234567Z"));
        assertEquals("2026-01-31T12:00:00Z", out("seen", Instant.parse("2026-01-31T12:00:00Z")));
        refused("seen", "2026-01-31T12:00:00", "seen", "with an offset");
        refused("seen", 1769860800, "seen", "must be an ISO-8601 date and time with an offset");
        assertEquals("2026-01-31", out("birthday", "2026-01-31"));
        assertEquals("2026-01-31", out("birthday", LocalDate.of(2026, 1, 31)));
        refused("birthday", "31/01/2026", "birthday", "is not an ISO-8601 date");
        assertEquals("08:00:00", out("wake", "08:00"));
        assertEquals("08:00:00.25", out("wake", LocalTime.of(8, 0, 0, 250_000_000)));
        refused("wake", "25:00", "wake", "is not an ISO-8601 time of day");
    }

    @Test
    void uuidsAndIps() {
        assertEquals("123e4567-e89b-12d3-a456-426614174000", out("ref", "123E4567-E89B-12D3-A456-426614174000"));
        assertEquals("123e4567-e89b-12d3-a456-426614174000", out("ref", UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
        refused("ref", "123e4567", "ref", "is not a UUID in its canonical form");
        assertEquals("::1", out("ip", "0:0:0:0:0:0:0:1"));
        assertEquals("192.0.2.1", out("ip", "192.0.2.1"));
        refused("ip", "example.com", "ip", "is not an IPv4 or IPv6 address");
    }

    @Test
    void jsonTakesAnyJsonValueWithTypedValuesAsText() {
        Map<String, Object> tree = map("a", list(1, "x", null, true), "b", map("c", 2.5));
        assertEquals(tree, out("extra", tree));
        assertEquals("x", out("extra", "x"));
        assertEquals(map("at", "2026-01-31T12:00:00Z"), out("extra", map("at", Instant.parse("2026-01-31T12:00:00Z"))));
        assertEquals(List.of("2026-01-31"), out("extra", new Object[]{LocalDate.of(2026, 1, 31)}));
        refused("extra", map("a", list(1, Double.NaN)), "extra.a[1]", "must be a finite number");
    }

    @Test
    void arraysConvertEachElement() {
        assertEquals(List.of("vip", "1", "true"), out("tags", list("vip", 1, true)));
        assertEquals(List.of(1L, 2L), out("scores", list("1", 2.0)));
        assertEquals(List.of(), out("scores", list()));
        refused("scores", list(1, "x"), "scores[1]", "the string is not a number");
        refused("tags", list("a", null), "tags[1]", "is null; arrays hold no nulls");
        refused("tags", list("a", "much too long"), "tags[1]", "has 13 characters; at most 10");
        refused("tags", "vip", "tags", "must be an array, was a string");
        assertEquals(List.of(map("x", 1L)), out("points", list(map("x", "1"))));
        refused("points", list(map("x", 1), map("y", 2)), "points[1].y", "is not a property of this object");
    }

    @Test
    void objectsAreStrict() {
        assertEquals(map("street", "Via Roma 1", "city", "Roma"), out("address", map("city", "Roma", "street", "Via Roma 1")),
                "in schema order");
        assertEquals(map("city", "Roma", "geo", map("lat", 41.9, "lon", 12.5)),
                out("address", map("city", "Roma", "geo", map("lat", "41.9", "lon", 12.5))));
        assertEquals(map("city", "10"), out("address", map("city", 10)), "a nested string takes a number's text too");
        refused("address", map("city", "Roma", "zip", "00100"), "address.zip", "is not a property of this object");
        refused("address", map("street", "Via Roma 1"), "address.city", "is required (the property is not nullable)");
        refused("address", map("city", "x".repeat(51)), "address.city", "has 51 characters");
        refused("address", "Roma", "address", "must be an object, was a string");
    }

    @Test
    void nullIsLeftOut() {
        MappingResult r = compile(Map.of("name", "v", "email", "w", "tags", "array(v)")).evaluate(map("w", "a@b.c"));
        assertEquals(map("email", "a@b.c", "tags", List.of()), r.values(), "no name key at all");
        assertFalse(r.values().containsKey("name"));
        assertNull(compile(Map.of("name", "v")).evaluate(map("v", null)).values().get("name"));
    }
}
