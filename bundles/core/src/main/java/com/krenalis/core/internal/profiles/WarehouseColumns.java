package com.krenalis.core.internal.profiles;

import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The columns of a table or view of the workspace's namespace and their Krenalis types, learnt from the warehouse's
 * catalog ({@code information_schema.columns}) rather than from the user schema, so that reading profiles needs only
 * what the latest run published. PostgreSQL's type names, like the rest of the profile SQL (docs/identity-resolution.md).
 */
final class WarehouseColumns {

    /**
     * A column.
     *
     * @param type       its Krenalis type, or null for a type filters and ordering do not handle
     * @param typeSchema where the column's SQL type is defined, e.g. {@code pg_catalog}
     * @param typeName   the column's SQL type, e.g. {@code int8}: with {@code typeSchema}, for casts
     */
    record Column(String name, Type type, String typeSchema, String typeName) {
    }

    private WarehouseColumns() {
    }

    /** The relation's columns in their order; empty when the relation does not exist. */
    static Map<String, Column> of(Connection c, String namespace, String relation) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, udt_schema, udt_name, "
                + "numeric_precision, numeric_scale FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, namespace);
            ps.setString(2, relation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String udt = rs.getString("udt_name");
                    Type type = "ARRAY".equals(rs.getString("data_type")) && udt.startsWith("_")
                            ? array(scalar(udt.substring(1), null, null))
                            : scalar(udt, (Integer) rs.getObject("numeric_precision"), (Integer) rs.getObject("numeric_scale"));
                    String name = rs.getString("column_name");
                    columns.put(name, new Column(name, type, rs.getString("udt_schema"), udt));
                }
            }
        }
        return columns;
    }

    private static Type array(Type element) {
        return element == null ? null : Type.array(element);
    }

    /** The Krenalis type of a PostgreSQL scalar type (the mapping of the PostgreSQL driver's PostgresTypes, reversed). */
    static Type scalar(String udt, Integer precision, Integer scale) {
        return switch (udt) {
            case "text", "varchar", "bpchar" -> Type.string();
            case "bool" -> Type.bool();
            case "int2" -> IntType.of(16);
            case "int4" -> Type.int32();
            case "int8" -> Type.int64();
            case "float4" -> new FloatType(32);
            case "float8" -> Type.float64();
            case "numeric" -> {
                int p = precision == null ? DecimalType.MAX_PRECISION : Math.max(1, Math.min(precision, DecimalType.MAX_PRECISION));
                yield Type.decimal(p, scale == null ? 0 : Math.max(0, Math.min(scale, p)));
            }
            case "timestamptz" -> Type.datetime();
            case "date" -> Type.date();
            case "time" -> Type.time();
            case "uuid" -> Type.uuid();
            case "inet" -> Type.ip();
            case "jsonb" -> Type.json();
            default -> null; // json (no jsonb operators), timestamp without time zone, ...: readable, not filterable
        };
    }
}
