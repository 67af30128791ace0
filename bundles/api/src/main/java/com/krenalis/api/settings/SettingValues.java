package com.krenalis.api.settings;

import java.util.regex.Pattern;

/** Converts and checks one raw value against its field; the exception message is shown to the user. */
final class SettingValues {
    /**
     * Compiled field patterns: settings are validated on hot paths (the collector checks a source's settings on
     * every browser request), and a pattern is a constant of its field. Bounded by the fields connectors declare.
     */
    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private SettingValues() {
    }

    static Object convert(SettingField f, Object value) {
        return switch (f.kind()) {
            case STRING, TEXT, SECRET -> checkText(f, value);
            case INTEGER -> checkInteger(f, value);
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                throw new IllegalArgumentException("must be true or false");
            }
            case CHOICE -> {
                if (value instanceof String s && f.choices().contains(s)) {
                    yield s;
                }
                throw new IllegalArgumentException("must be one of " + String.join(", ", f.choices()));
            }
        };
    }

    private static String checkText(SettingField f, Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("must be a string");
        }
        if (f.required() && s.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        if (f.maxLength() != null && s.codePointCount(0, s.length()) > f.maxLength()) {
            throw new IllegalArgumentException("must be at most " + f.maxLength() + " characters");
        }
        if (f.kind() != SettingKind.TEXT && s.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0)) {
            throw new IllegalArgumentException("must be a single line");
        }
        if (f.pattern() != null && !PATTERNS.computeIfAbsent(f.pattern(), Pattern::compile).matcher(s).matches()) {
            throw new IllegalArgumentException(f.description().isEmpty() ? "has an invalid format" : "must be " + f.description());
        }
        return s;
    }

    private static Long checkInteger(SettingField f, Object value) {
        long n;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            n = ((Number) value).longValue();
        } else if (value instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                && !Double.isInfinite(num.doubleValue())) {
            n = num.longValue();
        } else {
            throw new IllegalArgumentException("must be a whole number");
        }
        if ((f.min() != null && n < f.min()) || (f.max() != null && n > f.max())) {
            throw new IllegalArgumentException("must be between " + f.min() + " and " + f.max());
        }
        return n;
    }
}
