package com.krenalis.core.internal.profiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.platform.InvalidInputException;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Where a page of profiles ended, opaque to clients (base64url JSON): the order it belongs to, the last profile's
 * value of the order property as the warehouse writes it as text (null for no value) and its KPID, the tie-breaker.
 */
record ProfileCursor(String order, boolean descending, String value, UUID kpid) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("o", order);
        m.put("d", descending);
        m.put("v", value);
        m.put("k", kpid.toString());
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(m));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor, checked to belong to the query's order. */
    static ProfileCursor parse(String text, String order, boolean descending) {
        ProfileCursor cursor;
        try {
            Map<?, ?> m = JSON.readValue(Base64.getUrlDecoder().decode(text), Map.class);
            Object value = m.get("v");
            if (!(m.get("o") instanceof String o) || !(m.get("d") instanceof Boolean d)
                    || value != null && !(value instanceof String) || !(m.get("k") instanceof String k)) {
                throw new IllegalArgumentException("incomplete cursor");
            }
            cursor = new ProfileCursor(o, d, (String) value, UUID.fromString(k));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor returned by this API");
        }
        if (!cursor.order.equals(order) || cursor.descending != descending) {
            throw new InvalidInputException("cursor", "belongs to a listing in another order; ask for the first page again");
        }
        return cursor;
    }
}
