package com.krenalis.core.internal.mapping;

import static com.krenalis.core.internal.mapping.Expressions.assertEval;
import static com.krenalis.core.internal.mapping.Expressions.assertMessage;
import static com.krenalis.core.internal.mapping.Expressions.compileError;
import static com.krenalis.core.internal.mapping.Expressions.eval;
import static com.krenalis.core.internal.mapping.Expressions.map;
import static com.krenalis.core.internal.mapping.Expressions.runError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogicFunctionsTest {

    @Test
    void coalesceGivesTheFirstValueThatIsNotNull() {
        assertEval("Ada Lovelace", "coalesce(missing, nothing, name, \"x\")");
        assertEval("x", "coalesce(missing, \"x\")");
        assertEval("", "coalesce(\"\", \"x\")");
        assertEval(false, "coalesce(off, true)");
        assertNull(eval("coalesce(missing)"));
        assertNull(eval("coalesce(missing, nothing, null)"));
        assertEval("Ada Lovelace", "coalesce(name, lower(count))");
        assertMessage("at 1: coalesce takes at least 1 argument — coalesce(value, value, ...) — not 0",
                compileError("coalesce()"));
    }

    @Test
    void ifChoosesOnTrueOnly() {
        assertEval("yes", "if(flag, \"yes\", \"no\")");
        assertEval("no", "if(off, \"yes\", \"no\")");
        assertEval("no", "if(missing, \"yes\", \"no\")");
        assertEval("yes", "if(eq(count, 3), \"yes\")");
        assertNull(eval("if(off, \"yes\")"), "no else: null");
        assertEval("no", "if(flag, \"no\", lower(count))");
        assertMessage("at 4: if takes a condition (true or false), was a string; compare it with eq to test other values",
                runError("if(name, 1, 2)"));
        assertMessage("at 4: if takes a condition (true or false), was a number", runError("if(count, 1, 2)"));
        assertMessage("at 4: if takes a condition (true or false), not a string", compileError("if(\"true\", 1, 2)"));
        assertMessage("at 4: if takes a condition (true or false), not a number", compileError("if(len(name), 1, 2)"));
        assertMessage("at 1: if takes 2 or 3 arguments — if(condition, then, else) or if(condition, then) — not 1",
                compileError("if(flag)"));
        assertMessage("at 1: if takes 2 or 3 arguments", compileError("if(flag, 1, 2, 3)"));
    }

    @Test
    void eqComparesLikeJson() {
        assertEval(true, "eq(name, \"Ada Lovelace\")");
        assertEval(false, "eq(name, \"ada lovelace\")");
        assertEval(true, "eq(count, 3)");
        assertEval(true, "eq(count, 3.0)");
        assertEval(true, "eq(ratio, 0.50)");
        assertEval(false, "eq(count, \"3\")");
        assertEval(true, "eq(big, 12345678901234)");
        assertEval(true, "eq(flag, true)");
        assertEval(false, "eq(flag, \"true\")");
        assertEval(true, "eq(tags, array(\"vip\", \"beta\"))");
        assertEval(false, "eq(tags, array(\"beta\", \"vip\"))");
        assertEval(true, "eq(nested.inner, map(\"value\", 42.0))");
        assertEval(false, "eq(nested.inner, map(\"value\", 42, \"x\", 1))");
        assertEval(false, "eq(tags, name)");
        assertEval(true, "eq(empty, array())");
    }

    @Test
    void nullEqualsOnlyNull() {
        assertEval(true, "eq(null, null)");
        assertEval(true, "eq(missing, nothing)");
        assertEval(true, "eq(missing, null)");
        assertEval(false, "eq(name, null)");
        assertEval(false, "eq(null, \"\")");
        assertEval(false, "ne(missing, null)");
        assertEval(true, "ne(name, missing)");
    }

    @Test
    void neIsTheComplementOfEq() {
        for (String args : List.of("name, \"Ada Lovelace\"", "count, 3.0", "count, \"3\"", "null, null", "name, null",
                "tags, array(\"vip\", \"beta\")")) {
            assertEquals(!(Boolean) eval("eq(" + args + ")"), eval("ne(" + args + ")"), args);
        }
        assertMessage("at 1: ne takes 2 arguments — ne(value, value) — not 3", compileError("ne(1, 2, 3)"));
    }

    @Test
    void numbersOfEveryClassCompareByValue() {
        Map<String, Object> r = map("i", 7, "l", 7L, "d", 7.0, "f", 7.0f, "bd", new BigDecimal("7.000"),
                "bi", BigInteger.valueOf(7), "s", (short) 7, "half", 0.1);
        for (String a : List.of("i", "l", "d", "f", "bd", "bi", "s")) {
            for (String b : List.of("i", "l", "d", "f", "bd", "bi", "s")) {
                assertEquals(true, eval("eq(" + a + ", " + b + ")", r), a + " = " + b);
            }
        }
        assertEquals(true, eval("eq(half, 0.1)", r), "a double is its shortest decimal");
        assertEquals(false, eval("eq(half, 0.10000000000000001)", r));
    }

    @Test
    void typedValuesCompareAsTheirJsonText() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Map<String, Object> r = map("at", Instant.parse("2026-01-31T12:00:00Z"), "day", LocalDate.of(2026, 1, 31), "id", id,
                "same", Instant.parse("2026-01-31T12:00:00Z"));
        assertEquals(true, eval("eq(at, \"2026-01-31T12:00:00Z\")", r));
        assertEquals(true, eval("eq(at, same)", r));
        assertEquals(true, eval("eq(day, \"2026-01-31\")", r));
        assertEquals(true, eval("eq(id, \"123e4567-e89b-12d3-a456-426614174000\")", r));
    }

    @Test
    void andOrAreTwoValuedAndStopEarly() {
        assertEval(true, "and(flag, eq(count, 3))");
        assertEval(false, "and(flag, off)");
        assertEval(false, "and(flag, missing)");
        assertEval(false, "and(off, name)");
        assertEval(true, "or(off, flag)");
        assertEval(false, "or(off, missing)");
        assertEval(true, "or(flag, name)");
        assertEval(true, "and(flag, flag, flag, not(off))");
        assertMessage("at 11: and takes a condition (true or false), was a string", runError("and(flag, name)"));
        assertMessage("at 9: or takes a condition (true or false), was an array", runError("or(off, tags)"));
        assertMessage("at 1: and takes at least 2 arguments", compileError("and(flag)"));
        assertMessage("at 4: or takes a condition (true or false), not a string", compileError("or(\"x\", flag)"));
        assertMessage("at 11: and takes a condition (true or false), not an array", compileError("and(flag, array())"));
    }

    @Test
    void notOfNoValueIsTrue() {
        assertEval(false, "not(flag)");
        assertEval(true, "not(off)");
        assertEval(true, "not(missing)");
        assertEval(true, "not(null)");
        assertEval(true, "not(not(flag))");
        assertMessage("at 5: not takes a condition (true or false), was a number", runError("not(count)"));
        assertMessage("at 5: not takes a condition (true or false), not a string", compileError("not(lower(name))"));
        assertMessage("at 1: not takes 1 argument — not(condition) — not 2", compileError("not(flag, off)"));
    }
}
