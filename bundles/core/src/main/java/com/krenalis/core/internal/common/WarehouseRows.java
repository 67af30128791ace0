package com.krenalis.core.internal.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows read from a warehouse as JSON-like values, for answers of the API (events, profiles, identities): times as
 * ISO-8601 strings (instants in UTC with {@code Z}), UUIDs and addresses as strings, JSON columns parsed (Map, List,
 * with exact BigDecimal numbers), arrays as lists, numbers and booleans as themselves. Column names as the warehouse
 * reports them.
 */
public final class WarehouseRows {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private WarehouseRows() {
    }

    /** The current row of the result set. */
    public static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), value(rs, i, md.getColumnTypeName(i)));
        }
        return row;
    }

    /** One column of the current row; {@code typeName} as {@link ResultSetMetaData#getColumnTypeName} reports it. */
    public static Object value(ResultSet rs, int column, String typeName) throws SQLException {
        Object v = rs.getObject(column);
        if (v == null) {
            return null;
        }
        if ("jsonb".equals(typeName) || "json".equals(typeName)) {
            return json(rs.getString(column));
        }
        if (v instanceof Array array) {
            List<Object> list = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                list.add(element(element));
            }
            return list;
        }
        if (v instanceof Timestamp t && "timestamptz".equals(typeName)) {
            return t.toInstant().toString();
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return rs.getString(column);
    }

    private static Object element(Object e) {
        if (e == null || e instanceof Number || e instanceof Boolean || e instanceof String) {
            return e;
        }
        if (e instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (e instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return e.toString();
    }

    /** A JSON text as Map, List, String, BigDecimal or other Number, Boolean or null. */
    public static Object json(String text) throws SQLException {
        try {
            return JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw new SQLException("unreadable JSON column", e);
        }
    }
}
