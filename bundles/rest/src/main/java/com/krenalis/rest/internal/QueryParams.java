package com.krenalis.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Query and path parameters read strictly, so that a malformed one is a 400 naming it rather than Jersey's 404 or a
 * silent default.
 */
final class QueryParams {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Exact numbers in filters: a decimal filter value must not go through a double. */
    private static final ObjectReader JSON = JsonProvider.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private QueryParams() {
    }

    /** An integer, or {@code absent} when the parameter is missing or blank (ranges are the service's to check). */
    static int integer(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, "must be an integer");
        }
    }

    /** A long id in a path. */
    static long id(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw ApiError.badRequest(name, "must be an integer id");
        }
    }

    static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badRequest(name, "must be true or false");
        };
    }

    static UUID uuid(String name, String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw ApiError.badRequest(name, "must be a UUID such as 0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d");
        }
        return UUID.fromString(value);
    }

    /** A comma-separated list; blanks dropped. */
    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** A JSON object given as a (URL-decoded) parameter, or null when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Object parsed;
        try {
            parsed = JSON.forType(Object.class).readValue(value);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(name, "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map)) {
            throw ApiError.badRequest(name, "must be a JSON object such as {\"logical\":\"and\",\"conditions\":[...]}");
        }
        return (Map<String, Object>) parsed;
    }
}
