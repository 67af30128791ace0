package com.krenalis.itests.osgi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;

/** The admin REST API of the server under test, over real HTTP, as any client sees it. Runs inside the framework. */
final class AdminApi {
    /** A request that takes longer than this is a failure in itself (a listing must never block on an extension). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** An answer: its status, its body, and the body as JSON (null when it is not JSON). */
    record Reply(int status, String body, JsonNode json) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final URI base;
    private final String adminKey;

    AdminApi(BundleContext context) {
        this.base = URI.create("http://127.0.0.1:" + context.getProperty(KrenalisServer.HTTP_PORT));
        this.adminKey = context.getProperty(KrenalisServer.ADMIN_KEY_PROPERTY);
    }

    String adminKey() {
        return adminKey;
    }

    /** GET with {@code Authorization: Bearer <key>}, or without the header when the key is null. */
    Reply get(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    Reply health() {
        return get("/v1/health", null);
    }

    /** Whether health answers 200; false too while nothing listens yet or the route is not served yet. */
    boolean healthy() {
        try {
            return health().status() == 200;
        } catch (UncheckedIOException notListeningYet) {
            return false;
        }
    }

    /** Waits until the server is healthy and returns how long that took. */
    Duration awaitHealthy(Duration timeout) {
        return Eventually.await("GET /v1/health answers 200", System.nanoTime(), timeout,
                () -> healthy(), ok -> ok).elapsed();
    }

    /**
     * The extensions of one admin listing ({@code GET /v1/connectors} → {@code connectors}, ...), asserting that the
     * listing itself answers 200.
     */
    List<JsonNode> extensions(String path, String field) {
        Reply reply = get(path, adminKey);
        if (reply.status() != 200 || reply.json() == null || !reply.json().path(field).isArray()) {
            throw new AssertionError("GET " + path + " as admin: expected 200 with an array '" + field + "', got " + reply);
        }
        List<JsonNode> out = new ArrayList<>();
        reply.json().path(field).forEach(out::add);
        return out;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
