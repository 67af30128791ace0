package com.krenalis.itests.sdkcompat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import java.util.Map;

/**
 * A value as the Java SDKs put it on the wire: both analytics-java and RudderStack Java serialise messages with Gson in
 * its default settings (their extra adapters are for dates and their own message classes), which leaves out object
 * members whose value is null and keeps nulls in arrays. Gson is the SDKs' own dependency.
 */
final class GsonWritten {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Gson GSON = new Gson();

    private GsonWritten() {
    }

    /** {@code value} (an object) as plain Java values, written by Gson, read back exactly. */
    static JsonNode of(JsonNode value) {
        Map<String, Object> map = PLAIN.convertValue(value, new TypeReference<>() { });
        return ExactJson.read(GSON.toJson(map));
    }
}
