package com.krenalis.driver.postgresql.internal;

import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.StringType;
import com.krenalis.api.types.Type;

/** Maps Krenalis types to PostgreSQL column types. */
final class PostgresTypes {
    private PostgresTypes() {
    }

    /** The column type, as written in DDL and as {@code format_type()} reports it back. */
    static String sqlType(Type type) {
        return switch (type.kind()) {
            case STRING -> {
                Integer max = ((StringType) type).maxLength();
                yield max == null || max > 10_485_760 ? "text" : "character varying(" + max + ")";
            }
            case BOOLEAN -> "boolean";
            case INT -> switch (((IntType) type).bits()) {
                case 8, 16 -> "smallint";
                case 24, 32 -> "integer";
                default -> "bigint";
            };
            case FLOAT -> ((FloatType) type).bits() == 32 ? "real" : "double precision";
            case DECIMAL -> {
                DecimalType d = (DecimalType) type;
                yield "numeric(" + d.precision() + "," + d.scale() + ")";
            }
            case DATETIME -> "timestamp(6) with time zone";
            case DATE -> "date";
            case TIME -> "time(6) without time zone";
            case UUID -> "uuid";
            case IP -> "inet";
            case JSON, OBJECT -> "jsonb";
            case ARRAY -> {
                Type element = ((ArrayType) type).element();
                // Arrays of scalars are native arrays; arrays of arrays or objects are JSON.
                yield switch (element.kind()) {
                    case ARRAY, OBJECT, JSON -> "jsonb";
                    default -> sqlType(element) + "[]";
                };
            }
        };
    }
}
