package com.krenalis.core.internal.filters;

import static com.krenalis.core.internal.filters.FilterFixtures.PROPERTIES;
import static com.krenalis.core.internal.filters.FilterFixtures.condition;
import static com.krenalis.core.internal.filters.FilterFixtures.filter;
import static com.krenalis.core.internal.filters.FilterFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SQL of every operator: identifiers through the quote function, every value and JSON key bound. */
class SqlFilterTest {
    private final Set<Operator> covered = EnumSet.noneOf(Operator.class);

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private void assertSql(String sql, List<Object> args, String property, String operator, Object... values) {
        Filter f = parse(property, operator, values);
        covered.add(f.conditions().get(0).operator());
        SqlFilter.Fragment fragment = SqlFilter.where(f, SqlFilterTest::quote);
        assertEquals("(" + sql + ")", fragment.sql());
        assertEquals(args, fragment.args());
    }

    private static String c(String positive) {
        return "COALESCE((" + positive + "), FALSE)";
    }

    private static String not(String positive) {
        return "NOT " + c(positive);
    }

    @Test
    void scalars() {
        assertSql(c("\"email\" = ?"), List.of("a"), "email", "is", "a");
        assertSql(not("\"email\" = ?"), List.of("a"), "email", "is not", "a");
        assertSql(c("\"age\" IN (?, ?)"), List.of(BigDecimal.ONE, BigDecimal.TEN), "age", "is one of", 1, 10);
        assertSql(not("\"age\" IN (?)"), List.of(BigDecimal.ONE), "age", "is not one of", 1);
        assertSql(c("\"age\" < ?"), List.of(BigDecimal.ONE), "age", "is less than", 1);
        assertSql(c("\"age\" <= ?"), List.of(BigDecimal.ONE), "age", "is less than or equal to", 1);
        assertSql(c("\"score\" > ?"), List.of(1.5), "score", "is greater than", 1.5);
        assertSql(c("\"score\" >= ?"), List.of(1.5), "score", "is greater than or equal to", 1.5);
        assertSql(c("\"balance\" BETWEEN ? AND ?"), List.of(BigDecimal.ONE, BigDecimal.TEN), "balance", "is between", 1, 10);
        assertSql(not("\"balance\" BETWEEN ? AND ?"), List.of(BigDecimal.ONE, BigDecimal.TEN), "balance", "is not between", 1, 10);
        assertSql(c("strpos(\"email\", ?) > 0"), List.of("@x"), "email", "contains", "@x");
        assertSql(not("strpos(\"email\", ?) > 0"), List.of("@x"), "email", "does not contain", "@x");
        assertSql(c("starts_with(\"email\", ?)"), List.of("a"), "email", "starts with", "a");
        assertSql(c("right(\"email\", char_length(?)) = ?"), List.of(".com", ".com"), "email", "ends with", ".com");
        assertSql(c("(\"email\" IS NULL OR \"email\" = '')"), List.of(), "email", "is empty");
        assertSql(not("(\"email\" IS NULL OR \"email\" = '')"), List.of(), "email", "is not empty");
        assertSql(c("\"email\" IS NULL"), List.of(), "email", "is null");
        assertSql(not("\"email\" IS NULL"), List.of(), "email", "is not null");
        assertSql(c("\"vip\" = TRUE"), List.of(), "vip", "is true");
        assertSql(c("\"vip\" = FALSE"), List.of(), "vip", "is false");
        assertSql(c("\"vip\" = ?"), List.of(true), "vip", "is", true);
        assertSql(c("\"seen\" < ?"), List.of(OffsetDateTime.parse("2026-11-23T10:00Z")), "seen", "is before", "2026-11-23T11:00+01:00");
        assertSql(c("\"birthday\" > ?"), List.of(LocalDate.of(2000, 1, 1)), "birthday", "is after", "2000-01-01");
        assertSql(c("\"wake\" = ?"), List.of(LocalTime.of(7, 0)), "wake", "is", "07:00");
        UUID ref = UUID.randomUUID();
        assertSql(c("\"ref\" = ?"), List.of(ref), "ref", "is", ref.toString());
        assertSql(c("\"ip\" IN (CAST(? AS inet), CAST(? AS inet))"), List.of("10.0.0.1", "::1"), "ip", "is one of", "10.0.0.1", "::1");
    }

    @Test
    void arrays() {
        assertSql(c("? = ANY(\"tags\")"), List.of("vip"), "tags", "contains", "vip");
        assertSql(not("? = ANY(\"lucky\")"), List.of(BigDecimal.TEN), "lucky", "does not contain", 10);
        assertSql(c("(\"tags\" IS NULL OR cardinality(\"tags\") = 0)"), List.of(), "tags", "is empty");
    }

    @Test
    void json() {
        String x = "(\"traits\" -> CAST(? AS text))";
        String number = "CASE WHEN jsonb_typeof(" + x + ") = 'number' THEN CAST(" + x + " AS numeric) END";
        String string = "CASE WHEN jsonb_typeof(" + x + ") = 'string' THEN " + x + " #>> '{}' END";
        assertSql(c(x + " = CAST(? AS jsonb)"), List.of("plan", "\"pro\""), "traits.plan", "is", "pro");
        assertSql(not(x + " IN (CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb))"),
                List.of("plan", "\"a\\\"b\"", "2.5", "true"), "traits.plan", "is not one of", "a\"b", 2.5, true);
        assertSql(c(number + " < ?"), List.of("n", "n", new BigDecimal(5)), "traits.n", "is less than", 5);
        assertSql(c(number + " BETWEEN ? AND ?"), List.of("n", "n", BigDecimal.ONE, new BigDecimal(5)), "traits.n", "is between", 1, 5);
        assertSql(c("(strpos(" + string + ", ?) > 0 OR jsonb_typeof(" + x + ") = 'array' AND " + x + " @> CAST(? AS jsonb))"),
                List.of("t", "t", "a", "t", "t", "[\"a\"]"), "traits.t", "contains", "a");
        assertSql(c("(jsonb_typeof(" + x + ") = 'array' AND " + x + " @> CAST(? AS jsonb))"),
                List.of("t", "t", "[7]"), "traits.t", "contains", 7);
        assertSql(c("starts_with(" + string + ", ?)"), List.of("t", "t", "a"), "traits.t", "starts with", "a");
        assertSql(c("(" + x + " IS NULL OR " + x + " IN ('null'::jsonb, '\"\"'::jsonb, '[]'::jsonb, '{}'::jsonb))"),
                List.of("t", "t"), "traits.t", "is empty");
        assertSql(c("(" + x + " IS NULL OR jsonb_typeof(" + x + ") = 'null')"), List.of("t", "t"), "traits.t", "is null");
        assertSql(c(x + " IS NOT NULL"), List.of("t"), "traits.t", "exists");
        assertSql(not(x + " IS NOT NULL"), List.of("t"), "traits.t", "does not exist");
        assertSql(c(x + " = 'true'::jsonb"), List.of("t"), "traits.t", "is true");
        assertSql(c("(\"traits\" -> CAST(? AS text) -> CAST(? AS text)) = 'false'::jsonb"), List.of("a", "b'; DROP TABLE x; --"),
                "traits.a.b'; DROP TABLE x; --", "is false");
        assertSql(c("\"traits\" = CAST(? AS jsonb)"), List.of("1"), "traits", "is", 1);
        assertSql(c("(\"address\" -> CAST(? AS text)) = CAST(? AS jsonb)"), List.of("city", "\"Rome\""), "address.city", "is", "Rome");
    }

    @Test
    void conditionsAreJoinedByTheLogicalOperator() {
        Filter f = FilterParser.parse(filter("or", condition("email", "is null"), condition("age", "is", 3)), "filter", PROPERTIES);
        SqlFilter.Fragment fragment = SqlFilter.where(f, SqlFilterTest::quote);
        assertEquals("(" + c("\"email\" IS NULL") + " OR " + c("\"age\" = ?") + ")", fragment.sql());
        assertEquals(List.of(new BigDecimal(3)), fragment.args());
    }

    @Test
    void identifiersGoThroughTheQuoteFunction() {
        Filter f = FilterParser.parse(filter("and", condition("email", "is null")), "filter",
                java.util.Map.of("email", com.krenalis.api.types.Type.string()));
        assertEquals("(COALESCE((`email` IS NULL), FALSE))", SqlFilter.where(f, s -> "`" + s + "`").sql());
    }

    @Test
    void everyOperatorIsCovered() {
        scalars();
        arrays();
        json();
        assertEquals(List.of(), new ArrayList<>(EnumSet.complementOf(EnumSet.copyOf(covered))));
    }
}
