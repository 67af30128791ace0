package com.krenalis.core.internal.mapping;

import com.krenalis.api.types.ObjectType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an expression into its evaluator tree, once:
 *
 * <pre>
 * expression := literal | path | call
 * call       := name "(" [ expression { "," expression } ] ")"
 * path       := ( name | "[" string "]" ) { "." name | "[" string "]" | "[" index "]" }
 * literal    := string | number | "true" | "false" | "null"
 * name       := [A-Za-z_][A-Za-z0-9_]*        index := [0-9]+ (from 0)
 * string     := '"' characters, with the escapes of JSON '"'
 * number     := [-] digits [ "." digits ] [ ("e" | "E") [+-] digits ]
 * </pre>
 *
 * White space may separate tokens, not the parts of a path or a number. Paths and functions are checked as they are
 * read (input schema, names, arity, argument kinds); the first problem ends the reading.
 */
final class ExpressionParser {
    /** Far more than a person writes; bounds the work a stored mapping can ask for. */
    static final int MAX_LENGTH = 10_000;
    /** Calls nested deeper are refused: the parser and the evaluator recurse. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private final ObjectType input;
    private int pos;
    private int depth;

    private ExpressionParser(String text, ObjectType input) {
        this.text = text;
        this.input = input;
    }

    /**
     * @param input the input schema, or null for schemaless input
     * @throws ExpressionException at the first problem
     */
    static Expression parse(String text, ObjectType input) {
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException(0, "the expression is longer than " + MAX_LENGTH + " characters");
        }
        ExpressionParser p = new ExpressionParser(text, input);
        p.space();
        if (p.pos == text.length()) {
            throw new ExpressionException(0, "the expression is empty: write a path, a literal or a function call");
        }
        Expression e = p.expression();
        p.space();
        if (p.pos < text.length()) {
            throw new ExpressionException(p.pos, "unexpected " + p.found() + " after the end of the expression");
        }
        return e;
    }

    private Expression expression() {
        space();
        int start = pos;
        if (pos == text.length()) {
            throw new ExpressionException(pos, "the expression ends too early: a value, a path or a function call is missing");
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return new Literal(start, string());
        } else if (c == '-' || isDigit(c)) {
            return new Literal(start, number());
        } else if (c == '[') {
            return path(start, null);
        } else if (!isNameStart(c)) {
            throw new ExpressionException(pos, "unexpected " + found() + ": expected a value, a path or a function call");
        }
        String name = name();
        int afterName = pos;
        space();
        if (pos < text.length() && text.charAt(pos) == '(') {
            return call(start, name);
        }
        pos = afterName;
        if (name.equals("true") || name.equals("false") || name.equals("null")) {
            if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == '[')) {
                throw new ExpressionException(start, name + " is a literal; write [\"" + name + "\"] for a key of "
                        + "that name");
            }
            return new Literal(start, name.equals("null") ? null : Boolean.valueOf(name));
        }
        return path(start, name);
    }

    private Expression call(int start, String name) {
        Functions.Function function = Functions.find(name);
        if (function == null) {
            throw new ExpressionException(start, "unknown function '" + name + "'"
                    + (Functions.find(name.toLowerCase(java.util.Locale.ROOT)) != null ? " (function names are lower case)"
                    : "; the functions are " + String.join(", ", Functions.all().stream().map(Functions.Function::name).toList())));
        }
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException(start, "functions are nested deeper than " + MAX_DEPTH + " levels");
        }
        pos++; // (
        List<Expression> args = new ArrayList<>();
        space();
        if (pos < text.length() && text.charAt(pos) == ')') {
            pos++;
        } else {
            while (true) {
                args.add(expression());
                space();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos < text.length() && text.charAt(pos) == ')') {
                    pos++;
                    break;
                } else {
                    throw new ExpressionException(pos, "expected ',' or ')' in the arguments of " + name + ", found "
                            + found());
                }
            }
        }
        depth--;
        return function.build(start, args);
    }

    private Expression path(int start, String first) {
        List<Object> segments = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        if (first != null) {
            segments.add(first);
            positions.add(start);
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            int at = pos;
            if (c == '.') {
                pos++;
                at = pos;
                if (pos == text.length() || !isNameStart(text.charAt(pos))) {
                    throw new ExpressionException(pos, "expected a name after '.' (write [\"...\"] for a key that is "
                            + "not a name)");
                }
                segments.add(name());
            } else if (c == '[') {
                pos++;
                space();
                if (pos < text.length() && text.charAt(pos) == '"') {
                    segments.add(string());
                } else if (pos < text.length() && isDigit(text.charAt(pos))) {
                    if (segments.isEmpty()) {
                        throw new ExpressionException(at, "a path starts with a key: the input record is an object");
                    }
                    segments.add(index());
                } else {
                    throw new ExpressionException(pos, "expected a key in double quotes or an array index (0, 1, ...) "
                            + "after '['");
                }
                space();
                if (pos == text.length() || text.charAt(pos) != ']') {
                    throw new ExpressionException(pos, "expected ']', found " + found());
                }
                pos++;
            } else {
                break;
            }
            positions.add(at);
        }
        Shape shape = InputPaths.shape(input, segments, positions);
        String[] keys = new String[segments.size()];
        int[] indexes = new int[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            keys[i] = segments.get(i) instanceof String s ? s : null;
            indexes[i] = segments.get(i) instanceof Integer n ? n : -1;
        }
        return new InputPath(start, shape, keys, indexes, text.substring(start, pos));
    }

    private int index() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return Integer.parseInt(text, start, pos, 10);
        } catch (NumberFormatException e) {
            throw new ExpressionException(start, "the array index is too large");
        }
    }

    private String name() {
        int start = pos;
        pos++;
        while (pos < text.length() && isNamePart(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** A string literal with JSON's escapes; it must be valid Unicode (no unpaired surrogates). */
    private String string() {
        int start = pos;
        pos++; // "
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos == text.length()) {
                throw new ExpressionException(start, "the string is not closed: a '\"' is missing");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            int escape = pos;
            char e = pos + 1 < text.length() ? text.charAt(pos + 1) : ' ';
            pos += 2;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length() || !isHex(text, pos, pos + 4)) {
                        throw new ExpressionException(escape, "\\u must be followed by four hexadecimal digits");
                    }
                    out.append((char) Integer.parseInt(text, pos, pos + 4, 16));
                    pos += 4;
                }
                default -> throw new ExpressionException(escape, "unknown escape in a string; use \\\", \\\\, \\/, \\b, "
                        + "\\f, \\n, \\r, \\t or \\uXXXX");
            }
        }
        String s = out.toString();
        for (int i = 0; i < s.length(); i++) {
            if (Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(s.charAt(i))) {
                throw new ExpressionException(start, "the string is not valid Unicode (an unpaired surrogate)");
            }
        }
        return s;
    }

    /** An integer literal is a Long when it fits, any other number a BigDecimal. */
    private Object number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        if (!digits()) {
            throw new ExpressionException(start, "a '-' must be followed by digits (expressions have no arithmetic)");
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            integral = false;
            if (!digits()) {
                throw new ExpressionException(pos, "expected digits after the decimal point");
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            integral = false;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (!digits()) {
                throw new ExpressionException(pos, "expected the digits of the exponent");
            }
        }
        if (pos < text.length() && (isNamePart(text.charAt(pos)) || text.charAt(pos) == '.')) {
            throw new ExpressionException(pos, "unexpected " + found() + " in a number");
        }
        String literal = text.substring(start, pos);
        try {
            return integral ? (Object) Long.parseLong(literal) : new BigDecimal(literal);
        } catch (NumberFormatException e) {
            try {
                return new BigDecimal(literal);
            } catch (NumberFormatException tooLarge) {
                throw new ExpressionException(start, "the number's exponent is too large");
            }
        }
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    private void space() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\n'
                || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    /** The character at the position, for messages. */
    private String found() {
        if (pos >= text.length()) {
            return "the end";
        }
        return "'" + new String(Character.toChars(text.codePointAt(pos))) + "'";
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
