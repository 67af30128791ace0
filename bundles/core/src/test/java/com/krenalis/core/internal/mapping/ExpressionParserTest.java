package com.krenalis.core.internal.mapping;

import static com.krenalis.core.internal.mapping.Expressions.assertEval;
import static com.krenalis.core.internal.mapping.Expressions.assertMessage;
import static com.krenalis.core.internal.mapping.Expressions.compileError;
import static com.krenalis.core.internal.mapping.Expressions.eval;
import static com.krenalis.core.internal.mapping.Expressions.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    @Test
    void literals() {
        assertEval("ab", "\"ab\"");
        assertEval("", "\"\"");
        assertEval(42L, "42");
        assertEval(-7L, "-7");
        assertEval(new BigDecimal("2.50"), "2.50");
        assertEval(new BigDecimal("-1.5e3"), "-1.5e3");
        assertEval(new BigDecimal("1E+2"), "1E+2");
        assertEval(new BigDecimal("123456789012345678901234567890"), "123456789012345678901234567890");
        assertEval(true, "true");
        assertEval(false, "false");
        assertNull(eval("null"));
        assertEval("x", "  \t\n\"x\"\r\n ");
    }

    @Test
    void stringsHaveTheEscapesOfJson() {
        assertEval("a\"b\\c/d\b\f\n\r\t", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"");
        assertEval("é\uD83D\uDE00", "\"\\u00E9\\ud83d\\ude00\"");
        assertEval("it's \uD83D\uDE00 ok", "\"it's \uD83D\uDE00 ok\"");
    }

    @Test
    void paths() {
        assertEval("Ada Lovelace", "name");
        assertEval(42, "nested.inner.value");
        assertEval("B-2", "nested.list[1].sku");
        assertEval("B-2", "nested[\"list\"][ 1 ][\"sku\"]");
        assertEval("odd", "[\"odd key\"]");
        assertEval("vip", "tags[0]");
    }

    @Test
    void whatIsNotThereIsNull() {
        for (String path : List.of("missing", "missing.deeper", "nothing", "nothing.x", "name.first", "tags[2]",
                "tags.first", "nested.inner[0]", "count[0]", "nested.list[0].sku.x", "tags[99999]")) {
            assertNull(eval(path), path);
        }
    }

    @Test
    void pathsReadArraysAndTypedValues() {
        Map<String, Object> record = map("items", new Object[]{"a", "b"}, "at", java.time.Instant.EPOCH);
        assertEquals("b", eval("items[1]", record));
        assertEquals(java.time.Instant.EPOCH, eval("at", record));
    }

    @Test
    void errorsSayWhere() {
        assertMessage("at 1: the expression is empty", compileError(""));
        assertMessage("at 1: the expression is empty", compileError("   "));
        assertMessage("at 1: unknown function 'lowr'; the functions are coalesce, if, eq", compileError("lowr(name)"));
        assertMessage("at 7: unknown function 'LOWER' (function names are lower case)", compileError("lower(LOWER(x))"));
        assertMessage("at 7: unknown function 'trimm'", compileError("lower(trimm(name))"));
        assertMessage("at 11: expected ',' or ')' in the arguments of lower, found the end", compileError("lower(name"));
        assertMessage("at 12: expected ',' or ')' in the arguments of lower, found 'x'", compileError("lower(name x)"));
        assertMessage("at 12: the expression ends too early", compileError("eq(name, 1,"));
        assertMessage("at 10: unexpected ')': expected a value", compileError("eq(name, )"));
        assertMessage("at 6: unexpected ')' after the end of the expression", compileError("lower)"));
        assertMessage("at 6: unexpected 'x' after the end of the expression", compileError("name x"));
        assertMessage("at 1: unexpected '#': expected a value", compileError("#"));
        assertMessage("at 1: the string is not closed", compileError("\"abc"));
        assertMessage("at 3: unknown escape in a string", compileError("\"a\\qb\""));
        assertMessage("at 2: \\u must be followed by four hexadecimal digits", compileError("\"\\u12\""));
        assertMessage("at 1: the string is not valid Unicode", compileError("\"\\ud83d\""));
        assertMessage("at 1: a '-' must be followed by digits (expressions have no arithmetic)", compileError("-x"));
        assertMessage("at 3: expected digits after the decimal point", compileError("1."));
        assertMessage("at 4: expected the digits of the exponent", compileError("1e+"));
        assertMessage("at 3: unexpected 'a' in a number", compileError("12abc"));
        assertMessage("at 4: unexpected '.' in a number", compileError("1.5.2"));
        assertMessage("at 8: expected a name after '.'", compileError("traits."));
        assertMessage("at 8: expected a name after '.'", compileError("traits.\"x\""));
        assertMessage("at 8: expected a key in double quotes or an array index", compileError("traits[x]"));
        assertMessage("at 8: expected a key in double quotes or an array index", compileError("traits[-1]"));
        assertMessage("at 11: expected ']', found the end", compileError("traits[\"a\""));
        assertMessage("at 1: a path starts with a key", compileError("[0]"));
        assertMessage("at 8: the array index is too large", compileError("traits[99999999999]"));
        assertMessage("at 1: null is a literal; write [\"null\"] for a key of that name", compileError("null.x"));
        assertMessage("at 1: true is a literal", compileError("true[0]"));
    }

    @Test
    void positionsCountCharactersNotUtf16Units() {
        assertMessage("at 6: unexpected 'x'", compileError("\"\uD83D\uDE00\uD83D\uDE00\" x"));
    }

    @Test
    void lengthAndDepthAreBounded() {
        assertMessage("at 1: the expression is longer than 10000 characters",
                compileError("\"" + "x".repeat(ExpressionParser.MAX_LENGTH) + "\""));
        String deep = "lower(".repeat(ExpressionParser.MAX_DEPTH) + "name" + ")".repeat(ExpressionParser.MAX_DEPTH);
        assertEquals("ada lovelace", eval(deep));
        String tooDeep = "lower(" + deep + ")";
        assertMessage("at 385: functions are nested deeper than 64 levels", compileError(tooDeep));
    }

    @Test
    void pathsAreCheckedAgainstATypedInput() {
        ObjectType input = Type.object(List.of(
                Property.of("email", Type.string()),
                Property.of("tags", Type.array(Type.string())),
                Property.of("address", Type.object(List.of(Property.of("city", Type.string())))),
                Property.of("extra", Type.json())));
        assertEquals(Shape.STRING, ExpressionParser.parse("email", input).shape);
        assertEquals(Shape.STRING, ExpressionParser.parse("tags[3]", input).shape);
        assertEquals(Shape.arrayOf(Shape.STRING), ExpressionParser.parse("tags", input).shape);
        assertEquals(Shape.STRING, ExpressionParser.parse("address.city", input).shape);
        assertEquals(Shape.ANY, ExpressionParser.parse("extra.a[2].b", input).shape, "json has any shape");
        assertMessage("at 1: unknown input property 'emial' (the input has email, tags, address, extra)",
                typedError("emial", input));
        assertMessage("at 15: unknown input property 'address.town' (it has city)", typedError("lower(address.town)", input));
        assertMessage("at 6: 'tags' is an array: use an index such as tags[0]", typedError("tags.first", input));
        assertMessage("at 7: 'email' is of type string: it has no properties", typedError("email.domain", input));
        assertMessage("at 6: 'email' is of type string, not an array", typedError("email[0]", input));
        assertMessage("at 8: 'address' is of type object, not an array", typedError("address[0]", input));
    }

    private static String typedError(String expression, ObjectType input) {
        ExpressionException e = org.junit.jupiter.api.Assertions.assertThrows(ExpressionException.class,
                () -> ExpressionParser.parse(expression, input));
        return e.describe(expression);
    }
}
