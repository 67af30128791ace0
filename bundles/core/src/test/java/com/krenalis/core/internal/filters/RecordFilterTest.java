package com.krenalis.core.internal.filters;

import static com.krenalis.core.internal.filters.FilterFixtures.PROPERTIES;
import static com.krenalis.core.internal.filters.FilterFixtures.condition;
import static com.krenalis.core.internal.filters.FilterFixtures.filter;
import static com.krenalis.core.internal.filters.FilterFixtures.parse;
import static com.krenalis.core.internal.filters.FilterFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every operator evaluated in memory, on matching, non-matching, null and absent values. */
class RecordFilterTest {
    private final Set<Operator> covered = EnumSet.noneOf(Operator.class);

    /** Whether the condition matches a record whose {@code property}'s column holds {@code value}. */
    private boolean on(Object value, String property, String operator, Object... values) {
        Filter f = parse(property, operator, values);
        covered.add(f.conditions().get(0).operator());
        return RecordFilter.matches(f, record(property.split("\\.")[0], value));
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        return record(keysAndValues);
    }

    @Test
    void equality() {
        assertTrue(on("a@example.com", "email", "is", "a@example.com"));
        assertFalse(on("A@example.com", "email", "is", "a@example.com"), "case-sensitive");
        assertFalse(on(null, "email", "is", "a@example.com"));
        assertTrue(on(null, "email", "is not", "a@example.com"), "the complement of is: no value matches is not");
        assertFalse(on("a@example.com", "email", "is not", "a@example.com"));
        assertTrue(on(30, "age", "is", 30.0));
        assertTrue(on(new BigDecimal("12.50"), "balance", "is", 12.5));
        assertTrue(on(-0.0, "score", "is", 0));
        assertTrue(on(true, "vip", "is", true));
        assertFalse(on(false, "vip", "is", true));
        assertTrue(on("2026-11-23T10:15:30.123456Z", "seen", "is", "2026-11-23T11:15:30.123456+01:00"));
        assertTrue(on(OffsetDateTime.parse("2026-11-23T10:15:30Z"), "seen", "is", "2026-11-23T10:15:30Z"));
        assertTrue(on("1990-02-01", "birthday", "is", "1990-02-01"));
        assertTrue(on(LocalTime.of(7, 30), "wake", "is", "07:30:00"));
        assertTrue(on(UUID.fromString("0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"), "ref", "is", "0190A3C4-5E6F-7A8B-9C0D-1E2F3A4B5C6D"));
        assertTrue(on("0:0:0:0:0:0:0:1", "ip", "is", "::1"));
        assertFalse(on("::ffff:10.0.0.1", "ip", "is", "10.0.0.1"), "an IPv4-mapped address is IPv6, as in PostgreSQL");
        assertTrue(on("x", "email", "is one of", "y", "x"));
        assertFalse(on("z", "email", "is one of", "y", "x"));
        assertTrue(on("z", "email", "is not one of", "y", "x"));
        assertTrue(on(null, "email", "is not one of", "y", "x"));
        assertFalse(on(3L, "age", "is not one of", 1, 3));
    }

    @Test
    void ordering() {
        assertTrue(on(17, "age", "is less than", 18));
        assertFalse(on(18, "age", "is less than", 18));
        assertTrue(on(18, "age", "is less than or equal to", 18));
        assertTrue(on(19L, "age", "is greater than", 18));
        assertFalse(on(18, "age", "is greater than", 18));
        assertTrue(on(18, "age", "is greater than or equal to", 18));
        assertFalse(on(null, "age", "is greater than or equal to", 18));
        assertTrue(on(18, "age", "is between", 18, 30));
        assertTrue(on(30, "age", "is between", 18, 30));
        assertFalse(on(31, "age", "is between", 18, 30));
        assertTrue(on(31, "age", "is not between", 18, 30));
        assertTrue(on(null, "age", "is not between", 18, 30));
        assertFalse(on(20, "age", "is not between", 18, 30));
        assertTrue(on(Double.NaN, "score", "is greater than", 1e300), "NaN sorts after every number, as in PostgreSQL");
        assertTrue(on(new BigDecimal("0.1"), "balance", "is less than", 0.11));
        assertTrue(on("2026-11-23T10:00:00Z", "seen", "is before", "2026-11-23T10:00:00.000001Z"));
        assertFalse(on("2026-11-23T10:00:00Z", "seen", "is before", "2026-11-23T10:00:00Z"));
        assertTrue(on(Instant.parse("2026-11-24T00:00:00Z"), "seen", "is after", "2026-11-23T23:59:59Z"));
        assertTrue(on(LocalDate.of(2000, 1, 1), "birthday", "is after", "1999-12-31"));
        assertTrue(on("06:00:00", "wake", "is between", "05:00", "07:00"));
        assertTrue(on("06:00:00", "wake", "is less than", "07:00"));
    }

    @Test
    void text() {
        assertTrue(on("ada@example.com", "email", "contains", "@example"));
        assertTrue(on("ada@example.com", "email", "contains", ""));
        assertFalse(on("ada@example.com", "email", "contains", "@EXAMPLE"));
        assertFalse(on(null, "email", "contains", "@"));
        assertTrue(on("ada@test.com", "email", "does not contain", "@example"));
        assertTrue(on(null, "email", "does not contain", "@example"));
        assertFalse(on("ada@example.com", "email", "does not contain", "@example"));
        assertTrue(on("ada@example.com", "email", "starts with", "ada@"));
        assertFalse(on("bob@example.com", "email", "starts with", "ada@"));
        assertTrue(on("ada@example.com", "email", "ends with", ".com"));
        assertFalse(on("ada@example.it", "email", "ends with", ".com"));
        assertTrue(on("", "email", "is empty"));
        assertTrue(on(null, "email", "is empty"), "no value is empty");
        assertFalse(on(" ", "email", "is empty"));
        assertTrue(on("x", "email", "is not empty"));
        assertFalse(on(null, "email", "is not empty"));
    }

    @Test
    void nullsBooleansAndUnreadableValues() {
        assertTrue(on(null, "email", "is null"));
        assertFalse(on("", "email", "is null"));
        assertTrue(on("", "email", "is not null"));
        assertTrue(RecordFilter.matches(parse("email", "is null"), Map.of()), "an absent key has no value");
        assertTrue(on(true, "vip", "is true"));
        assertFalse(on(null, "vip", "is true"));
        assertTrue(on(false, "vip", "is false"));
        assertFalse(on(true, "vip", "is false"));
        assertTrue(on("thirty", "age", "is not null"), "a value of the wrong type is not null");
        assertFalse(on("thirty", "age", "is", 30), "a value of the wrong type matches no positive operator");
        assertTrue(on("thirty", "age", "is not", 30));
        assertFalse(on("yesterday", "seen", "is before", "2026-01-01T00:00:00Z"));
    }

    @Test
    void arrays() {
        assertTrue(on(List.of("a", "vip"), "tags", "contains", "vip"));
        assertTrue(on(new Object[]{"vip"}, "tags", "contains", "vip"));
        assertFalse(on(Arrays.asList("a", null), "tags", "contains", "vip"));
        assertFalse(on(null, "tags", "contains", "vip"));
        assertTrue(on(null, "tags", "does not contain", "vip"));
        assertTrue(on(List.of(7L, 13L), "lucky", "contains", 13));
        assertTrue(on(List.of(), "tags", "is empty"));
        assertTrue(on(null, "tags", "is empty"));
        assertFalse(on(List.of("a"), "tags", "is empty"));
        assertTrue(on(List.of("a"), "tags", "is not empty"));
        assertTrue(on(null, "tags", "is null"));
    }

    @Test
    void json() {
        Map<String, Object> traits = object("plan", "pro", "seats", 12, "ratio", 0.5, "beta", true, "none", null,
                "tags", List.of("a", 2), "empty", List.of(), "nested", object("city", "Rome"), "text", "", "digits", "12");
        assertTrue(on(traits, "traits.plan", "is", "pro"));
        assertTrue(on(traits, "traits.seats", "is", 12.0), "numbers by value");
        assertFalse(on(traits, "traits.digits", "is", 12), "a string of digits is not a number");
        assertTrue(on(traits, "traits.beta", "is", true));
        assertTrue(on(traits, "traits.plan", "is not", "free"));
        assertTrue(on(traits, "traits.missing", "is not", "free"));
        assertTrue(on(traits, "traits.seats", "is one of", "12", 12));
        assertTrue(on(traits, "traits.seats", "is not one of", "12", 13));
        assertTrue(on(traits, "traits.seats", "is less than", 13));
        assertTrue(on(traits, "traits.seats", "is less than or equal to", 12));
        assertTrue(on(traits, "traits.ratio", "is greater than", 0.25));
        assertTrue(on(traits, "traits.ratio", "is greater than or equal to", 0.5));
        assertFalse(on(traits, "traits.digits", "is greater than", 1), "only numbers are ordered");
        assertTrue(on(traits, "traits.seats", "is between", 10, 12));
        assertTrue(on(traits, "traits.plan", "is not between", 10, 12));
        assertTrue(on(traits, "traits.plan", "contains", "r"));
        assertTrue(on(traits, "traits.tags", "contains", "a"));
        assertTrue(on(traits, "traits.tags", "contains", 2.0));
        assertFalse(on(traits, "traits.tags", "contains", "2"));
        assertTrue(on(traits, "traits.tags", "does not contain", "b"));
        assertTrue(on(traits, "traits.plan", "starts with", "pr"));
        assertFalse(on(traits, "traits.seats", "starts with", "1"));
        assertTrue(on(traits, "traits.plan", "ends with", "ro"));
        assertTrue(on(traits, "traits.empty", "is empty"));
        assertTrue(on(traits, "traits.text", "is empty"));
        assertTrue(on(traits, "traits.none", "is empty"));
        assertTrue(on(traits, "traits.missing", "is empty"));
        assertTrue(on(object(), "traits", "is empty"));
        assertTrue(on(traits, "traits.plan", "is not empty"));
        assertTrue(on(traits, "traits.beta", "is true"));
        assertFalse(on(traits, "traits.plan", "is true"));
        assertFalse(on(traits, "traits.nested.city", "is false"));
        assertTrue(on(object("beta", false), "traits.beta", "is false"));
        assertTrue(on(traits, "traits.none", "is null"));
        assertTrue(on(traits, "traits.missing", "is null"));
        assertTrue(on(traits, "traits.plan", "is not null"));
        assertTrue(on(traits, "traits.none", "exists"), "a key with null exists");
        assertFalse(on(traits, "traits.missing", "exists"));
        assertFalse(on(traits, "traits.plan.x", "exists"), "a path through a string reaches nothing");
        assertTrue(on(traits, "traits.missing", "does not exist"));
        assertTrue(on(traits, "traits.nested.city", "is", "Rome"));
        assertTrue(on(object("city", "Rome"), "address.city", "is", "Rome"), "an object's properties are JSON keys");
        assertTrue(on(null, "traits.plan", "does not exist"));
    }

    @Test
    void logicalOperators() {
        Map<String, Object> r = record("email", "ada@example.com", "age", 30);
        Object isAda = condition("email", "starts with", "ada");
        Object isMinor = condition("age", "is less than", 18);
        assertFalse(RecordFilter.matches(FilterParser.parse(filter("and", isAda, isMinor), "filter", PROPERTIES), r));
        assertTrue(RecordFilter.matches(FilterParser.parse(filter("or", isAda, isMinor), "filter", PROPERTIES), r));
        assertTrue(RecordFilter.matches(FilterParser.parse(filter("and", isAda), "filter", PROPERTIES), r));
    }

    @Test
    void everyOperatorIsCovered() {
        equality();
        ordering();
        text();
        nullsBooleansAndUnreadableValues();
        arrays();
        json();
        List<Operator> missing = new ArrayList<>(EnumSet.complementOf(EnumSet.copyOf(covered)));
        assertEquals(List.of(), missing);
    }
}
