package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** One answer of the admin API, with assertions that say which request got what. */
record ApiResponse(String request, int status, HttpHeaders headers, String body) {

    /** Asserts the status; the message shows the request and the body. */
    ApiResponse expect(int expected) {
        assertEquals(expected, status, () -> request + " answered " + status + ": " + body);
        return this;
    }

    /** Asserts an error of the documented shape {@code {"error":{"code","message","fields"}}} with that status and code. */
    ApiResponse expectError(int expectedStatus, String expectedCode) {
        expect(expectedStatus);
        assertTrue(header("Content-Type").orElse("").startsWith("application/json"),
                () -> request + ": error is not JSON: " + headers.map());
        JsonNode error = json().path("error");
        assertEquals(expectedCode, error.path("code").asText(null), () -> request + " answered " + body);
        assertTrue(error.path("message").isTextual() && !error.path("message").asText().isBlank(),
                () -> request + ": error without a message: " + body);
        return this;
    }

    /** The fields an error names (empty if none). */
    List<String> errorFields() {
        List<String> fields = new ArrayList<>();
        json().path("error").path("fields").forEach(f -> fields.add(f.path("field").asText()));
        return fields;
    }

    JsonNode json() {
        try {
            return AdminApi.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
        }
    }

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The elements of a JSON array (none for a missing node). */
    static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** The id in a created resource's body. */
    long id() {
        return json().path("id").asLong();
    }
}
