package com.krenalis.ingest.internal.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON for tests, read by a plain mapper so that expectations do not depend on the code under test. */
final class TestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }

    static ObjectNode object(String json) {
        return (ObjectNode) tree(json);
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String json) {
        return json.getBytes(UTF_8);
    }
}
