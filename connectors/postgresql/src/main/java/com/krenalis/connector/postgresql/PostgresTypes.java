package com.krenalis.connector.postgresql;

import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.Type;
import com.krenalis.connector.jdbc.ColumnType;
import com.krenalis.connector.jdbc.ValueReader;
import com.krenalis.connector.jdbc.ValueReaders;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** PostgreSQL column types as Krenalis types (the README has the table). */
final class PostgresTypes {
    /** The longest varchar PostgreSQL declares; a longer "precision" means no declared length. */
    private static final int MAX_DECLARED_LENGTH = 10_485_760;
    /** An unconstrained numeric: 38 digits before the point and 38 after. */
    static final int UNBOUNDED_PRECISION = DecimalType.MAX_PRECISION;
    static final int UNBOUNDED_SCALE = 38;

    private PostgresTypes() {
    }

    /**
     * @param name      the type name the driver reports ({@code int4}, {@code _text}, {@code timestamptz}, a domain or
     *                  enum name, ...)
     * @param jdbcType  its {@link Types} code, for names this class does not know
     */
    static ColumnType of(String name, int jdbcType, int precision, int scale) {
        if (name.startsWith("_")) {
            return array(name.substring(1));
        }
        switch (name) {
            case "int2": return new ColumnType(IntType.of(16), ValueReaders.LONG);
            case "int4": return new ColumnType(Type.int32(), ValueReaders.LONG);
            case "int8": return new ColumnType(Type.int64(), ValueReaders.LONG);
            case "float4": return new ColumnType(new FloatType(32), ValueReaders.FLOAT);
            case "float8": return new ColumnType(Type.float64(), ValueReaders.DOUBLE);
            case "numeric": return numeric(precision, scale);
            case "bool": return new ColumnType(Type.bool(), ValueReaders.BOOLEAN);
            case "varchar": case "bpchar": case "char":
                return new ColumnType(precision > 0 && precision <= MAX_DECLARED_LENGTH
                        ? Type.string(precision) : Type.string(), ValueReaders.STRING);
            case "text": case "name": case "citext": return new ColumnType(Type.string(), ValueReaders.STRING);
            case "date": return new ColumnType(Type.date(), ValueReaders.DATE);
            case "time": return new ColumnType(Type.time(), ValueReaders.TIME);
            case "timestamp": return new ColumnType(Type.datetime(), ValueReaders.TIMESTAMP_UTC);
            case "timestamptz": return new ColumnType(Type.datetime(), ValueReaders.TIMESTAMP_WITH_ZONE);
            case "uuid": return new ColumnType(Type.uuid(), ValueReaders.UUID_TEXT);
            case "inet": return new ColumnType(Type.ip(), INET);
            case "json": case "jsonb": return new ColumnType(Type.json(), ValueReaders.JSON);
            // Text forms: the bit strings (not booleans), and types Krenalis has no type for.
            case "bit": case "varbit": case "timetz": case "interval": case "money": case "cidr": case "macaddr":
            case "macaddr8": case "bytea": case "xml":
                return new ColumnType(Type.string(), ValueReaders.STRING);
            default: return byJdbcType(jdbcType);
        }
    }

    /** Domains and other types by their JDBC kind; anything else as its text form. */
    private static ColumnType byJdbcType(int jdbcType) {
        switch (jdbcType) {
            case Types.SMALLINT: return new ColumnType(IntType.of(16), ValueReaders.LONG);
            case Types.INTEGER: return new ColumnType(Type.int32(), ValueReaders.LONG);
            case Types.BIGINT: return new ColumnType(Type.int64(), ValueReaders.LONG);
            case Types.DOUBLE: return new ColumnType(Type.float64(), ValueReaders.DOUBLE);
            case Types.BOOLEAN: return new ColumnType(Type.bool(), ValueReaders.BOOLEAN);
            case Types.DATE: return new ColumnType(Type.date(), ValueReaders.DATE);
            default: return new ColumnType(Type.string(), ValueReaders.STRING);
        }
    }

    /**
     * numeric(p,s) is decimal(p,s). An unconstrained numeric is decimal(76,38), its values rounded to 38 decimals;
     * a numeric declared wider than 76 digits is its text form.
     */
    static ColumnType numeric(int precision, int scale) {
        if (precision <= 0) {
            return new ColumnType(Type.decimal(UNBOUNDED_PRECISION, UNBOUNDED_SCALE),
                    ValueReaders.boundedDecimal(UNBOUNDED_PRECISION, UNBOUNDED_SCALE));
        }
        if (precision > DecimalType.MAX_PRECISION || scale < 0 || scale > precision) {
            return new ColumnType(Type.string(), ValueReaders.STRING);
        }
        return new ColumnType(Type.decimal(precision, scale), ValueReaders.DECIMAL);
    }

    /** The address of an inet, without its prefix length (host() in SQL). */
    private static final ValueReader INET = (rs, i) -> {
        String v = rs.getString(i);
        if (v == null) {
            return null;
        }
        int slash = v.indexOf('/');
        return slash < 0 ? v : v.substring(0, slash);
    };

    /** One-dimensional arrays of the element types below; other arrays as their text form. */
    private static ColumnType array(String element) {
        switch (element) {
            case "int2": return array(IntType.of(16), v -> ((Number) v).longValue());
            case "int4": return array(Type.int32(), v -> ((Number) v).longValue());
            case "int8": return array(Type.int64(), v -> ((Number) v).longValue());
            case "float4": return array(new FloatType(32), v -> Double.valueOf(v.toString()));
            case "float8": return array(Type.float64(), v -> ((Number) v).doubleValue());
            case "numeric": return array(Type.decimal(UNBOUNDED_PRECISION, UNBOUNDED_SCALE), v -> {
                BigDecimal d = (BigDecimal) v;
                return d.scale() > UNBOUNDED_SCALE ? d.setScale(UNBOUNDED_SCALE, RoundingMode.HALF_EVEN) : d;
            });
            case "bool": return array(Type.bool(), v -> (Boolean) v);
            case "text": case "varchar": case "bpchar": case "name": case "citext":
                return array(Type.string(), v -> (String) v);
            case "uuid": return array(Type.uuid(), v -> v instanceof UUID ? v : UUID.fromString(v.toString()));
            case "date": return array(Type.date(), v -> ((java.sql.Date) v).toLocalDate());
            default: return new ColumnType(Type.string(), ValueReaders.STRING);
        }
    }

    private static ColumnType array(Type element, Function<Object, Object> convert) {
        return new ColumnType(Type.array(element), (rs, i) -> {
            Array array = rs.getArray(i);
            if (array == null) {
                return null;
            }
            try {
                Object[] values = (Object[]) array.getArray();
                List<Object> list = new ArrayList<>(values.length);
                for (Object v : values) {
                    if (v != null && v.getClass().isArray()) {
                        throw new IllegalArgumentException("multi-dimensional arrays are not supported");
                    }
                    list.add(v == null ? null : convert.apply(v));
                }
                return list;
            } finally {
                array.free();
            }
        });
    }
}
