package com.krenalis.core.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static Object convert(Object value, Type type) {
        return Values.toWarehouse(value, type);
    }

    /** The error for a value, at the path of a property named {@code p}. */
    private static ValueException error(Object value, Type type) {
        return assertThrows(ValueException.class, () -> Values.toWarehouse(value, type, "p"));
    }

    private static void refused(Object value, Type type, String reasonPart) {
        ValueException e = error(value, type);
        assertEquals("p", e.path());
        assertTrue(e.reason().contains(reasonPart), e.getMessage());
        assertTrue(e.getMessage().startsWith("p: "), "the message names the property: " + e.getMessage());
    }

    @Test
    void nullIsNullForEveryType() {
        for (Type t : List.of(Type.string(), Type.bool(), Type.int64(), Type.float64(), Type.decimal(5, 2), Type.datetime(),
                Type.date(), Type.time(), Type.uuid(), Type.ip(), Type.json(), Type.array(Type.string()), Type.object(List.of()))) {
            assertNull(convert(null, t), t.toString());
        }
    }

    @Test
    void aNonNullablePropertyRefusesNull() {
        Property required = new Property("email", Type.string(), false, "");
        ValueException e = assertThrows(ValueException.class, () -> Values.toWarehouse(null, required));
        assertEquals("email", e.path());
        assertEquals("email: is required (the property is not nullable)", e.getMessage());
        assertNull(Values.toWarehouse(null, Property.of("email", Type.string())));
        assertEquals("a", Values.toWarehouse("a", required));
        ValueException named = assertThrows(ValueException.class, () -> Values.toWarehouse(1, required));
        assertEquals("email", named.path());
    }

    @Nested
    class Strings {
        @Test
        void lengthIsCountedInCodePointsAndNeverTruncated() {
            assertEquals("", convert("", Type.string(1)));
            assertEquals("abc", convert("abc", Type.string(3)));
            assertEquals("😀😀😀", convert("😀😀😀", Type.string(3)), "three code points, six chars");
            refused("abcd", Type.string(3), "has 4 characters; at most 3");
            refused("😀😀😀😀", Type.string(3), "has 4 characters");
            String long1 = "x".repeat(100_000);
            assertEquals(long1, convert(long1, Type.string()));
        }

        @Test
        void onlyStringsAreStrings() {
            refused(42, Type.string(), "must be a string, was the number 42");
            refused(true, Type.string(), "was true");
            refused(List.of("a"), Type.string(), "was an array");
            refused(Map.of(), Type.string(), "was an object");
        }

        @Test
        void textTheWarehouseCannotStoreIsRefused() {
            refused("a\u0000b", Type.string(), "U+0000");
            refused("a\uD800b", Type.string(), "unpaired surrogate at character 1");
            refused("a\uDC00", Type.string(), "unpaired surrogate");
            refused("\uD83D", Type.string(), "unpaired surrogate");
        }

        @Test
        void errorsNeverRepeatTheString() {
            ValueException e = error("secret@example.com", Type.int64());
            assertTrue(!e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void booleans() {
        assertEquals(true, convert(true, Type.bool()));
        assertEquals(false, convert(false, Type.bool()));
        assertEquals(true, convert("true", Type.bool()));
        assertEquals(false, convert("false", Type.bool()));
        refused("TRUE", Type.bool(), "must be true or false");
        refused("yes", Type.bool(), "must be true or false");
        refused(1, Type.bool(), "was the number 1");
        refused(0, Type.bool(), "must be true or false");
    }

    @Nested
    class Ints {
        @Test
        void everyNumberClassAndNumericStrings() {
            assertEquals(7L, convert(7, Type.int64()));
            assertEquals(7L, convert(7L, Type.int64()));
            assertEquals(7L, convert((short) 7, Type.int64()));
            assertEquals(7L, convert((byte) 7, Type.int64()));
            assertEquals(7L, convert(BigInteger.valueOf(7), Type.int64()));
            assertEquals(7L, convert(new BigDecimal("7.000"), Type.int64()), "a whole number with a zero fraction");
            assertEquals(7L, convert(7.0, Type.int64()));
            assertEquals(700L, convert(7e2, Type.int64()));
            assertEquals(-7L, convert("-7", Type.int64()));
            assertEquals(7L, convert("+7", Type.int64()));
            assertEquals(7000L, convert("7e3", Type.int64()));
            assertEquals(0L, convert("-0", Type.int64()));
        }

        @Test
        void fractionsAreRefused() {
            refused(7.5, Type.int64(), "must be a whole number, was 7.5");
            refused(new BigDecimal("0.1"), Type.int64(), "whole number");
            refused("7.25", Type.int64(), "whole number");
            refused("1e-999999999", Type.int64(), "whole number");
        }

        @Test
        void eachWidthsBoundsAreExact() {
            for (int bits : new int[] {8, 16, 24, 32, 64}) {
                IntType t = IntType.of(bits);
                assertEquals(t.min(), convert(t.min(), t));
                assertEquals(t.max(), convert(t.max(), t));
                assertEquals(t.max(), convert(String.valueOf(t.max()), t));
                refused(BigInteger.valueOf(t.max()).add(BigInteger.ONE), t, "is out of range: int(" + bits + ") accepts "
                        + t.min() + " to " + t.max());
                refused(BigInteger.valueOf(t.min()).subtract(BigInteger.ONE), t, "out of range");
            }
            assertEquals(127L, convert(127, IntType.of(8)));
            refused(128, IntType.of(8), "accepts -128 to 127, was 128");
            refused(8388608, IntType.of(24), "accepts -8388608 to 8388607");
            refused("9223372036854775808", Type.int64(), "out of range");
            refused(1e19, Type.int64(), "out of range");
            refused("1e999999999", Type.int64(), "out of range");
        }

        @Test
        void aRestrictedRangeIsEnforced() {
            IntType age = new IntType(16, 0, 150);
            assertEquals(0L, convert(0, age));
            assertEquals(150L, convert(150, age));
            refused(-1, age, "accepts 0 to 150, was -1");
            refused(151, age, "accepts 0 to 150, was 151");
        }

        @Test
        void whatIsNotANumberIsRefused() {
            refused("", Type.int64(), "not a number");
            refused(" 7", Type.int64(), "not a number");
            refused("0x10", Type.int64(), "not a number");
            refused("NaN", Type.int64(), "not a number");
            refused("1" + "0".repeat(400), Type.int64(), "not a number");
            refused(Double.NaN, Type.int64(), "finite");
            refused(Double.POSITIVE_INFINITY, Type.int64(), "finite");
            refused(true, Type.int64(), "must be an integer, was true");
            refused(new java.util.concurrent.atomic.AtomicLong(1), Type.int64(), "must be an integer");
        }
    }

    @Nested
    class Floats {
        @Test
        void sixtyFourBits() {
            assertEquals(1.5, convert(1.5, Type.float64()));
            assertEquals(1.5, convert("1.5", Type.float64()));
            assertEquals(3.0, convert(3, Type.float64()));
            assertEquals(0.1, convert(new BigDecimal("0.1"), Type.float64()));
            assertEquals(Double.MAX_VALUE, convert(Double.MAX_VALUE, Type.float64()));
            assertEquals(Double.MIN_VALUE, convert(Double.MIN_VALUE, Type.float64()));
            assertEquals(-0.0, convert(-0.0, Type.float64()));
            assertEquals(1e300, convert("1e300", Type.float64()));
            assertEquals(9.223372036854776E18, convert(Long.MAX_VALUE, Type.float64()), "rounded: floats are inexact");
        }

        @Test
        void nonFiniteOverflowAndUnderflowAreRefused() {
            refused(Double.NaN, Type.float64(), "must be a finite number");
            refused(Double.NEGATIVE_INFINITY, Type.float64(), "finite");
            refused(Float.NaN, Type.float64(), "finite");
            refused("NaN", Type.float64(), "not a number");
            refused("Infinity", Type.float64(), "not a number");
            refused("1e400", Type.float64(), "out of the range of a 64-bit float");
            refused(new BigDecimal("-1e400"), Type.float64(), "out of the range");
            refused("1e-400", Type.float64(), "too close to zero for a 64-bit float");
            refused("x", Type.float64(), "not a number");
            refused(List.of(), Type.float64(), "must be a number, was an array");
        }

        @Test
        void thirtyTwoBits() {
            FloatType f32 = new FloatType(32);
            assertEquals(0.1, convert(0.1, f32), "the float's shortest decimal, which PostgreSQL reads back as that float");
            assertEquals(0.1, convert(0.1f, f32));
            assertEquals(Double.valueOf("3.4028235E38"), convert(Float.MAX_VALUE, f32));
            assertEquals(16777216.0, convert(16777217, f32), "rounded to 24 bits");
            refused(1e39, f32, "out of the range of a 32-bit float");
            refused("-1e39", f32, "out of the range of a 32-bit float");
            refused(1e-50, f32, "too close to zero for a 32-bit float");
            assertEquals(0.0, convert(0, f32));
        }
    }

    @Nested
    class Decimals {
        @Test
        void valuesGetTheScaleWithoutRounding() {
            assertEquals(new BigDecimal("12.50"), convert(12.5, Type.decimal(4, 2)));
            assertEquals(new BigDecimal("12.50"), convert("12.5", Type.decimal(4, 2)));
            assertEquals(new BigDecimal("99.99"), convert(new BigDecimal("99.990000"), Type.decimal(4, 2)), "trailing zeros are not digits");
            assertEquals(new BigDecimal("-99.99"), convert(-99.99, Type.decimal(4, 2)));
            assertEquals(new BigDecimal("1000"), convert("1e3", Type.decimal(4, 0)));
            assertEquals(new BigDecimal("0.10"), convert(0.1, Type.decimal(2, 2)), "0.1 as the double's shortest decimal");
            assertEquals(new BigDecimal("0.00"), convert(0, Type.decimal(2, 2)), "zero has no integer digit to count");
            assertEquals(new BigDecimal("12"), convert(12, Type.decimal(2, 0)));
            assertEquals(new BigDecimal("9".repeat(76)), convert(new BigInteger("9".repeat(76)), Type.decimal(76, 0)));
        }

        @Test
        void tooManyDigitsOnEitherSideAreRefused() {
            refused(12.345, Type.decimal(5, 2), "has 3 decimal places; decimal(5,2) allows at most 2 (values are not rounded)");
            refused("100", Type.decimal(4, 2), "has 3 digits before the point; decimal(4,2) allows at most 2");
            refused(1, Type.decimal(2, 2), "has 1 digits before the point");
            refused("1e999999999", Type.decimal(10, 0), "digits before the point");
            refused("1e-999999999", Type.decimal(10, 2), "decimal places");
            refused(Double.NaN, Type.decimal(10, 2), "finite");
            refused("12,5", Type.decimal(10, 2), "not a number");
            refused(false, Type.decimal(10, 2), "must be a number, was false");
        }
    }

    @Nested
    class Times {
        @Test
        void datetimesNeedAnOffsetAndBecomeUtcInstants() {
            assertEquals(Instant.parse("2026-01-31T11:00:00Z"), convert("2026-01-31T12:00:00+01:00", Type.datetime()));
            assertEquals(Instant.parse("2026-01-31T12:00:00Z"), convert("2026-01-31T12:00Z", Type.datetime()));
            assertEquals(Instant.parse("2026-01-31T12:00:00.123456Z"), convert("2026-01-31T12:00:00.1234567Z", Type.datetime()),
                    "digits past the microsecond are dropped");
            assertEquals(Instant.parse("0001-01-01T00:00:00Z"), convert("0001-01-01T00:00:00Z", Type.datetime()));
            assertEquals(Instant.parse("9999-12-31T23:59:59.999999Z"), convert("9999-12-31T23:59:59.999999Z", Type.datetime()));
            refused("2026-01-31T12:00:00", Type.datetime(), "with an offset");
            refused("2026-01-31", Type.datetime(), "with an offset");
            refused("2026-02-30T12:00:00Z", Type.datetime(), "not an ISO-8601");
            refused("2026-01-31 12:00:00Z", Type.datetime(), "not an ISO-8601");
            refused("0001-01-01T00:30:00+01:00", Type.datetime(), "outside the years 1 to 9999 (UTC)");
            refused("+10000-01-01T00:00:00Z", Type.datetime(), "outside the years");
            refused(1767225600000L, Type.datetime(), "must be an ISO-8601 date and time with an offset");
        }

        @Test
        void dates() {
            assertEquals(LocalDate.of(2024, 2, 29), convert("2024-02-29", Type.date()));
            assertEquals(LocalDate.of(1, 1, 1), convert("0001-01-01", Type.date()));
            refused("2023-02-29", Type.date(), "not an ISO-8601 date");
            refused("2024-2-29", Type.date(), "not an ISO-8601 date");
            refused("2024-02-29T00:00:00Z", Type.date(), "not an ISO-8601 date");
            refused("0000-12-31", Type.date(), "outside the years 1 to 9999");
            refused(20240229, Type.date(), "must be an ISO-8601 date");
        }

        @Test
        void times() {
            assertEquals(LocalTime.of(13, 45), convert("13:45", Type.time()));
            assertEquals(LocalTime.of(13, 45, 1, 250_000_000), convert("13:45:01.25", Type.time()));
            assertEquals(LocalTime.of(23, 59, 59, 999_999_000), convert("23:59:59.999999999", Type.time()));
            refused("24:00:00", Type.time(), "not an ISO-8601 time");
            refused("13:45:00Z", Type.time(), "not an ISO-8601 time");
            refused("1:45", Type.time(), "not an ISO-8601 time");
            refused(1345, Type.time(), "must be an ISO-8601 time");
        }
    }

    @Test
    void uuidsInTheirCanonicalFormOnly() {
        UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals(u, convert("123e4567-e89b-12d3-a456-426614174000", Type.uuid()));
        assertEquals(u, convert("123E4567-E89B-12D3-A456-426614174000", Type.uuid()));
        refused("123e4567e89b12d3a456426614174000", Type.uuid(), "canonical form");
        refused("{123e4567-e89b-12d3-a456-426614174000}", Type.uuid(), "canonical form");
        refused("1-1-1-1-1", Type.uuid(), "canonical form");
        refused(42, Type.uuid(), "must be a UUID");
    }

    @Test
    void ipsAreLiteralsNormalised() {
        assertEquals("192.0.2.1", convert("192.0.2.1", Type.ip()));
        assertEquals("2001:db8::1", convert("2001:DB8:0:0:0:0:0:1", Type.ip()));
        assertEquals("::ffff:192.0.2.1", convert("::FFFF:c000:0201", Type.ip()));
        refused("localhost", Type.ip(), "not an IPv4 or IPv6 address");
        refused("example.com", Type.ip(), "host names");
        refused("192.0.2.1/24", Type.ip(), "not an IPv4");
        refused("fe80::1%eth0", Type.ip(), "not an IPv4");
        refused(3232235777L, Type.ip(), "must be an IPv4 or IPv6 address");
    }

    @Nested
    class Json {
        @Test
        void anyJsonValueBecomesJsonText() {
            assertEquals("{\"a\":[1,2.5,\"x\",null,true],\"b\":{}}",
                    convert(map("a", Arrays.asList(1, 2.5, "x", null, true), "b", Map.of()), Type.json()));
            assertEquals("\"text\"", convert("text", Type.json()));
            assertEquals("42", convert(42, Type.json()));
            assertEquals("false", convert(false, Type.json()));
            assertEquals("[]", convert(List.of(), Type.json()));
            assertEquals("1000", convert(new BigDecimal("1E+3"), Type.json()), "plain numbers");
            assertEquals("123456789012345678901234567890", convert(new BigInteger("123456789012345678901234567890"), Type.json()));
        }

        @Test
        void whatJsonbCannotHoldIsRefusedWithItsPath() {
            ValueException nan = error(map("a", List.of(1, Double.NaN)), Type.json());
            assertEquals("p.a[1]", nan.path());
            assertEquals("p", nan.property());
            assertEquals("p.k", error(map("k", "a\u0000"), Type.json()).path());
            assertEquals("p", error(map(1, "x"), Type.json()).path());
            assertTrue(error(map("t", Instant.EPOCH), Type.json()).getMessage().contains("is not a JSON value: a java.time.Instant"));
            assertTrue(error(new BigDecimal("1e200000"), Type.json()).getMessage().contains("too large"));
        }

        @Test
        void depthIsBounded() {
            Object deep = "x";
            for (int i = 0; i < Values.MAX_DEPTH + 5; i++) {
                deep = List.of(deep);
            }
            Object tooDeep = deep;
            assertTrue(error(tooDeep, Type.json()).reason().contains("nested deeper"));
            Map<String, Object> self = new HashMap<>();
            self.put("self", self);
            assertTrue(error(self, Type.json()).reason().contains("nested deeper"), "a cycle ends too");
        }
    }

    @Nested
    class ArrayValues {
        @Test
        void arraysOfScalarsAreListsOfConvertedElements() {
            assertEquals(List.of(1L, 2L), convert(List.of(1, "2"), Type.array(Type.int64())));
            assertEquals(List.of(LocalDate.of(2026, 1, 1)), convert(List.of("2026-01-01"), Type.array(Type.date())));
            assertEquals(List.of("::1"), convert(List.of("0:0:0:0:0:0:0:1"), Type.array(Type.ip())));
            assertEquals(List.of(), convert(List.of(), Type.array(Type.string())));
        }

        @Test
        void elementErrorsNameTheirIndex() {
            ValueException e = error(List.of("a", "b", "c", "dddd"), Type.array(Type.string(3)));
            assertEquals("p[3]", e.path());
            assertEquals("p", e.property());
            assertTrue(e.getMessage().startsWith("p[3]: has 4 characters"), e.getMessage());
            assertEquals("p[1]", error(Arrays.asList("a", null), Type.array(Type.string())).path());
            assertTrue(error(Arrays.asList("a", null), Type.array(Type.string())).reason().contains("arrays hold no nulls"));
            refused("a", Type.array(Type.string()), "must be an array, was a string");
            refused(Map.of(), Type.array(Type.string()), "must be an array, was an object");
        }

        @Test
        void arraysOfObjectsArraysOrJsonAreJsonText() {
            Type point = Type.object(List.of(Property.of("x", Type.int32()), Property.of("at", Type.datetime())));
            assertEquals("[{\"x\":1,\"at\":\"2026-01-01T11:00:00Z\"},{\"x\":2}]",
                    convert(List.of(map("x", 1, "at", "2026-01-01T12:00:00+01:00"), map("x", "2")), Type.array(point)));
            assertEquals("[[1,2],[]]", convert(List.of(List.of(1, 2), List.of()), Type.array(Type.array(Type.int64()))));
            assertEquals("[{\"a\":1},null,\"x\"]", convert(Arrays.asList(map("a", 1), null, "x"), Type.array(Type.json())),
                    "json elements may be null");
            assertEquals("p[1].x", error(List.of(map("x", 1), map("x", 1.5)), Type.array(point)).path());
            assertEquals("p[0][1]", error(List.of(List.of(1, "b")), Type.array(Type.array(Type.int64()))).path());
        }
    }

    @Nested
    class ObjectValues {
        private final Type address = Type.object(List.of(
                new Property("street", Type.string(100), true, ""),
                new Property("city", Type.string(50), false, ""),
                new Property("postal", Type.object(List.of(Property.of("code", Type.string(10)))), true, ""),
                Property.of("since", Type.date()),
                Property.of("id", Type.uuid()),
                Property.of("amount", Type.decimal(6, 2)),
                Property.of("at", Type.time())));

        @Test
        void anObjectIsJsonTextInSchemaOrderWithJsonFormsOfItsValues() {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("at", "08:00");
            in.put("amount", 3.5);
            in.put("id", "123E4567-E89B-12D3-A456-426614174000");
            in.put("since", "2020-02-01");
            in.put("street", null);
            in.put("city", "Roma");
            assertEquals("{\"street\":null,\"city\":\"Roma\",\"since\":\"2020-02-01\","
                    + "\"id\":\"123e4567-e89b-12d3-a456-426614174000\",\"amount\":3.50,\"at\":\"08:00:00\"}", convert(in, address),
                    "absent properties stay absent, explicit nulls stay null");
        }

        @Test
        void nestedErrorsNameTheirPath() {
            ValueException unknown = error(map("city", "Roma", "zip", "00100"), address);
            assertEquals("p.zip", unknown.path());
            assertTrue(unknown.reason().contains("is not a property of this object (it has street, city, postal, since"), unknown.reason());
            ValueException missing = error(map("street", "Via Roma 1"), address);
            assertEquals("p.city", missing.path());
            assertEquals("is required (the property is not nullable)", missing.reason());
            assertEquals("p.city", error(map("city", null), address).path());
            ValueException deep = error(map("city", "Roma", "postal", map("code", "x".repeat(11))), address);
            assertEquals("p.postal.code", deep.path());
            assertEquals("p", deep.property());
            assertEquals("postal.code", assertThrows(ValueException.class,
                    () -> Values.toWarehouse(map("city", "Roma", "postal", map("code", 5)), address)).path(),
                    "without a name the path starts at the nested property");
            refused("Roma", address, "must be an object, was a string");
            assertTrue(error(map("x", 1), Type.object(List.of())).reason().contains("(it has none)"));
        }
    }

    @Test
    void recordPropertiesAreConvertedAndEveryProblemReported() {
        var schema = Type.object(List.of(
                new Property("email", Type.string(320), false, ""),
                Property.of("age", Type.int32()),
                Property.of("tags", Type.array(Type.string())),
                Property.of("score", Type.float64())));
        List<ValueException> errors = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("age", "x");
        values.put("tags", List.of("a"));
        values.put("score", null);
        values.put("nickname", "Al");
        Map<String, Object> out = Values.properties(schema, values, errors::add);
        assertEquals(Arrays.asList(List.of("a"), null), new ArrayList<>(out.values()));
        assertEquals(List.of("tags", "score"), new ArrayList<>(out.keySet()));
        assertEquals(List.of("nickname", "email", "age"), errors.stream().map(ValueException::path).toList());
        assertEquals("nickname: is not a property of the user schema", errors.get(0).getMessage());
    }

    @Test
    void jsonValuesAreCheckedLikeWarehouseValuesAndConvertAgainToThemselves() {
        Type point = Type.object(List.of(Property.of("x", Type.int32()), Property.of("at", Type.datetime())));
        Map<Type, Object[]> cases = new LinkedHashMap<>();
        cases.put(Type.string(5), new Object[]{"abc", "abc"});
        cases.put(Type.int32(), new Object[]{"42", 42L});
        cases.put(Type.float64(), new Object[]{"1.5", 1.5});
        cases.put(Type.decimal(5, 2), new Object[]{3.5, new BigDecimal("3.50")});
        cases.put(Type.datetime(), new Object[]{"2026-01-31T13:00:00.1234567+01:00", "2026-01-31T12:00:00.123456Z"});
        cases.put(Type.date(), new Object[]{"2026-01-31", "2026-01-31"});
        cases.put(Type.time(), new Object[]{"08:00", "08:00:00"});
        cases.put(Type.uuid(), new Object[]{"123E4567-E89B-12D3-A456-426614174000", "123e4567-e89b-12d3-a456-426614174000"});
        cases.put(Type.ip(), new Object[]{"0:0:0:0:0:0:0:1", "::1"});
        cases.put(Type.json(), new Object[]{map("a", List.of(1, "b")), map("a", List.of(1, "b"))});
        cases.put(Type.array(Type.datetime()), new Object[]{List.of("2026-01-31T12:00:00+00:00"), List.of("2026-01-31T12:00:00Z")});
        cases.put(point, new Object[]{map("at", "2026-01-31T12:00:00Z", "x", "2"), map("x", 2L, "at", "2026-01-31T12:00:00Z")});
        cases.forEach((type, c) -> {
            Object json = Values.toJsonValue(c[0], type, "p");
            assertEquals(c[1], json, type.toString());
            assertEquals(json, Values.toJsonValue(json, type, "p"), "converting again changes nothing: " + type);
            assertEquals(Values.toWarehouse(c[0], type), Values.toWarehouse(json, type), "the same warehouse value: " + type);
        });
        assertNull(Values.toJsonValue(null, Type.string(), "p"));
        assertEquals("p.x", assertThrows(ValueException.class, () -> Values.toJsonValue(map("x", 1.5), point, "p")).path());
    }

    @Test
    void storedAsJsonMatchesThePostgresMapping() {
        assertTrue(Values.storedAsJson(Type.json()));
        assertTrue(Values.storedAsJson(Type.object(List.of())));
        assertTrue(Values.storedAsJson(Type.array(Type.json())));
        assertTrue(Values.storedAsJson(Type.array(Type.array(Type.string()))));
        assertTrue(!Values.storedAsJson(Type.array(Type.string())));
        assertTrue(!Values.storedAsJson(Type.string()));
    }

    private static Map<Object, Object> map(Object... keyValues) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
