package com.krenalis.connector.snowflake;

import com.krenalis.api.types.Type;
import com.krenalis.connector.jdbc.ValueReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * A column of a query's result as the driver describes it: its name, Snowflake type name, JDBC type, precision and
 * scale; the Krenalis type it maps to, and the reader of its values (from the driver's text of them).
 */
record SnowflakeColumn(String name, String typeName, int jdbcType, int precision, int scale) implements ValueReader {
    /** VARCHAR's default (and largest) length: a column declared without one has no meaningful maximum. */
    static final int MAX_VARCHAR = 16_777_216;
    /** Whole numbers of at most this many digits fit in a signed 64-bit integer. */
    static final int MAX_INT_DIGITS = 18;

    /** Snowflake's type name without underscores, upper case: TIMESTAMP_NTZ and TIMESTAMPNTZ alike. */
    String family() {
        return typeName == null ? "" : typeName.replace("_", "").toUpperCase(Locale.ROOT);
    }

    Type type() {
        return switch (family()) {
            case "NUMBER", "DECIMAL", "NUMERIC", "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> number();
            case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLEPRECISION", "REAL" -> Type.float64();
            case "VARCHAR", "TEXT", "STRING", "CHAR", "CHARACTER", "NCHAR", "NVARCHAR" ->
                    precision > 0 && precision < MAX_VARCHAR ? Type.string(precision) : Type.string();
            case "BOOLEAN" -> Type.bool();
            case "DATE" -> Type.date();
            case "TIME" -> Type.time();
            case "TIMESTAMP", "DATETIME", "TIMESTAMPNTZ", "TIMESTAMPLTZ", "TIMESTAMPTZ" -> Type.datetime();
            case "VARIANT", "OBJECT", "MAP" -> Type.json();
            case "ARRAY" -> Type.array(Type.json());
            default -> byJdbcType();
        };
    }

    private Type number() {
        if (scale == 0 && precision > 0 && precision <= MAX_INT_DIGITS) {
            return Type.int64();
        }
        // Snowflake's NUMBER has at most 38 digits; a precision the driver does not report is the largest.
        return Type.decimal(precision > 0 ? precision : 38, Math.max(0, scale));
    }

    /** Types Snowflake may add later, by their JDBC type; anything else (BINARY, GEOGRAPHY, VECTOR...) is text. */
    private Type byJdbcType() {
        return switch (jdbcType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Type.int64();
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> Type.float64();
            case Types.BOOLEAN, Types.BIT -> Type.bool();
            case Types.DATE -> Type.date();
            case Types.TIME -> Type.time();
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> Type.datetime();
            default -> Type.string();
        };
    }

    /** The kind of updated-at column this is, or null when it holds no point in time. */
    SnowflakeSql.TimeKind timeKind() {
        return switch (family()) {
            case "DATE" -> SnowflakeSql.TimeKind.DATE;
            case "TIMESTAMP", "DATETIME", "TIMESTAMPNTZ" -> SnowflakeSql.TimeKind.TIMESTAMP_NTZ;
            case "TIMESTAMPLTZ", "TIMESTAMPTZ" -> SnowflakeSql.TimeKind.TIMESTAMP_TZ;
            default -> null;
        };
    }

    /** The value of this column in the current row, as {@link ColumnMapping} converts the driver's text of it. */
    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        return ColumnMapping.valueOf(this, rs.getString(index));
    }
}
