package com.krenalis.connector.parquet;

import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.connector.format.support.ColumnNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/** The Krenalis type of each Parquet column, from its physical type and logical annotation (see README.md). */
final class ParquetTypes {
    private ParquetTypes() {
    }

    /** The schema of a file: its top-level fields, named by {@link ColumnNames}. */
    static ObjectType schema(MessageType message) {
        List<String> names = names(message);
        List<Property> properties = new ArrayList<>();
        for (int i = 0; i < message.getFieldCount(); i++) {
            properties.add(Property.of(names.get(i), typeOf(message.getType(i))));
        }
        return Type.object(properties);
    }

    static List<String> names(MessageType message) {
        return ColumnNames.of(message.getFields().stream().map(org.apache.parquet.schema.Type::getName).toList());
    }

    /** A field's type; a repeated field outside a LIST (the old layout) is an array of it. */
    static Type typeOf(org.apache.parquet.schema.Type field) {
        Type single = field.isPrimitive() ? primitive(field.asPrimitiveType()) : group(field.asGroupType());
        return field.isRepetition(org.apache.parquet.schema.Type.Repetition.REPEATED) ? Type.array(single) : single;
    }

    private static Type group(GroupType group) {
        if (group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                && group.getFieldCount() == 1 && group.getType(0).isRepetition(org.apache.parquet.schema.Type.Repetition.REPEATED)) {
            org.apache.parquet.schema.Type element = listElement(group.getType(0), group.getName());
            return Type.array(element.isPrimitive() ? primitive(element.asPrimitiveType()) : group(element.asGroupType()));
        }
        return Type.json(); // a MAP, or a struct whose field names need not be identifiers
    }

    /**
     * The element of a LIST whose repeated field is given, by the Parquet spec's backward-compatibility rules: the
     * repeated field itself when it is primitive, has several fields, or is named "array" or "&lt;list&gt;_tuple"
     * (old two-level lists); else its one field (the standard three-level list).
     */
    static org.apache.parquet.schema.Type listElement(org.apache.parquet.schema.Type repeated, String listName) {
        if (repeated.isPrimitive()) {
            return repeated;
        }
        GroupType g = repeated.asGroupType();
        if (g.getFieldCount() > 1 || g.getName().equals("array") || g.getName().equals(listName + "_tuple")) {
            return repeated;
        }
        return g.getType(0);
    }

    private static Type primitive(PrimitiveType p) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return d.getPrecision() <= DecimalType.MAX_PRECISION ? Type.decimal(d.getPrecision(), d.getScale()) : Type.string();
        }
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> Type.bool();
            case INT32 -> {
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield Type.date();
                }
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    yield Type.time();
                }
                if (logical instanceof IntLogicalTypeAnnotation i) {
                    int bits = i.isSigned() ? i.getBitWidth() : i.getBitWidth() * 2; // an unsigned value needs a wider signed type
                    yield bits > 32 ? Type.int64() : IntType.of(bits);
                }
                yield Type.int32();
            }
            case INT64 -> {
                if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
                    yield Type.datetime();
                }
                if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    yield Type.time();
                }
                if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    yield Type.decimal(20, 0); // beyond a signed 64-bit integer
                }
                yield Type.int64();
            }
            case INT96 -> Type.datetime();
            case FLOAT, DOUBLE -> Type.float64();
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    yield Type.uuid();
                }
                if (logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    yield Type.json();
                }
                if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
                    yield Type.float64();
                }
                yield Type.string(); // text, enums, and bytes (as Base64)
            }
        };
    }
}
