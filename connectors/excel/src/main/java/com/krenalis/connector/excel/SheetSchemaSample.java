package com.krenalis.connector.excel;

import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers column types from sample rows, by the kinds of their non-blank cells: whole numbers {@code int(64)}, other
 * numbers (or a mix) {@code float(64)}, date-formatted numbers {@code date}, {@code time} or {@code datetime} (a mix of
 * dates and date-times is {@code datetime}), booleans {@code boolean}, text {@code string}. Whole numbers mixed with
 * text that is all whole numbers ("number stored as text", as Excel does past 15 digits) stay {@code int}; any other
 * mix, or a column with no value in the sample, is {@code string}.
 */
final class SheetSchemaSample implements SheetRecords.Records {
    /** A kind of its own for text that reads as a whole number. */
    private enum Kind { INT, FLOAT, BOOLEAN, STRING, WHOLE_TEXT, DATE, TIME, DATETIME }

    private final int limit;
    private final Map<String, Set<Kind>> kinds = new LinkedHashMap<>();
    private int seen;

    SheetSchemaSample(int limit) {
        this.limit = limit;
    }

    @Override
    public void header(List<String> columns) {
        columns.forEach(c -> kinds.put(c, EnumSet.noneOf(Kind.class)));
    }

    @Override
    public void record(String position, Map<String, Object> properties, List<Cell> cells) {
        seen++;
        properties.forEach((name, value) -> {
            Set<Kind> set = kinds.computeIfAbsent(name, k -> EnumSet.noneOf(Kind.class));
            if (value != null) {
                set.add(kindOf(value));
            }
        });
    }

    @Override
    public void malformed(String position, String message) {
        seen++;
    }

    @Override
    public boolean stop() {
        return seen >= limit;
    }

    ObjectType schema() {
        return Type.object(kinds.entrySet().stream().map(e -> Property.of(e.getKey(), typeOf(e.getValue()))).toList());
    }

    private static Kind kindOf(Object value) {
        if (value instanceof Long) {
            return Kind.INT;
        }
        if (value instanceof Double) {
            return Kind.FLOAT;
        }
        if (value instanceof Boolean) {
            return Kind.BOOLEAN;
        }
        if (value instanceof LocalDate) {
            return Kind.DATE;
        }
        if (value instanceof LocalTime) {
            return Kind.TIME;
        }
        if (value instanceof Instant) {
            return Kind.DATETIME;
        }
        String s = value.toString().strip();
        return s.matches("-?\\d{1,19}") ? Kind.WHOLE_TEXT : Kind.STRING;
    }

    private static Type typeOf(Set<Kind> kinds) {
        if (kinds.equals(EnumSet.of(Kind.INT)) || kinds.equals(EnumSet.of(Kind.INT, Kind.WHOLE_TEXT))) {
            return Type.int64();
        }
        if (kinds.equals(EnumSet.of(Kind.FLOAT)) || kinds.equals(EnumSet.of(Kind.INT, Kind.FLOAT))) {
            return Type.float64();
        }
        if (kinds.equals(EnumSet.of(Kind.BOOLEAN))) {
            return Type.bool();
        }
        if (kinds.equals(EnumSet.of(Kind.DATE))) {
            return Type.date();
        }
        if (kinds.equals(EnumSet.of(Kind.TIME))) {
            return Type.time();
        }
        if (kinds.equals(EnumSet.of(Kind.DATETIME)) || kinds.equals(EnumSet.of(Kind.DATE, Kind.DATETIME))) {
            return Type.datetime();
        }
        return Type.string();
    }
}
