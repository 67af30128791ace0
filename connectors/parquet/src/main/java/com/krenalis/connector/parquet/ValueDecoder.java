package com.krenalis.connector.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Decodes one column's raw values into the Java values of its Krenalis type ({@link ParquetTypes}). A value the type
 * cannot hold (text that is not UTF-8, a timestamp outside years 1 to 9999) is a {@link BadValue}, which rejects the
 * record.
 */
final class ValueDecoder {
    /** A value that cannot be delivered; the message names the column. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final long JULIAN_EPOCH_DAY = 2_440_588; // the Julian day of 1970-01-01, for INT96 timestamps

    private final String column;
    private final LogicalTypeAnnotation logical;
    private final PrimitiveType.PrimitiveTypeName physical;

    ValueDecoder(String column, PrimitiveType type) {
        this.column = column;
        this.logical = type.getLogicalTypeAnnotation();
        this.physical = type.getPrimitiveTypeName();
    }

    Object ofInt(int v) {
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LocalDate.ofEpochDay(v);
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return BigDecimal.valueOf(v, d.getScale());
        }
        if (logical instanceof TimeLogicalTypeAnnotation) {
            return LocalTime.ofNanoOfDay(TimeUnit.MILLISECONDS.toNanos(v));
        }
        if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
            return Integer.toUnsignedLong(v);
        }
        return (long) v;
    }

    Object ofLong(long v) throws BadValue {
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
            return instant(switch (t.getUnit()) {
                case MILLIS -> Instant.ofEpochMilli(v);
                case MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
                case NANOS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
            });
        }
        if (logical instanceof TimeLogicalTypeAnnotation t) {
            return LocalTime.ofNanoOfDay(t.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS ? v * 1000 : v);
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return BigDecimal.valueOf(v, d.getScale());
        }
        if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
            return new BigDecimal(Long.toUnsignedString(v));
        }
        return v;
    }

    Object ofBinary(Binary v) throws BadValue {
        if (physical == PrimitiveType.PrimitiveTypeName.INT96) {
            ByteBuffer b = v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = b.getLong();
            long julianDay = Integer.toUnsignedLong(b.getInt());
            return instant(Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanosOfDay));
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            BigDecimal decimal = new BigDecimal(new BigInteger(v.getBytes()), d.getScale());
            return d.getPrecision() <= com.krenalis.api.types.DecimalType.MAX_PRECISION ? decimal : decimal.toPlainString();
        }
        if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            ByteBuffer b = v.toByteBuffer();
            return new UUID(b.getLong(), b.getLong());
        }
        if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
            return (double) Float16.toFloat(v.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getShort());
        }
        if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(v.toByteBuffer()).toString();
            } catch (CharacterCodingException e) {
                throw new BadValue("column " + column + " holds text that is not valid UTF-8");
            }
        }
        return Base64.getEncoder().encodeToString(v.getBytes()); // bytes without a text meaning
    }

    private Instant instant(Instant at) throws BadValue {
        if (at.isBefore(MIN) || at.isAfter(MAX)) {
            throw new BadValue("column " + column + " holds a timestamp outside years 1 to 9999");
        }
        return at;
    }

    /** IEEE 754 half precision to single. */
    private static final class Float16 {
        static float toFloat(short half) {
            int bits = half & 0xffff;
            int sign = (bits & 0x8000) << 16;
            int exponent = (bits >>> 10) & 0x1f;
            int mantissa = bits & 0x3ff;
            if (exponent == 0x1f) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
            }
            if (exponent == 0) {
                float value = mantissa / 1024f / 16384f; // subnormal: mantissa × 2^-24
                return sign != 0 ? -value : value;
            }
            return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
        }
    }
}
