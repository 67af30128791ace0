package com.krenalis.core.internal.filters;

import static com.krenalis.core.internal.filters.FilterFixtures.PROPERTIES;
import static com.krenalis.core.internal.filters.FilterFixtures.condition;
import static com.krenalis.core.internal.filters.FilterFixtures.filter;
import static com.krenalis.core.internal.filters.FilterFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import com.krenalis.core.internal.filters.Filter.Condition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    private static InvalidInputException error(Object json) {
        return assertThrows(InvalidInputException.class, () -> FilterParser.parse(json, "filter", PROPERTIES));
    }

    private static void assertError(String field, String messagePart, Object json) {
        InvalidInputException e = error(json);
        assertEquals(field, e.errors().get(0).field(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void readsConditionsWithTypedValues() {
        Filter f = FilterParser.parse(filter("or",
                condition("email", "ends with", "@example.com"),
                condition("age", "is between", 18, 30),
                condition("score", "is greater than", 1),
                condition("seen", "is after", "2026-11-23T11:15:30.1234567+01:00"),
                condition("birthday", "is", "1990-02-01"),
                condition("wake", "is before", "07:30"),
                condition("ref", "is", "0190A3C4-5E6F-7A8B-9C0D-1E2F3A4B5C6D"),
                condition("tags", "contains", "vip"),
                condition("traits.plan", "is one of", "pro", 3, true),
                condition("address.city", "exists"),
                condition("vip", "is true")), "filter", PROPERTIES);
        assertEquals(Filter.Logical.OR, f.logical());
        List<Condition> c = f.conditions();
        assertEquals(List.of("@example.com"), c.get(0).values());
        assertEquals(List.of(new BigDecimal(18), new BigDecimal(30)), c.get(1).values());
        assertEquals(List.of(1.0), c.get(2).values());
        assertEquals(List.of(Instant.parse("2026-11-23T10:15:30.123456Z")), c.get(3).values(), "kept to microseconds");
        assertEquals(List.of(LocalDate.of(1990, 2, 1)), c.get(4).values());
        assertEquals(List.of(LocalTime.of(7, 30)), c.get(5).values());
        assertEquals(List.of(UUID.fromString("0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d")), c.get(6).values());
        assertEquals(TypeKind.ARRAY, c.get(7).type().kind());
        assertEquals("traits", c.get(8).column());
        assertEquals(List.of("plan"), c.get(8).path());
        assertEquals(Type.json(), c.get(8).type());
        assertEquals(List.of("pro", BigDecimal.valueOf(3), true), c.get(8).values());
        assertEquals(Type.json(), c.get(9).type(), "an object's nested properties are JSON in the warehouse");
        assertEquals(List.of(), c.get(10).values());
    }

    @Test
    void everyOperatorHasItsJsonSpelling() {
        for (Operator o : Operator.values()) {
            assertEquals(o, Operator.fromJson(o.json()).orElseThrow());
            assertEquals(o.name().toLowerCase().replace('_', ' '), o.json());
        }
    }

    @Test
    void errorsNameTheField() {
        assertError("filter", "must be a JSON object", "email is x");
        assertError("filter.logical", "\"and\" or \"or\"", Map.of("logical", "xor", "conditions", List.of()));
        assertError("filter.conditions", "array", Map.of("logical", "and", "conditions", "email"));
        assertError("filter.conditions", "1 to 100", filter("and"));
        assertError("filter.limit", "unknown field", Map.of("logical", "and", "conditions", List.of(), "limit", 3));
        assertError("filter.conditions[1]", "must be a JSON object", filter("and", condition("email", "is null"), "x"));
        assertError("filter.conditions[0].property", "is required", filter("and", Map.of("operator", "is null")));
        assertError("filter.conditions[0].property", "unknown property 'phone'", filter("and", condition("phone", "is null")));
        assertError("filter.conditions[0].property", "empty segment", filter("and", condition("traits..a", "is null")));
        assertError("filter.conditions[0].property", "only json and object", filter("and", condition("email.domain", "is null")));
        assertError("filter.conditions[0].value", "unknown field",
                filter("and", Map.of("property", "email", "operator", "is", "value", "x")));
        assertError("filter.conditions[0].operator", "is required", filter("and", Map.of("property", "email")));
        assertError("filter.conditions[0].operator", "unknown operator 'equals'", filter("and", condition("email", "equals", "x")));
        assertError("filter.conditions[2].operator", "does not apply to a property of type int",
                filter("and", condition("email", "is null"), condition("email", "is null"), condition("age", "contains", 3)));
        assertError("filter.conditions[0].operator", "only to a nested property", filter("and", condition("traits", "exists")));
    }

    @Test
    void operatorsApplyToTheirTypesOnly() {
        assertError("filter.conditions[0].operator", "does not apply", filter("and", condition("email", "is less than", "b")));
        assertError("filter.conditions[0].operator", "does not apply", filter("and", condition("vip", "is one of", true)));
        assertError("filter.conditions[0].operator", "does not apply", filter("and", condition("seen", "contains", "2026")));
        assertError("filter.conditions[0].operator", "does not apply", filter("and", condition("ref", "is greater than", "a")));
        assertError("filter.conditions[0].operator", "does not apply", filter("and", condition("tags", "is", "a")));
        assertError("filter.conditions[0].operator", "does not apply", filter("and", condition("age", "is true")));
        assertError("filter.conditions[0].operator", "does not apply", filter("and", condition("traits.a", "is before", "x")));
        assertError("filter.conditions[0].operator", "does not apply", filter("and", condition("email", "exists")));
    }

    @Test
    void valueCountsAndTypesAreChecked() {
        assertError("filter.conditions[0].values", "takes 1 value", filter("and", condition("email", "is")));
        assertError("filter.conditions[0].values", "takes 2 values", filter("and", condition("age", "is between", 1)));
        assertError("filter.conditions[0].values", "takes no values", filter("and", condition("email", "is null", "x")));
        assertError("filter.conditions[0].values", "takes 1 to 1000 values", filter("and", condition("email", "is one of")));
        assertError("filter.conditions[0].values", "must be an array",
                filter("and", Map.of("property", "email", "operator", "is", "values", "x")));
        assertError("filter.conditions[0].values[0]", "must be a number", filter("and", condition("age", "is", "3")));
        assertError("filter.conditions[0].values[0]", "must be a string", filter("and", condition("email", "is", 3)));
        assertError("filter.conditions[0].values[0]", "true or false", filter("and", condition("vip", "is", "yes")));
        assertError("filter.conditions[0].values[0]", "ISO-8601 date and time", filter("and", condition("seen", "is after", "2026-11-23")));
        assertError("filter.conditions[0].values[0]", "ISO-8601 date", filter("and", condition("birthday", "is", "01/02/1990")));
        assertError("filter.conditions[0].values[0]", "time of day", filter("and", condition("wake", "is", "7am")));
        assertError("filter.conditions[0].values[0]", "UUID", filter("and", condition("ref", "is", "1-2-3-4-5")));
        assertError("filter.conditions[0].values[0]", "IPv4 or IPv6", filter("and", condition("ip", "is", "example.com")));
        assertError("filter.conditions[0].values[0]", "IPv4 or IPv6", filter("and", condition("ip", "is", "10.0.0.256")));
        assertError("filter.conditions[0].values[0]", "must be a string", filter("and", condition("tags", "contains", 1)));
        assertError("filter.conditions[0].values[1]", "must be a number", filter("and", condition("age", "is one of", 1, "2")));
        assertError("filter.conditions[0].values[0]", "must be a number", filter("and", condition("lucky", "contains", "1")));
        assertError("filter.conditions[0].values[0]", "must be a number", filter("and", condition("traits.n", "is less than", "5")));
        assertError("filter.conditions[0].values[0]", "must be a string", filter("and", condition("traits.n", "starts with", 5)));
        assertError("filter.conditions[0].values[0]", "a string, a number or true or false",
                filter("and", condition("traits.n", "is", Map.of("a", 1))));
        assertError("filter.conditions[0].values[0]", "a string, a number or true or false",
                filter("and", condition("traits.n", "is", (Object) null)));
        assertError("filter.conditions[0].values", "not be greater", filter("and", condition("age", "is between", 30, 18)));
    }

    @Test
    void operatorsWithoutValuesMayOmitThem() {
        Filter f = FilterParser.parse(filter("and", Map.of("property", "email", "operator", "is not empty")), "filter", PROPERTIES);
        assertEquals(Operator.IS_NOT_EMPTY, f.conditions().get(0).operator());
        assertTrue(f.conditions().get(0).operator().negative());
        assertEquals(Operator.IS_EMPTY, f.conditions().get(0).operator().positive());
        assertEquals(Operator.IS, parse("ip", "is", "::1").conditions().get(0).operator());
    }
}
