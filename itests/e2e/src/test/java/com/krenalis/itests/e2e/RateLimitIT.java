package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** KRENALIS_COLLECTOR_RATE_LIMIT: a workspace over its events per second gets 429 with Retry-After, then passes again. */
@ExtendWith(ServerLogs.class)
class RateLimitIT {
    private static final String KEY = "rate-limit-test-admin-key-0123456789";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void overTheLimitIs429WithRetryAfter() throws Exception {
        ServerSetup setup = ServerSetup.fresh(root).with("KRENALIS_ADMIN_KEY", KEY).with("KRENALIS_COLLECTOR_RATE_LIMIT", "5");
        try (ServerProcess server = ServerProcess.start("rate-limit", setup)) {
            server.waitHealthy(SharedServer.START_TIMEOUT);
            AdminApi admin = server.api(KEY).inWorkspace(1);
            long source = admin.post("/v1/connections", Map.of("name", "Web", "role", "source", "connector", "javascript")).expect(201).id();
            String writeKey = admin.post("/v1/connections/" + source + "/event-write-keys", Map.of()).expect(201).json().path("key").asText();
            HttpClient http = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
            StringBuilder batch = new StringBuilder("{\"batch\":[");
            for (int i = 0; i < 5; i++) {
                batch.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"e\",\"userId\":\"u\",\"messageId\":\"")
                        .append(UUID.randomUUID()).append("\"}");
            }
            HttpRequest request = HttpRequest.newBuilder(server.uri("/v1/batch")).header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(batch.append("]}").toString())).build();
            assertEquals(200, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(), "the burst passes");
            HttpResponse<String> limited = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(429, limited.statusCode(), limited.body());
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0"));
            assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
            Thread.sleep(retryAfter * 1000 + 200);
            assertEquals(200, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(), "after the wait it passes");
        }
    }
}
