package com.krenalis.core.internal.mapping;

import static com.krenalis.core.internal.mapping.Expressions.assertEval;
import static com.krenalis.core.internal.mapping.Expressions.assertMessage;
import static com.krenalis.core.internal.mapping.Expressions.compileError;
import static com.krenalis.core.internal.mapping.Expressions.eval;
import static com.krenalis.core.internal.mapping.Expressions.map;
import static com.krenalis.core.internal.mapping.Expressions.runError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TextFunctionsTest {
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, two UTF-16 units

    private static Object text(String function, String value) {
        return eval(function + "(s)", map("s", value));
    }

    @Test
    void lowerAndUpperUseFullLocaleIndependentMappings() {
        assertEval("ada lovelace", "lower(name)");
        assertEval("ADA LOVELACE", "upper(name)");
        assertEquals("àéîõü ñ", text("lower", "ÀÉÎÕÜ Ñ"));
        assertEquals("STRASSE", text("upper", "straße"), "ß has no single upper-case letter");
        assertEquals("οδος", text("lower", "ΟΔΟΣ"), "a final sigma is ς");
        assertEquals("i\u0307stanbul", text("lower", "İstanbul"), "not the Turkish mapping: no locale applies");
        assertEquals("TITLE", text("upper", "title"), "not the Turkish İ either");
        assertEquals("ǆ", text("lower", "ǅ"));
        assertEquals("a" + EMOJI + "b", text("lower", "A" + EMOJI + "B"));
        assertEquals("\uD801\uDC28", text("lower", "\uD801\uDC00"), "Deseret: letters outside the BMP have case");
        assertEquals("", text("upper", ""));
    }

    @Test
    void initcapCapitalisesEachWord() {
        assertEquals("Ada Lovelace", text("initcap", "ada LOVELACE"));
        assertEquals("Élodie Dupont", text("initcap", "élodie DUPONT"));
        assertEquals("O'Neil Mcdonald-Smith", text("initcap", "o'neil MCDONALD-smith"));
        assertEquals("Σοφία Παπαδοπούλου", text("initcap", "ΣΟΦΊΑ ΠΑΠΑΔΟΠΟΎΛΟΥ"));
        assertEquals("Οδος", text("initcap", "ΟΔΟΣ"), "the final sigma of a word");
        assertEquals("ǅemal", text("initcap", "ǆEMAL"), "a digraph takes its title-case form, not its upper case");
        assertEquals("E\u0301lodie", text("initcap", "e\u0301LODIE"), "a combining accent stays inside the word");
        assertEquals("Emoji " + EMOJI + "Smile", text("initcap", "EMOJI " + EMOJI + "smile"), "an emoji separates words");
        assertEquals("3rd Street", text("initcap", "3RD street"));
        assertEquals("Jean  Luc\t", text("initcap", "jean  luc\t"), "separators are kept as they are");
        assertEquals("Łódź", text("initcap", "łÓDŹ"));
        assertEquals("", text("initcap", ""));
    }

    @Test
    void trimRemovesUnicodeWhiteSpace() {
        String spaces = " \t\n\r\u000B\f\u0085\u00A0\u1680\u2000\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
        assertEquals("a b", text("trim", spaces + "a b" + spaces));
        assertEquals("a b" + spaces, text("ltrim", spaces + "a b" + spaces));
        assertEquals(spaces + "a b", text("rtrim", spaces + "a b" + spaces));
        assertEval("", "trim(blank)");
        assertEquals("\u200Bx", text("trim", "\u200Bx "), "a zero-width space is not white space");
        assertEquals("\u001Cx", text("trim", "\u001Cx"), "nor are the information separators Java counts as white space");
        assertEquals(EMOJI, text("trim", " " + EMOJI + " "));
    }

    @Test
    void substringCountsCharactersFromOne() {
        assertEval("Ada", "substring(name, 1, 3)");
        assertEval("Lovelace", "substring(name, 5)");
        assertEval("e", "substring(name, 12)");
        assertEval("", "substring(name, 13)");
        assertEval("", "substring(name, 99, 5)");
        assertEval("", "substring(name, 2, 0)");
        assertEval("Lovelace", "substring(name, 5, 1000)");
        assertEval("Lovelace", "substring(name, 5, 9223372036854775807)");
        assertEval("Ada", "substring(name, 1.0, 3.0)");
        assertEval("Ada", "substring(name, 1, len(\"abc\"))");
    }

    @Test
    void substringNeverCutsASurrogatePair() {
        assertEval(EMOJI, "substring(emoji, 2, 1)");
        assertEval(EMOJI + "b", "substring(emoji, 2)");
        assertEval("b", "substring(emoji, 3)");
        assertEval("a" + EMOJI, "substring(emoji, 1, 2)");
        assertEquals(EMOJI + EMOJI, eval("substring(s, 2, 2)", map("s", EMOJI + EMOJI + EMOJI)));
    }

    @Test
    void substringOfNullIsNull() {
        assertNull(eval("substring(missing, 1, 2)"));
        assertNull(eval("substring(name, missing, 2)"));
        assertNull(eval("substring(name, 1, missing)"));
    }

    @Test
    void substringRefusesPositionsBeforeTheFirst() {
        assertMessage("at 17: substring counts positions from 1, so the start must be at least 1", compileError("substring(name, 0, 2)"));
        assertMessage("at 17: substring counts positions from 1", compileError("substring(name, -3)"));
        assertMessage("at 20: substring takes a length of 0 or more", compileError("substring(name, 1, -1)"));
        assertMessage("at 17: substring takes a whole number as its start, was a number", compileError("substring(name, 1.5)"));
        assertMessage("at 17: substring takes a whole number as its start, not a string", compileError("substring(name, \"1\")"));
        assertMessage("at 11: substring takes a string, not an array", compileError("substring(array(), 1)"));
        assertMessage("at 1: substring takes 2 or 3 arguments", compileError("substring(name)"));
        assertMessage("at 17: substring counts positions from 1, so the start must be at least 1, was 0",
                runError("substring(name, len(empty))"));
        assertMessage("at 20: substring takes a length of 0 or more, was -1", runErrorWith("substring(name, 1, n)", -1));
        assertMessage("at 20: substring takes a whole number as its length, was a number", runErrorWith("substring(name, 1, n)", 0.5));
        assertMessage("at 17: substring takes a whole number as its start, was a string", runError("substring(name, name)"));
        assertMessage("at 11: substring takes a string, was an array", runError("substring(tags, 1)"));
    }

    private static String runErrorWith(String expression, Object n) {
        Expression e = ExpressionParser.parse(expression, null);
        return org.junit.jupiter.api.Assertions.assertThrows(ExpressionException.class,
                () -> e.eval(map("name", "Ada", "n", n))).describe(expression);
    }

    @Test
    void textFunctionsGiveNullForNull() {
        for (String f : List.of("lower", "upper", "initcap", "trim", "ltrim", "rtrim")) {
            assertNull(eval(f + "(missing)"), f);
            assertNull(eval(f + "(null)"), f);
            assertNull(eval(f + "(nothing)"), f);
        }
    }

    @Test
    void numbersAndBooleansStandForTheirText() {
        assertEval("3", "lower(count)");
        assertEval("TRUE", "upper(flag)");
        assertEval("0.5", "trim(ratio)");
        assertEval("12", "substring(big, 1, 2)");
        assertEval("2.5", "initcap(2.50)");
        assertEquals("1", eval("lower(n)", map("n", 1.0)), "the same text a string property gets");
    }

    @Test
    void textFunctionsRefuseArraysAndObjects() {
        for (String f : List.of("lower", "upper", "initcap", "trim", "ltrim", "rtrim")) {
            int at = f.length() + 2;
            assertMessage("at " + at + ": " + f + " takes a string, was an array", runError(f + "(tags)"));
            assertMessage("at " + at + ": " + f + " takes a string, was an object", runError(f + "(nested)"));
            assertMessage("at " + at + ": " + f + " takes a string, not an array", compileError(f + "(array(name))"));
            assertMessage("at " + at + ": " + f + " takes a string, not an object", compileError(f + "(map())"));
            assertMessage("at 1: " + f + " takes 1 argument", compileError(f + "(name, name)"));
        }
        assertMessage("at 7: lower takes a string, was a number", runErrorWith("lower(n)", Double.NaN));
    }

    @Test
    void aUuidOfATypedSourceIsText() {
        UUID id = UUID.fromString("123E4567-E89B-12D3-A456-426614174000");
        assertEquals("123E4567-E89B-12D3-A456-426614174000", eval("upper(id)", map("id", id)));
    }
}
