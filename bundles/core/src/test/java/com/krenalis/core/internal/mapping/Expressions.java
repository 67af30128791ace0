package com.krenalis.core.internal.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: expressions evaluated on a fixed schemaless record, and their errors. */
final class Expressions {
    /** The record {@link #eval(String)} reads. */
    static final Map<String, Object> RECORD = map(
            "name", "Ada Lovelace",
            "blank", "  ",
            "emoji", "a\uD83D\uDE00b",
            "count", 3,
            "big", 12345678901234L,
            "ratio", 0.5,
            "flag", true,
            "off", false,
            "nothing", null,
            "tags", List.of("vip", "beta"),
            "empty", List.of(),
            "nested", map("inner", map("value", 42), "list", List.of(map("sku", "A-1"), map("sku", "B-2"))),
            "odd key", "odd",
            "json", "{\"a\":[1,2.50,\"x\"],\"b\":null}");

    private Expressions() {
    }

    static Object eval(String expression) {
        return eval(expression, RECORD);
    }

    static Object eval(String expression, Map<String, ?> record) {
        return ExpressionParser.parse(expression, null).eval(record);
    }

    /** The compile-time error of an expression: its message, with the 1-based position ("at 7: ..."). */
    static String compileError(String expression) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> ExpressionParser.parse(expression, null),
                expression);
        return e.describe(expression);
    }

    /** The error of an expression that compiles but fails on {@link #RECORD}. */
    static String runError(String expression) {
        Expression compiled = ExpressionParser.parse(expression, null);
        ExpressionException e = assertThrows(ExpressionException.class, () -> compiled.eval(RECORD), expression);
        return e.describe(expression);
    }

    static void assertMessage(String expected, String message) {
        assertTrue(message.startsWith(expected.substring(0, Math.min(expected.length(), expected.indexOf(": ") + 2)))
                && message.contains(expected.substring(expected.indexOf(": ") + 2)), "expected '" + expected
                + "', was '" + message + "'");
    }

    static void assertEval(Object expected, String expression) {
        assertEquals(expected, eval(expression), expression);
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }
}
