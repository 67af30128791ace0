package com.krenalis.itests.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client of the admin REST API, as any HTTP client sees it: JSON over HTTP, an optional Bearer key. */
final class AdminApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String key;
    private final Long workspace;

    /** @param key the API key, or null to send no Authorization header */
    AdminApi(URI base, String key) {
        this(base, key, null);
    }

    private AdminApi(URI base, String key, Long workspace) {
        this.base = base;
        this.key = key;
        this.workspace = workspace;
    }

    /** The same client, acting on a workspace through the Krenalis-Workspace header. */
    AdminApi inWorkspace(long id) {
        return new AdminApi(base, key, id);
    }

    /** The key sent, or null. */
    String key() {
        return key;
    }

    AdminApi withKey(String otherKey) {
        return new AdminApi(base, otherKey, workspace);
    }

    ApiResponse get(String path) {
        return send("GET", path, null);
    }

    ApiResponse delete(String path) {
        return send("DELETE", path, null);
    }

    /** POST of {@code body}: a String is sent as it is (to send broken JSON), anything else as JSON. */
    ApiResponse post(String path, Object body) {
        return send("POST", path, body);
    }

    ApiResponse put(String path, Object body) {
        return send("PUT", path, body);
    }

    /** Any method; with a body, it is sent as {@code application/json}. */
    ApiResponse send(String method, String path, Object body) {
        return send(method, path, body, key == null ? null : "Bearer " + key);
    }

    /** With an Authorization header exactly as given (null for none). */
    ApiResponse send(String method, String path, Object body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        }
        request.header("Accept", "application/json");
        if (workspace != null) {
            request.header("Krenalis-Workspace", Long.toString(workspace));
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(method + " " + path, r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String json(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
