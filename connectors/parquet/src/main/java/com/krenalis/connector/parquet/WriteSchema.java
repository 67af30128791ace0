package com.krenalis.connector.parquet;

import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import com.krenalis.connector.format.support.ValueText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a Krenalis schema, and how a record's values are written into it. Every column is optional.
 * string, ip: BINARY (STRING); boolean; int of up to 32 bits: INT32 (INT(bits, signed)); int(64): INT64; float:
 * DOUBLE; decimal(p,s): BINARY (DECIMAL(p,s)); datetime: INT64 (TIMESTAMP(MICROS, UTC)); date: INT32 (DATE); time:
 * INT64 (TIME(MICROS)); uuid: FIXED_LEN_BYTE_ARRAY(16) (UUID); json and object: BINARY (JSON); array of a scalar: a
 * three-level LIST of it (an array of arrays or objects: a LIST of JSON).
 */
final class WriteSchema {
    /** A value that does not fit its column; the message names the column. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    private final List<Property> properties;
    private final MessageType message;

    WriteSchema(ObjectType schema) {
        this.properties = schema.properties();
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (Property p : properties) {
            if (p.type() instanceof ArrayType a) {
                Type e = scalar(a.element());
                builder.addField(Types.optionalList().optionalElement(primitive(e)).as(logical(e)).length(length(e))
                        .named(p.name()));
            } else {
                builder.addField(Types.optional(primitive(p.type())).as(logical(p.type())).length(length(p.type())).named(p.name()));
            }
        }
        this.message = builder.named("record");
    }

    MessageType message() {
        return message;
    }

    private static Type scalar(Type element) {
        return element.kind() == TypeKind.ARRAY || element.kind() == TypeKind.OBJECT ? Type.json() : element;
    }

    private static PrimitiveTypeName primitive(Type type) {
        return switch (type.kind()) {
            case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
            case INT -> ((IntType) type).bits() <= 32 ? PrimitiveTypeName.INT32 : PrimitiveTypeName.INT64;
            case FLOAT -> PrimitiveTypeName.DOUBLE;
            case DATE -> PrimitiveTypeName.INT32;
            case DATETIME, TIME -> PrimitiveTypeName.INT64;
            case UUID -> PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            default -> PrimitiveTypeName.BINARY;
        };
    }

    private static int length(Type type) {
        return type.kind() == TypeKind.UUID ? 16 : 0;
    }

    private static LogicalTypeAnnotation logical(Type type) {
        return switch (type.kind()) {
            case STRING, IP -> LogicalTypeAnnotation.stringType();
            case INT -> LogicalTypeAnnotation.intType(((IntType) type).bits() <= 32 ? 32 : 64, true);
            case DECIMAL -> LogicalTypeAnnotation.decimalType(((DecimalType) type).scale(), ((DecimalType) type).precision());
            case DATETIME -> LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS);
            case DATE -> LogicalTypeAnnotation.dateType();
            case TIME -> LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MICROS);
            case UUID -> LogicalTypeAnnotation.uuidType();
            case JSON, OBJECT, ARRAY -> LogicalTypeAnnotation.jsonType();
            default -> null;
        };
    }

    void write(RecordConsumer consumer, Map<String, Object> record) {
        consumer.startMessage();
        for (int i = 0; i < properties.size(); i++) {
            Property p = properties.get(i);
            Object value = record.get(p.name());
            if (value == null) {
                continue;
            }
            consumer.startField(p.name(), i);
            if (p.type() instanceof ArrayType a) {
                if (!(value instanceof List<?> list)) {
                    throw new BadValue("column " + p.name() + " is an array; cannot write " + value.getClass().getSimpleName());
                }
                consumer.startGroup();
                if (!list.isEmpty()) {
                    consumer.startField("list", 0);
                    for (Object element : list) {
                        consumer.startGroup();
                        if (element != null) {
                            consumer.startField("element", 0);
                            scalar(consumer, p.name(), scalar(a.element()), element);
                            consumer.endField("element", 0);
                        }
                        consumer.endGroup();
                    }
                    consumer.endField("list", 0);
                }
                consumer.endGroup();
            } else {
                scalar(consumer, p.name(), p.type(), value);
            }
            consumer.endField(p.name(), i);
        }
        consumer.endMessage();
    }

    private static void scalar(RecordConsumer consumer, String column, Type type, Object value) {
        try {
            switch (type.kind()) {
                case BOOLEAN -> consumer.addBoolean((Boolean) value);
                case INT -> {
                    long n = ((Number) value).longValue();
                    if (((IntType) type).bits() <= 32) {
                        consumer.addInteger(Math.toIntExact(n));
                    } else {
                        consumer.addLong(n);
                    }
                }
                case FLOAT -> consumer.addDouble(((Number) value).doubleValue());
                case DECIMAL -> {
                    BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
                    consumer.addBinary(Binary.fromConstantByteArray(
                            d.setScale(((DecimalType) type).scale(), RoundingMode.HALF_UP).unscaledValue().toByteArray()));
                }
                case DATETIME -> consumer.addLong(ChronoUnit.MICROS.between(Instant.EPOCH, instant(value)));
                case DATE -> consumer.addInteger(Math.toIntExact(
                        (value instanceof LocalDate d ? d : LocalDate.parse(value.toString())).toEpochDay()));
                case TIME -> consumer.addLong((value instanceof LocalTime t ? t : LocalTime.parse(value.toString())).toNanoOfDay() / 1000);
                case UUID -> {
                    UUID u = value instanceof UUID x ? x : UUID.fromString(value.toString());
                    consumer.addBinary(Binary.fromConstantByteArray(ByteBuffer.allocate(16)
                            .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array()));
                }
                default -> consumer.addBinary(Binary.fromString(ValueText.of(value)));
            }
        } catch (ClassCastException | ArithmeticException | java.time.DateTimeException | IllegalArgumentException e) {
            throw new BadValue("column " + column + " is " + type.kind().jsonName() + "; cannot write the "
                    + value.getClass().getSimpleName() + " given (" + e.getMessage() + ")");
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
