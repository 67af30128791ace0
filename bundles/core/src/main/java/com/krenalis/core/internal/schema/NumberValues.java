package com.krenalis.core.internal.schema;

import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * int, float and decimal values: from JSON numbers (any {@link Number} a JSON parser makes) or numeric strings
 * ({@code "42"}, {@code "-1.5e3"}; no spaces, no hexadecimal, no NaN or Infinity). Exact types never round: a value
 * that does not fit is refused.
 */
final class NumberValues {
    /** A decimal number in plain or scientific notation. */
    private static final Pattern NUMERIC = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** Longer numeric strings are refused before parsing, which is quadratic in the length. */
    private static final int MAX_NUMERIC_STRING = 400;

    private NumberValues() {
    }

    static Long toInt(Object value, IntType type, String path) {
        BigDecimal d = exact(value, path, "an integer");
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw new ValueException(path, "must be a whole number, was " + d);
        }
        // Integer digits first: toBigInteger on 1e999999999 would build a huge number.
        long digits = d.signum() == 0 ? 0 : (long) d.precision() - d.scale();
        BigInteger integer = digits > 20 ? null : d.toBigInteger();
        if (integer == null || integer.compareTo(BigInteger.valueOf(type.min())) < 0
                || integer.compareTo(BigInteger.valueOf(type.max())) > 0) {
            throw new ValueException(path, "is out of range: " + describe(type) + " accepts " + type.min() + " to "
                    + type.max() + (integer == null ? "" : ", was " + integer));
        }
        return integer.longValue();
    }

    /** A 32-bit float comes back as the double of its shortest decimal, which PostgreSQL reads back as that float. */
    static Double toFloat(Object value, FloatType type, String path) {
        double d;
        boolean zero;
        if (value instanceof Double || value instanceof Float) {
            d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new ValueException(path, "must be a finite number, was " + d);
            }
            zero = d == 0;
        } else {
            BigDecimal exact = exact(value, path, "a number");
            d = exact.doubleValue();
            zero = exact.signum() == 0;
        }
        if (type.bits() == 32) {
            float f = (float) d;
            if (Float.isInfinite(f)) {
                throw new ValueException(path, "is out of the range of a 32-bit float (at most ±" + Float.MAX_VALUE + ")");
            }
            if (f == 0 && !zero) {
                throw new ValueException(path, "is too close to zero for a 32-bit float");
            }
            return Double.valueOf(Float.toString(f));
        }
        if (Double.isInfinite(d)) {
            throw new ValueException(path, "is out of the range of a 64-bit float (at most ±" + Double.MAX_VALUE + ")");
        }
        if (d == 0 && !zero) {
            throw new ValueException(path, "is too close to zero for a 64-bit float");
        }
        return d;
    }

    static BigDecimal toDecimal(Object value, DecimalType type, String path) {
        BigDecimal d = exact(value, path, "a number").stripTrailingZeros();
        int places = Math.max(0, d.scale());
        if (places > type.scale()) {
            throw new ValueException(path, "has " + places + " decimal places; " + describe(type) + " allows at most "
                    + type.scale() + " (values are not rounded)");
        }
        long digits = d.signum() == 0 ? 0 : (long) d.precision() - d.scale();
        if (digits > type.precision() - type.scale()) {
            throw new ValueException(path, "has " + digits + " digits before the point; " + describe(type)
                    + " allows at most " + (type.precision() - type.scale()));
        }
        return d.setScale(type.scale());
    }

    /**
     * The exact value of a JSON number or numeric string. Doubles become their shortest decimal ({@code 0.1}, not
     * {@code 0.1000000000000000055511151231257827}): the number the JSON most likely held.
     */
    static BigDecimal exact(Object value, String path, String expected) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigDecimal b) {
            return b;
        } else if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new ValueException(path, "must be a finite number, was " + d);
            }
            return value instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
        } else if (value instanceof String s) {
            if (s.length() > MAX_NUMERIC_STRING || !NUMERIC.matcher(s).matches()) {
                throw new ValueException(path, "must be " + expected + "; the string is not a number");
            }
            try {
                return new BigDecimal(s);
            } catch (NumberFormatException e) {
                throw new ValueException(path, "is not a number Krenalis can store (the exponent is too large)");
            }
        }
        throw new ValueException(path, "must be " + expected + ", was " + Values.describe(value));
    }

    static String describe(IntType t) {
        return "int(" + t.bits() + ")";
    }

    static String describe(DecimalType t) {
        return "decimal(" + t.precision() + "," + t.scale() + ")";
    }
}
