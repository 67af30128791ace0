package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server while clients post events: after a restart, every messageId that was acknowledged with a 200
 * is in the event log exactly once. (Requests in flight at the kill got no 200: clients retry them, and dedup makes
 * the retry safe.)
 */
@ExtendWith(ServerLogs.class)
class CrashDuringLoadIT {
    private static final String KEY = "crash-test-admin-key-0123456789abcdef";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void everyAcknowledgedEventSurvivesAKill() throws Exception {
        ServerSetup setup = ServerSetup.fresh(root).with("KRENALIS_ADMIN_KEY", KEY).with("KRENALIS_COLLECTOR_RATE_LIMIT", "0");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ServerProcess first = ServerProcess.start("crash-load-1", setup);
        long source;
        try {
            first.waitHealthy(SharedServer.START_TIMEOUT);
            AdminApi admin = first.api(KEY).inWorkspace(1);
            source = admin.post("/v1/connections", Map.of("name", "Load", "role", "source", "connector", "java")).expect(201).id();
            String writeKey = admin.post("/v1/connections/" + source + "/event-write-keys", Map.of()).expect(201).json().path("key").asText();
            String auth = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            AtomicBoolean go = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                clients.execute(() -> {
                    while (go.get()) {
                        List<String> ids = new ArrayList<>();
                        StringBuilder body = new StringBuilder("{\"batch\":[");
                        for (int i = 0; i < 50; i++) {
                            String id = UUID.randomUUID().toString();
                            ids.add(id);
                            body.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"event\":\"Load\",\"userId\":\"u\",")
                                    .append("\"messageId\":\"").append(id).append("\",\"properties\":{\"n\":").append(i).append("}}");
                        }
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(first.uri("/v1/batch")).timeout(Duration.ofSeconds(10))
                                    .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(body + "]}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                acknowledged.addAll(ids);
                            }
                        } catch (Exception refusedOrReset) {
                            // the server is gone: not acknowledged, so not expected
                        }
                    }
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acknowledged.size() < 5_000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            first.kill(); // kill -9 mid-load: no shutdown hook, PostgreSQL orphaned
            go.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        } finally {
            first.close();
        }
        assertTrue(acknowledged.size() >= 1_000, "the load ran: " + acknowledged.size() + " events acknowledged");

        try (ServerProcess second = ServerProcess.start("crash-load-2", setup)) {
            second.waitHealthy(SharedServer.START_TIMEOUT);
            Map<String, Integer> stored = new HashMap<>();
            String url = "jdbc:postgresql://127.0.0.1:" + setup.embeddedPort() + "/krenalis";
            try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT message_id, count(*) FROM event_log WHERE connection_id = " + source
                         + " GROUP BY message_id")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getInt(2));
                }
            }
            int missing = 0;
            for (String id : acknowledged) {
                Integer n = stored.get(id);
                if (n == null) {
                    missing++;
                } else {
                    assertEquals(1, n, "stored more than once: " + id);
                }
            }
            System.out.println("kill -9 under load: " + acknowledged.size() + " events acknowledged, " + stored.size()
                    + " stored (the rest were in flight), " + missing + " acknowledged but missing");
            assertEquals(0, missing, "acknowledged events lost by the crash");

            // The loader resumes from its cursors: every stored event reaches the warehouse, none twice.
            String warehouse = "jdbc:postgresql://127.0.0.1:" + setup.embeddedPort() + "/warehouse";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long loaded = -1;
            long distinct = -1;
            while (System.nanoTime() < deadline) {
                try (Connection c = DriverManager.getConnection(warehouse, "postgres", null); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT message_id) FROM workspace_1.events "
                             + "WHERE connection_id = " + source)) {
                    rs.next();
                    loaded = rs.getLong(1);
                    distinct = rs.getLong(2);
                } catch (java.sql.SQLException notYetCreated) {
                    loaded = -1;
                }
                if (loaded == stored.size()) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(stored.size(), loaded, "events in the warehouse after the restart");
            assertEquals(loaded, distinct, "no event twice in the warehouse");
        }
    }
}
