package com.krenalis.core.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/** Conversions between column values and Java values shared by the metadata store's repositories. */
public final class Columns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Columns() {
    }

    /** A map as JSON text, for a {@code ?::jsonb} parameter. */
    public static String json(Map<String, Object> map) throws SQLException {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write JSON", e);
        }
    }

    /** A jsonb column read as text ({@code column::text}) back into a map. */
    public static Map<String, Object> map(String json) throws SQLException {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot read JSON", e);
        }
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
