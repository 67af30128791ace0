package com.krenalis.connector.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/** The readers shared by the dialects, one per Java value kind of {@link com.krenalis.api.connector.SourceRecord}. */
public final class ValueReaders {
    public static final ValueReader STRING = (rs, i) -> rs.getString(i);

    public static final ValueReader LONG = (rs, i) -> {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    };

    public static final ValueReader BOOLEAN = (rs, i) -> {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v;
    };

    public static final ValueReader DOUBLE = (rs, i) -> {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    };

    /** A 32-bit float as the double of its shortest decimal form, so that a stored 1.1 reads as 1.1. */
    public static final ValueReader FLOAT = (rs, i) -> {
        float v = rs.getFloat(i);
        return rs.wasNull() ? null : Double.valueOf(Float.toString(v));
    };

    public static final ValueReader DECIMAL = (rs, i) -> rs.getBigDecimal(i);

    public static final ValueReader DATE = (rs, i) -> rs.getObject(i, LocalDate.class);

    public static final ValueReader TIME = (rs, i) -> rs.getObject(i, LocalTime.class);

    /** A timestamp without time zone, read as UTC (the sessions run in UTC). */
    public static final ValueReader TIMESTAMP_UTC = (rs, i) -> {
        LocalDateTime v = rs.getObject(i, LocalDateTime.class);
        return v == null ? null : v.toInstant(ZoneOffset.UTC);
    };

    public static final ValueReader TIMESTAMP_WITH_ZONE = (rs, i) -> {
        OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
    };

    public static final ValueReader UUID_TEXT = (rs, i) -> {
        String v = rs.getString(i);
        return v == null ? null : UUID.fromString(v);
    };

    public static final ValueReader JSON = (rs, i) -> {
        String v = rs.getString(i);
        return v == null ? null : JsonValues.parse(v);
    };

    /** Bytes as standard Base64 text. */
    public static final ValueReader BASE64 = (rs, i) -> {
        byte[] v = rs.getBytes(i);
        return v == null ? null : Base64.getEncoder().encodeToString(v);
    };

    private ValueReaders() {
    }

    /**
     * A decimal of unbounded precision fitted to {@code decimal(precision, scale)}: digits after the point beyond the
     * scale are rounded half-even; a value with more digits before the point than fit is rejected.
     */
    public static ValueReader boundedDecimal(int precision, int scale) {
        return (rs, i) -> {
            BigDecimal v = rs.getBigDecimal(i);
            if (v == null) {
                return null;
            }
            BigDecimal fitted = v.scale() > scale ? v.setScale(scale, RoundingMode.HALF_EVEN) : v;
            if (fitted.precision() - fitted.scale() > precision - scale) {
                throw new IllegalArgumentException("value has more than " + (precision - scale)
                        + " digits before the decimal point, the most a decimal(" + precision + "," + scale + ") holds");
            }
            return fitted;
        };
    }
}
