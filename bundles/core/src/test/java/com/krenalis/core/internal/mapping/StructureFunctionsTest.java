package com.krenalis.core.internal.mapping;

import static com.krenalis.core.internal.mapping.Expressions.assertEval;
import static com.krenalis.core.internal.mapping.Expressions.assertMessage;
import static com.krenalis.core.internal.mapping.Expressions.compileError;
import static com.krenalis.core.internal.mapping.Expressions.eval;
import static com.krenalis.core.internal.mapping.Expressions.list;
import static com.krenalis.core.internal.mapping.Expressions.map;
import static com.krenalis.core.internal.mapping.Expressions.runError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructureFunctionsTest {

    @Test
    void lenCountsCharactersElementsAndKeys() {
        assertEval(12L, "len(name)");
        assertEval(3L, "len(emoji)");
        assertEval(0L, "len(\"\")");
        assertEval(2L, "len(tags)");
        assertEval(0L, "len(empty)");
        assertEval(2L, "len(nested)");
        assertEval(1L, "len(map(\"a\", 1))");
        assertEquals(2L, eval("len(a)", map("a", new Object[]{1, 2})));
        assertNull(eval("len(missing)"));
        assertNull(eval("len(null)"));
        assertMessage("at 5: len takes a string, an array or an object, was a number", runError("len(count)"));
        assertMessage("at 5: len takes a string, an array or an object, was true", runError("len(flag)"));
        assertMessage("at 5: len takes a string, an array or an object, not a number", compileError("len(1)"));
        assertMessage("at 5: len takes a string, an array or an object, not true or false", compileError("len(not(flag))"));
    }

    @Test
    void jsonParseReadsAnyJsonValueExactly() {
        assertEquals(map("a", list(1, new BigDecimal("2.50"), "x"), "b", null), eval("json_parse(json)"));
        assertEval(List.of(1, 2), "json_parse(\"[1, 2]\")");
        assertEval("x", "json_parse(\"\\\"x\\\"\")");
        assertEval(new BigDecimal("0.1"), "json_parse(\"0.1\")");
        assertEval(12345678901234567L, "json_parse(\"12345678901234567\")");
        assertEval(true, "json_parse(\" true \")");
        assertNull(eval("json_parse(\"null\")"));
        assertNull(eval("json_parse(missing)"));
    }

    @Test
    void jsonParseSaysWhereTheTextIsWrongWithoutQuotingIt() {
        Map<String, Object> r = map("s", "{\"secret\": x}");
        Expression e = ExpressionParser.parse("json_parse(s)", null);
        String message = org.junit.jupiter.api.Assertions.assertThrows(ExpressionException.class, () -> e.eval(r))
                .describe("json_parse(s)");
        assertEquals("at 1: json_parse was given a string that is not JSON (line 1, column 12)", message);
        assertFalse(message.contains("secret"));
        assertMessage("at 1: json_parse was given a string that is not JSON", runError("json_parse(\"[1] [2]\")"));
        assertMessage("at 1: json_parse was given a string that is not JSON", runError("json_parse(\"\")"));
        assertMessage("at 1: json_parse was given a string that is not JSON", runError("json_parse(blank)"));
        assertMessage("at 12: json_parse takes a string, was an object", runError("json_parse(nested)"));
        assertMessage("at 12: json_parse takes a string, not an array", compileError("json_parse(array())"));
        assertEval(12, "json_parse(12)");
        assertEval(3, "json_parse(count)");
    }

    @Test
    void arrayKeepsTheValuesThatAreNotNull() {
        assertEval(List.of("Ada Lovelace", 3L, true), "array(name, 3, flag)");
        assertEval(List.of("Ada Lovelace"), "array(missing, name, null, nothing)");
        assertEval(List.of(), "array()");
        assertEval(List.of(), "array(null)");
        assertEval(List.of(List.of("vip", "beta"), List.of()), "array(tags, empty)");
        assertEquals(Shape.arrayOf(Shape.STRING), ExpressionParser.parse("array(\"a\", lower(x), null)", null).shape);
        assertEquals(Shape.arrayOf(Shape.ANY), ExpressionParser.parse("array(\"a\", 1)", null).shape);
    }

    @Test
    void mapBuildsAnObjectOfTheValuesThatAreNotNull() {
        Object m = eval("map(\"name\", name, \"count\", count, \"none\", missing, \"tags\", tags)");
        assertEquals(map("name", "Ada Lovelace", "count", 3, "tags", List.of("vip", "beta")), m);
        assertEquals(List.of("name", "count", "tags"), List.copyOf(((Map<?, ?>) m).keySet()), "in the order written");
        assertEval(map(), "map()");
        assertEval(map("Ada Lovelace", 1L), "map(name, 1)");
        assertEval(map("k", 2L), "map(lower(\"K\"), 1, \"k\", 2)");
        assertEval(map(), "map(lower(\"K\"), 1, \"k\", null)");
        assertEval(map("inner", map("v", 42)), "map(\"inner\", map(\"v\", nested.inner.value))");
        assertTrue(ExpressionParser.parse("map(\"a\", 1, \"b\", name)", null).shape.properties().keySet()
                .containsAll(List.of("a", "b")));
        assertNull(ExpressionParser.parse("map(name, 1)", null).shape.properties(), "keys unknown until run time");
    }

    @Test
    void mapErrors() {
        assertMessage("at 1: map takes keys and values in pairs — map(key, value, key, value, ...) — not 3 arguments",
                compileError("map(\"a\", 1, \"b\")"));
        assertMessage("at 13: map has the key \"a\" twice", compileError("map(\"a\", 1, \"a\", 2)"));
        assertMessage("at 5: map keys cannot be null", compileError("map(null, 1)"));
        assertMessage("at 5: map takes strings as keys, not an array", compileError("map(array(), 1)"));
        assertMessage("at 5: map keys cannot be null", runError("map(missing, 1)"));
        assertMessage("at 5: map (as a key) takes a string, was an array", runError("map(tags, 1)"));
        assertEval(map("3", 1L, "true", 2L), "map(count, 1, flag, 2)");
    }
}
