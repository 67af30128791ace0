package com.krenalis.connector.mysql;

import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.Type;
import com.krenalis.connector.jdbc.ColumnType;
import com.krenalis.connector.jdbc.ValueReader;
import com.krenalis.connector.jdbc.ValueReaders;
import java.sql.Types;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** MySQL and MariaDB column types as Krenalis types (the README has the table). */
final class MySqlTypes {
    private MySqlTypes() {
    }

    /**
     * @param name the type name Connector/J reports ({@code INT UNSIGNED}, {@code VARCHAR}, {@code JSON}, ...)
     */
    static ColumnType of(String name, int jdbcType, boolean signed, int precision, int scale) {
        String base = name.toUpperCase(Locale.ROOT).replace(" ZEROFILL", "");
        boolean unsigned = base.endsWith(" UNSIGNED") || !signed && isInteger(base);
        base = base.replace(" UNSIGNED", "");
        switch (base) {
            case "BOOLEAN": case "BOOL": return new ColumnType(Type.bool(), ValueReaders.BOOLEAN);
            case "BIT": return precision <= 1 ? new ColumnType(Type.bool(), ValueReaders.BOOLEAN)
                    : new ColumnType(Type.int64(), ValueReaders.LONG);
            case "TINYINT":
                if (jdbcType == Types.BIT || jdbcType == Types.BOOLEAN) {
                    return new ColumnType(Type.bool(), ValueReaders.BOOLEAN);
                }
                return integer(unsigned ? new IntType(16, 0, 255) : IntType.of(8));
            case "SMALLINT": return integer(unsigned ? new IntType(24, 0, 65_535) : IntType.of(16));
            case "MEDIUMINT": return integer(unsigned ? new IntType(32, 0, 16_777_215) : IntType.of(24));
            case "INT": case "INTEGER": return integer(unsigned ? new IntType(64, 0, 4_294_967_295L) : Type.int32());
            case "BIGINT":
                // An unsigned bigint reaches 2^64-1, past a signed 64-bit int: decimal(20,0) holds it exactly.
                return unsigned ? new ColumnType(Type.decimal(20, 0), ValueReaders.DECIMAL)
                        : integer(Type.int64());
            case "YEAR": return integer(IntType.of(16));
            case "DECIMAL": case "NUMERIC": return decimal(precision, scale);
            case "FLOAT": return new ColumnType(new FloatType(32), ValueReaders.FLOAT);
            case "DOUBLE": case "REAL": return new ColumnType(Type.float64(), ValueReaders.DOUBLE);
            case "DATE": return new ColumnType(Type.date(), ValueReaders.DATE);
            case "DATETIME": case "TIMESTAMP": return new ColumnType(Type.datetime(), ValueReaders.TIMESTAMP_UTC);
            case "TIME": return new ColumnType(Type.time(), TIME);
            case "JSON": return new ColumnType(Type.json(), ValueReaders.JSON);
            case "CHAR": case "VARCHAR":
                return new ColumnType(precision > 0 && precision < Integer.MAX_VALUE ? Type.string(precision)
                        : Type.string(), ValueReaders.STRING);
            case "BINARY": case "VARBINARY": case "TINYBLOB": case "BLOB": case "MEDIUMBLOB": case "LONGBLOB":
            case "GEOMETRY":
                return new ColumnType(Type.string(), ValueReaders.BASE64);
            default:
                return byJdbcType(jdbcType);
        }
    }

    /**
     * A MySQL TIME is a duration (-838:59:59 to 838:59:59); only a time of day is a Krenalis time. Read from its text:
     * the driver would wrap 30:00:00 to 06:00.
     */
    private static final ValueReader TIME = (rs, i) -> {
        String v = rs.getString(i);
        if (v == null) {
            return null;
        }
        try {
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time " + v + " is not a time of day (00:00:00 to 23:59:59)");
        }
    };

    private static boolean isInteger(String base) {
        return base.startsWith("TINYINT") || base.startsWith("SMALLINT") || base.startsWith("MEDIUMINT")
                || base.startsWith("INT") || base.startsWith("BIGINT");
    }

    private static ColumnType integer(IntType type) {
        return new ColumnType(type, ValueReaders.LONG);
    }

    static ColumnType decimal(int precision, int scale) {
        if (precision < 1 || precision > DecimalType.MAX_PRECISION || scale < 0 || scale > precision) {
            return new ColumnType(Type.string(), ValueReaders.STRING);
        }
        return new ColumnType(Type.decimal(precision, scale), ValueReaders.DECIMAL);
    }

    /** Text types (TEXT, ENUM, SET, ...) and anything else as text; binary kinds as Base64. */
    private static ColumnType byJdbcType(int jdbcType) {
        switch (jdbcType) {
            case Types.BINARY: case Types.VARBINARY: case Types.LONGVARBINARY: case Types.BLOB:
                return new ColumnType(Type.string(), ValueReaders.BASE64);
            default:
                return new ColumnType(Type.string(), ValueReaders.STRING);
        }
    }
}
