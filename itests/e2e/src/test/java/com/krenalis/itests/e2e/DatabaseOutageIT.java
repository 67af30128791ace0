package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata database (where the event log lives) goes away: the collector answers 503 with Retry-After quickly,
 * never 200 and never a hang; health says unavailable; when the database returns, everything works again by itself.
 */
@ExtendWith(ServerLogs.class)
class DatabaseOutageIT {
    private static final String KEY = "outage-test-admin-key-0123456789abcd";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void aLostDatabaseGives503ThenRecovers() throws Exception {
        URI meta = URI.create(TestPostgres.newDatabase("outage_meta").substring("jdbc:".length()));
        String warehouse = TestPostgres.newDatabase("outage_wh");
        try (TcpProxy proxy = new TcpProxy(TestPostgres.freePort(), meta.getPort())) {
            ServerSetup setup = ServerSetup.fresh(root).with("KRENALIS_ADMIN_KEY", KEY)
                    .with("KRENALIS_METADATA_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + meta.getPath())
                    .with("KRENALIS_METADATA_USER", TestPostgres.user())
                    .with("KRENALIS_WAREHOUSE_URL", warehouse).with("KRENALIS_WAREHOUSE_USER", TestPostgres.user());
            try (ServerProcess server = ServerProcess.start("outage", setup)) {
                server.waitHealthy(SharedServer.START_TIMEOUT);
                AdminApi admin = server.api(KEY).inWorkspace(1);
                long source = admin.post("/v1/connections", Map.of("name", "App", "role", "source", "connector", "android")).expect(201).id();
                String key = admin.post("/v1/connections/" + source + "/event-write-keys", Map.of()).expect(201).json().path("key").asText();
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                String auth = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
                assertEquals(200, send(http, server, auth).statusCode());

                proxy.cut();
                long t0 = System.nanoTime();
                HttpResponse<String> during = send(http, server, auth);
                long millis = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("during the outage: " + during.statusCode() + " after " + millis + " ms: " + during.body());
                assertEquals(503, during.statusCode(), during.body());
                assertTrue(during.headers().firstValue("Retry-After").isPresent(), "Retry-After tells clients when to retry");
                assertTrue(millis < 20_000, "answered, not hung: " + millis + " ms");
                assertEquals(503, http.send(HttpRequest.newBuilder(server.uri("/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode(), "health reports the outage");

                proxy.restore();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int status = 0;
                while (System.nanoTime() < deadline && status != 200) {
                    status = send(http, server, auth).statusCode();
                    if (status != 200) {
                        Thread.sleep(500);
                    }
                }
                assertEquals(200, status, "the collector recovers by itself once the database is back");
                server.waitHealthy(Duration.ofSeconds(30));
            }
        }
    }

    private static HttpResponse<String> send(HttpClient http, ServerProcess server, String auth) throws Exception {
        String body = "{\"type\":\"track\",\"event\":\"Tap\",\"userId\":\"u\",\"messageId\":\"" + UUID.randomUUID() + "\"}";
        return http.send(HttpRequest.newBuilder(server.uri("/v1/track")).timeout(Duration.ofSeconds(60))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
