package com.krenalis.core.internal.mapping;

import com.krenalis.core.internal.mapping.Shape.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * lower, upper, initcap, trim, ltrim, rtrim and substring. Text is Unicode: case mappings are the full,
 * locale-independent ones ({@code ß} upper-cases to {@code SS}), positions and lengths count code points, so a
 * character outside the BMP (an emoji) is one character and is never cut in half. A number or a boolean stands for
 * its text ({@link Operands#text(Object, Expression, String)}); arrays and objects are refused. Null in, null out.
 */
final class TextFunctions {
    private TextFunctions() {
    }

    static Expression mapping(int position, String name, List<Expression> args, UnaryOperator<String> f) {
        Functions.expectText(args.get(0), name, "a string");
        return new TextMapping(position, name, args.get(0), f);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    /**
     * The first letter of each word in title case, the rest in lower case. A word is a run of letters, digits and
     * combining marks, so {@code o'neil} becomes {@code O'Neil} and {@code jean-luc} {@code Jean-Luc}.
     */
    static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isWordPart(cp)) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            int end = i + Character.charCount(cp);
            while (end < s.length() && isWordPart(s.codePointAt(end))) {
                end += Character.charCount(s.codePointAt(end));
            }
            out.appendCodePoint(Character.toTitleCase(cp));
            // The rest of the word as one string: full mappings and context (a Greek final sigma) stay right.
            out.append(s.substring(i + Character.charCount(cp), end).toLowerCase(Locale.ROOT));
            i = end;
        }
        return out.toString();
    }

    private static boolean isWordPart(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }

    /** Removes white space at either end: Unicode's White_Space characters and the byte order mark U+FEFF. */
    static String trim(String s, boolean left, boolean right) {
        int begin = 0;
        int end = s.length();
        while (left && begin < end && isSpace(s.charAt(begin))) {
            begin++;
        }
        while (right && end > begin && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(begin, end);
    }

    /** Unicode's White_Space characters are all in the BMP, so chars will do (a surrogate is never white space). */
    private static boolean isSpace(char c) {
        if (c <= ' ') {
            return c == ' ' || c >= '\t' && c <= '\r';
        }
        return c >= '\u0085' && (c == '\u0085' || c == '\u00A0' || c == '\u1680' || c >= '\u2000' && c <= '\u200A'
                || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000' || c == '\uFEFF');
    }

    static Expression substring(int position, List<Expression> args) {
        Functions.expectText(args.get(0), "substring", "a string");
        Expression start = args.get(1);
        Functions.expect(start, "substring", "a whole number as its start", Kind.NUMBER);
        if (start instanceof Literal l && l.value != null && Operands.whole(l.value, l, "substring", "start") < 1) {
            throw new ExpressionException(l.position, "substring counts positions from 1, so the start must be at least 1");
        }
        Expression length = args.size() == 3 ? args.get(2) : null;
        if (length != null) {
            Functions.expect(length, "substring", "a whole number as its length", Kind.NUMBER);
            if (length instanceof Literal l && l.value != null && Operands.whole(l.value, l, "substring", "length") < 0) {
                throw new ExpressionException(l.position, "substring takes a length of 0 or more");
            }
        }
        return new Substring(position, args.get(0), start, length);
    }

    static final class TextMapping extends Expression {
        private final String name;
        private final Expression arg;
        private final UnaryOperator<String> f;

        TextMapping(int position, String name, Expression arg, UnaryOperator<String> f) {
            super(position, Shape.STRING);
            this.name = name;
            this.arg = arg;
            this.f = f;
        }

        @Override
        Object eval(Map<String, ?> record) {
            Object v = arg.eval(record);
            return v == null ? null : f.apply(Operands.text(v, arg, name));
        }
    }

    /**
     * substring(text, start, length): {@code length} characters (code points) from position {@code start}, counted
     * from 1; to the end without a length. A start past the end gives "", a length past the end stops at the end.
     */
    static final class Substring extends Expression {
        private final Expression text;
        private final Expression start;
        private final Expression length;

        Substring(int position, Expression text, Expression start, Expression length) {
            super(position, Shape.STRING);
            this.text = text;
            this.start = start;
            this.length = length;
        }

        @Override
        Object eval(Map<String, ?> record) {
            Object t = text.eval(record);
            Object b = start.eval(record);
            Object n = length == null ? null : length.eval(record);
            if (t == null || b == null || length != null && n == null) {
                return null;
            }
            String s = Operands.text(t, text, "substring");
            long from = Operands.whole(b, start, "substring", "start");
            if (from < 1) {
                throw new ExpressionException(start.position, "substring counts positions from 1, so the start must "
                        + "be at least 1, was " + from);
            }
            long count = n == null ? Long.MAX_VALUE : Operands.whole(n, length, "substring", "length");
            if (count < 0) {
                throw new ExpressionException(length.position, "substring takes a length of 0 or more, was " + count);
            }
            int begin = advance(s, 0, from - 1);
            return s.substring(begin, advance(s, begin, count));
        }

        /** The char index {@code count} code points after {@code from}, or the end of the string. */
        private static int advance(String s, int from, long count) {
            int i = from;
            for (long k = 0; k < count && i < s.length(); k++) {
                i += Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
            }
            return i;
        }
    }
}
