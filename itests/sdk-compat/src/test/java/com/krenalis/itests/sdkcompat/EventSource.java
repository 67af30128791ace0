package com.krenalis.itests.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A source connection in the default workspace with one event write key, created through the admin API as an operator
 * would: {@code POST /v1/connections}, then {@code POST /v1/connections/{id}/event-write-keys}.
 */
record EventSource(long workspaceId, long connectionId, String writeKey) {
    private static final long DEFAULT_WORKSPACE = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param connector the event-source connector, e.g. {@code java} or {@code nodejs} */
    static EventSource create(KrenalisServer server, String connector, String name) {
        long id = post(server, "/v1/connections", Map.of("name", name + " " + UUID.randomUUID(), "role", "source",
                "connector", connector), 201).path("id").asLong();
        String key = post(server, "/v1/connections/" + id + "/event-write-keys", Map.of(), 201).path("key").asText(null);
        if (key == null || key.isEmpty()) {
            throw new AssertionError("no write key in the answer for connection " + id);
        }
        return new EventSource(DEFAULT_WORKSPACE, id, key);
    }

    private static JsonNode post(KrenalisServer server, String path, Object body, int expected) {
        try {
            HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + server.adminKey())
                    .header("Krenalis-Workspace", Long.toString(DEFAULT_WORKSPACE))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new AssertionError("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
