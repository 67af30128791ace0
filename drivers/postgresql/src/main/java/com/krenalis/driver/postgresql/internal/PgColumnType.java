package com.krenalis.driver.postgresql.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type as {@code format_type()} writes it (and {@link PostgresTypes} produces it), taken apart into what
 * deciding a type change needs: the family, the size within the family, and whether it is an array.
 *
 * @param size text: the maximum length ({@link Integer#MAX_VALUE} for {@code text}); integers and floats: the bits;
 *             numeric: the precision ({@link Integer#MAX_VALUE} when unconstrained)
 */
record PgColumnType(String sql, Family family, boolean array, int size, int scale) {
    private static final Pattern VARCHAR = Pattern.compile("character varying\\((\\d+)\\)");
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

    enum Family { TEXT, INT, FLOAT, NUMERIC, BOOLEAN, DATE, TIMESTAMPTZ, TIME, UUID, INET, JSONB, OTHER }

    static PgColumnType parse(String sql) {
        boolean array = sql.endsWith("[]");
        String base = array ? sql.substring(0, sql.length() - 2) : sql;
        Matcher m;
        if (base.equals("text") || base.equals("character varying")) {
            return new PgColumnType(sql, Family.TEXT, array, Integer.MAX_VALUE, 0);
        } else if ((m = VARCHAR.matcher(base)).matches()) {
            return new PgColumnType(sql, Family.TEXT, array, Integer.parseInt(m.group(1)), 0);
        } else if ((m = NUMERIC.matcher(base)).matches()) {
            return new PgColumnType(sql, Family.NUMERIC, array, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return switch (base) {
            case "smallint" -> new PgColumnType(sql, Family.INT, array, 16, 0);
            case "integer" -> new PgColumnType(sql, Family.INT, array, 32, 0);
            case "bigint" -> new PgColumnType(sql, Family.INT, array, 64, 0);
            case "real" -> new PgColumnType(sql, Family.FLOAT, array, 32, 0);
            case "double precision" -> new PgColumnType(sql, Family.FLOAT, array, 64, 0);
            case "numeric" -> new PgColumnType(sql, Family.NUMERIC, array, Integer.MAX_VALUE, 0);
            case "boolean" -> new PgColumnType(sql, Family.BOOLEAN, array, 0, 0);
            case "date" -> new PgColumnType(sql, Family.DATE, array, 0, 0);
            case "uuid" -> new PgColumnType(sql, Family.UUID, array, 0, 0);
            case "inet" -> new PgColumnType(sql, Family.INET, array, 0, 0);
            case "jsonb" -> new PgColumnType(sql, Family.JSONB, array, 0, 0);
            default -> {
                if (base.startsWith("timestamp") && base.endsWith(" with time zone")) {
                    yield new PgColumnType(sql, Family.TIMESTAMPTZ, array, 0, 0);
                } else if (base.startsWith("time") && base.endsWith(" without time zone") && !base.startsWith("timestamp")) {
                    yield new PgColumnType(sql, Family.TIME, array, 0, 0);
                }
                yield new PgColumnType(sql, Family.OTHER, array, 0, 0);
            }
        };
    }

    /** The type without the length of {@code character varying(n)}: a cast to it never truncates. */
    String castTarget() {
        return family == Family.TEXT ? (array ? "text[]" : "text") : sql;
    }

    /** Digits a value of this integer type can have. */
    int integerDigits() {
        return size == 16 ? 5 : size == 32 ? 10 : 19;
    }

    boolean isNumber() {
        return family == Family.INT || family == Family.FLOAT || family == Family.NUMERIC;
    }
}
