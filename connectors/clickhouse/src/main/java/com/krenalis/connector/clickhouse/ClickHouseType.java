package com.krenalis.connector.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * A ClickHouse data type as the server names it ({@code Nullable(DateTime64(3, 'UTC'))}, {@code Array(String)},
 * {@code Map(String, UInt64)}): a name and its raw arguments, which are nested types, numbers or quoted strings.
 *
 * @param name      the type's family, e.g. {@code DateTime64}
 * @param arguments the arguments between the parentheses, trimmed, in order; empty when there are none
 */
record ClickHouseType(String name, List<String> arguments) {

    ClickHouseType {
        arguments = List.copyOf(arguments);
    }

    /** Parses a type name; throws IllegalArgumentException when it is not one. */
    static ClickHouseType parse(String text) {
        String s = text.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            requireName(s, text);
            return new ClickHouseType(s, List.of());
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("not a ClickHouse type: " + text);
        }
        String name = s.substring(0, open).strip();
        requireName(name, text);
        return new ClickHouseType(name, splitArguments(s.substring(open + 1, s.length() - 1), text));
    }

    private static void requireName(String name, String text) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a ClickHouse type: " + text);
        }
    }

    /** Splits at the commas that are outside parentheses and quotes. */
    private static List<String> splitArguments(String inner, String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '`' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (--depth < 0) {
                    throw new IllegalArgumentException("unbalanced parentheses in " + text);
                }
            } else if (c == ',' && depth == 0) {
                out.add(inner.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (depth != 0 || quote != 0) {
            throw new IllegalArgumentException("unbalanced parentheses or quotes in " + text);
        }
        String last = inner.substring(start).strip();
        if (!last.isEmpty() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    /** The type an argument names, e.g. the element type of {@code Array(T)}. */
    ClickHouseType argumentType(int index) {
        return parse(arguments.get(index));
    }

    /** An integer argument, e.g. the precision of {@code DateTime64(3)}. */
    int intArgument(int index) {
        return Integer.parseInt(arguments.get(index));
    }

    /** A quoted string argument without its quotes, e.g. the time zone of {@code DateTime('UTC')}. */
    String stringArgument(int index) {
        String a = arguments.get(index);
        if (a.length() < 2 || a.charAt(0) != '\'' || a.charAt(a.length() - 1) != '\'') {
            throw new IllegalArgumentException("not a quoted string: " + a);
        }
        return a.substring(1, a.length() - 1).replace("\\'", "'").replace("\\\\", "\\");
    }

    /** The type without the wrappers that change nothing about the values: Nullable, LowCardinality. */
    ClickHouseType unwrapped() {
        ClickHouseType t = this;
        while ((t.name.equals("Nullable") || t.name.equals("LowCardinality")) && t.arguments.size() == 1) {
            t = t.argumentType(0);
        }
        // SimpleAggregateFunction(any, T) stores plain values of T.
        if (t.name.equals("SimpleAggregateFunction") && t.arguments.size() == 2) {
            return t.argumentType(1).unwrapped();
        }
        return t;
    }

    @Override
    public String toString() {
        return arguments.isEmpty() ? name : name + "(" + String.join(", ", arguments) + ")";
    }
}
