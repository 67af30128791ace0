package com.krenalis.core.internal.mapping;

import com.krenalis.core.internal.mapping.Shape.Kind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The functions of the expression language: name, signature, arity, and how each builds its node. */
final class Functions {
    /** The arity of functions that take any number of arguments. */
    static final int MANY = Integer.MAX_VALUE;

    @FunctionalInterface
    interface Builder {
        /** The node for a call with a valid number of arguments; checks the arguments' shapes. */
        Expression build(int position, List<Expression> args);
    }

    record Function(String name, String signature, int min, int max, Builder builder) {
        Expression build(int position, List<Expression> args) {
            int n = args.size();
            if (n < min || n > max) {
                String count = min == max ? min + (min == 1 ? " argument" : " arguments")
                        : max == MANY ? "at least " + min + (min == 1 ? " argument" : " arguments")
                        : min + " or " + max + " arguments";
                throw new ExpressionException(position, name + " takes " + count + " — " + signature + " — not " + n);
            }
            return builder.build(position, args);
        }
    }

    private static final Map<String, Function> ALL = new LinkedHashMap<>();

    static {
        add("coalesce", "coalesce(value, value, ...)", 1, MANY, LogicFunctions::coalesce);
        add("if", "if(condition, then, else) or if(condition, then)", 2, 3, LogicFunctions::ifThenElse);
        add("eq", "eq(value, value)", 2, 2, (p, a) -> new LogicFunctions.Eq(p, a.get(0), a.get(1), false));
        add("ne", "ne(value, value)", 2, 2, (p, a) -> new LogicFunctions.Eq(p, a.get(0), a.get(1), true));
        add("and", "and(condition, condition, ...)", 2, MANY, (p, a) -> LogicFunctions.andOr(p, a, true));
        add("or", "or(condition, condition, ...)", 2, MANY, (p, a) -> LogicFunctions.andOr(p, a, false));
        add("not", "not(condition)", 1, 1, LogicFunctions::not);
        add("lower", "lower(text)", 1, 1, (p, a) -> TextFunctions.mapping(p, "lower", a, TextFunctions::lower));
        add("upper", "upper(text)", 1, 1, (p, a) -> TextFunctions.mapping(p, "upper", a, TextFunctions::upper));
        add("initcap", "initcap(text)", 1, 1, (p, a) -> TextFunctions.mapping(p, "initcap", a, TextFunctions::initcap));
        add("trim", "trim(text)", 1, 1, (p, a) -> TextFunctions.mapping(p, "trim", a, s -> TextFunctions.trim(s, true, true)));
        add("ltrim", "ltrim(text)", 1, 1, (p, a) -> TextFunctions.mapping(p, "ltrim", a, s -> TextFunctions.trim(s, true, false)));
        add("rtrim", "rtrim(text)", 1, 1, (p, a) -> TextFunctions.mapping(p, "rtrim", a, s -> TextFunctions.trim(s, false, true)));
        add("substring", "substring(text, start, length) with start counted from 1", 2, 3, TextFunctions::substring);
        add("len", "len(value)", 1, 1, StructureFunctions::len);
        add("json_parse", "json_parse(text)", 1, 1, StructureFunctions::jsonParse);
        add("array", "array(value, ...)", 0, MANY, StructureFunctions::array);
        add("map", "map(key, value, key, value, ...)", 0, MANY, StructureFunctions::map);
    }

    private Functions() {
    }

    private static void add(String name, String signature, int min, int max, Builder builder) {
        ALL.put(name, new Function(name, signature, min, max, builder));
    }

    /** The function of that name, or null. */
    static Function find(String name) {
        return ALL.get(name);
    }

    static Collection<Function> all() {
        return ALL.values();
    }

    /** Refuses an argument that has no text: where text is expected, any other scalar stands for its text. */
    static void expectText(Expression arg, String function, String takes) {
        expect(arg, function, takes, Kind.STRING, Kind.NUMBER, Kind.BOOLEAN, Kind.DATETIME, Kind.DATE, Kind.TIME);
    }

    /**
     * Refuses, at compile time, an argument whose values can never be of the kinds a function takes. Arguments whose
     * kind is unknown (or null) pass: they are checked when the expression runs.
     */
    static void expect(Expression arg, String function, String takes, Kind... kinds) {
        if (!arg.shape.isAny(kinds)) {
            throw new ExpressionException(arg.position, function + " takes " + takes + ", not " + arg.shape.describe());
        }
    }
}
