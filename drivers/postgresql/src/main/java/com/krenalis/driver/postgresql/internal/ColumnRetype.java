package com.krenalis.driver.postgresql.internal;

import com.krenalis.driver.postgresql.internal.PgColumnType.Family;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How a column changes from one type to another, and what that does to its values:
 * <ul>
 * <li>{@link Way#WIDEN}: every value fits the new type unchanged ({@code ALTER COLUMN ... TYPE}, PostgreSQL's
 * implicit cast; longer text, wider integers and decimals, real to double, integers to wide enough decimals or
 * floats);</li>
 * <li>{@link Way#CONVERT}: PostgreSQL's cast rewrites each value ({@code USING "c"::type}); it may round numbers or
 * drop part of a time, and fails the whole change, which then leaves everything as it was, when a value does not
 * convert (text too long, a number out of range, text that is not a number);</li>
 * <li>{@link Way#REPLACE}: no sensible cast (an array to a scalar, JSON to a number, ...): the column is dropped and
 * added again empty.</li>
 * </ul>
 * Casts to {@code character varying(n)} go through {@code text}: an explicit cast to it would silently truncate,
 * while the assignment to the column refuses a value that is too long. Changes run with the time zone UTC.
 */
final class ColumnRetype {
    enum Way { WIDEN, CONVERT, REPLACE }

    /**
     * @param using       the USING expression of a conversion (null for WIDEN and REPLACE)
     * @param consequence what happens to the values, for people
     */
    record Decision(Way way, String using, String consequence) {
    }

    /** Families whose values text converts to with a cast (failing on a value that does not parse). */
    private static final Set<Family> FROM_TEXT = EnumSet.of(Family.BOOLEAN, Family.INT, Family.FLOAT, Family.NUMERIC,
            Family.DATE, Family.TIMESTAMPTZ, Family.TIME, Family.UUID, Family.INET, Family.JSONB);

    private ColumnRetype() {
    }

    static Decision decide(String quotedColumn, PgColumnType from, PgColumnType to) {
        if (from.array() != to.array() || from.family() == Family.OTHER || to.family() == Family.OTHER) {
            return replace();
        }
        if (widens(from, to)) {
            return new Decision(Way.WIDEN, null, "every value is kept");
        }
        if (!converts(from, to)) {
            return replace();
        }
        List<String> effects = new ArrayList<>();
        if (to.family() == Family.TEXT) {
            if (from.family() != Family.TEXT) {
                effects.add("values become their text form");
            }
            if (to.size() != Integer.MAX_VALUE) {
                effects.add("fails if a value is longer than " + to.size() + " characters");
            }
        } else if (from.family() == Family.TEXT) {
            effects.add("fails if a value is not a valid " + to.sql());
        }
        if (to.family() == Family.INT && from.family() != Family.TEXT) {
            if (from.family() != Family.INT) {
                effects.add("rounds fractions to whole numbers");
            }
            effects.add("fails if a value is out of the range of " + to.sql());
        } else if (to.family() == Family.NUMERIC && from.family() != Family.TEXT) {
            if (from.family() != Family.INT) {
                effects.add("rounds values to " + to.scale() + " decimal places");
            }
            effects.add("fails if a value has more than " + (to.size() - to.scale()) + " digits before the point");
        } else if (to.family() == Family.FLOAT && from.family() != Family.TEXT) {
            effects.add("rounds values to the nearest " + to.size() + "-bit float");
        } else if (from.family() == Family.TIMESTAMPTZ && to.family() == Family.DATE) {
            effects.add("keeps only the date (in UTC)");
        } else if (from.family() == Family.TIMESTAMPTZ && to.family() == Family.TIME) {
            effects.add("keeps only the time of day (in UTC)");
        } else if (from.family() == Family.DATE && to.family() == Family.TIMESTAMPTZ) {
            effects.add("dates become midnight UTC");
        } else if (from.family() == to.family() && from.family() != Family.TEXT) {
            effects.add("rounds values to the new precision");
        }
        return new Decision(Way.CONVERT, using(quotedColumn, from, to), String.join("; ", effects));
    }

    private static Decision replace() {
        return new Decision(Way.REPLACE, null, "the column is dropped and added again empty: its data is lost");
    }

    private static boolean widens(PgColumnType from, PgColumnType to) {
        Family f = from.family();
        Family t = to.family();
        if (f == t && (f == Family.TEXT || f == Family.INT || f == Family.FLOAT)) {
            return to.size() >= from.size();
        }
        if (f == Family.NUMERIC && t == Family.NUMERIC) {
            return to.size() == Integer.MAX_VALUE
                    || (from.size() != Integer.MAX_VALUE && to.scale() >= from.scale()
                    && to.size() - to.scale() >= from.size() - from.scale());
        }
        if (f == Family.INT && t == Family.NUMERIC) {
            return to.size() == Integer.MAX_VALUE || to.size() - to.scale() >= from.integerDigits();
        }
        if (f == Family.INT && t == Family.FLOAT) {
            // Exact while the integer fits the float's mantissa (24 and 53 bits).
            return (to.size() == 32 && from.size() <= 16) || (to.size() == 64 && from.size() <= 32);
        }
        return false;
    }

    private static boolean converts(PgColumnType from, PgColumnType to) {
        Family f = from.family();
        Family t = to.family();
        if (f == t) {
            return true;
        }
        if (from.isNumber() && to.isNumber()) {
            return true;
        }
        if (t == Family.TEXT || (f == Family.TEXT && FROM_TEXT.contains(t))) {
            return true;
        }
        return (f == Family.TIMESTAMPTZ && (t == Family.DATE || t == Family.TIME))
                || (f == Family.DATE && t == Family.TIMESTAMPTZ);
    }

    private static String using(String column, PgColumnType from, PgColumnType to) {
        if (from.family() == Family.INET && to.family() == Family.TEXT) {
            // inet's cast to text appends the netmask ("192.0.2.1/32"); its output function does not.
            return from.array()
                    ? "string_to_array(array_to_string(" + column + ", ','), ',')"
                    : "host(" + column + ")";
        }
        return column + "::" + to.castTarget();
    }
}
