package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The event collector through the real server: every path and write-key variant is accepted and lands in the event
 * log exactly once; every bad request is refused with the status SDKs expect and stores nothing.
 */
@ExtendWith({SharedServer.class, ServerLogs.class})
class CollectorIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ServerProcess server;
    private static AdminApi admin;
    private static long workspace;
    private static long source;
    private static String writeKey;

    @BeforeAll
    static void source(ServerProcess shared, AdminApi api) {
        server = shared;
        workspace = api.post("/v1/workspaces", Map.of("name", "Collector " + UUID.randomUUID())).expect(201).id();
        admin = api.inWorkspace(workspace);
        source = admin.post("/v1/connections", Map.of("name", "Website", "role", "source", "connector", "javascript")).expect(201).id();
        writeKey = admin.post("/v1/connections/" + source + "/event-write-keys", Map.of()).expect(201).json().path("key").asText();
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(path + " failed", e);
        }
    }

    private static HttpResponse<String> post(String path, String json, String... headers) {
        return post(path, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String track(String messageId) {
        return "{\"type\":\"track\",\"event\":\"Clicked\",\"userId\":\"u-1\",\"messageId\":\"" + messageId + "\","
                + "\"properties\":{\"price\":12.50,\"tags\":[\"a\",\"é\"],\"nested\":{\"ok\":true,\"none\":null}}}";
    }

    /** How many times the log holds the messageId for our source. */
    private static int stored(String messageId) {
        String url = "jdbc:postgresql://127.0.0.1:" + server.setup().embeddedPort() + "/krenalis";
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM event_log WHERE connection_id = ? AND message_id = ?")) {
            ps.setLong(1, source);
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void accepted(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"success\":true}", r.body());
    }

    @Test
    void everyPathAndKeyVariantIsAcceptedAndStoredOnce() {
        String id = UUID.randomUUID().toString();
        accepted(post("/v1/batch", "{\"batch\":[" + track(id + "-batch") + "]}", "Authorization", basic(writeKey),
                "Content-Type", "application/json"));
        accepted(post("/v1/import/", "{\"writeKey\":\"" + writeKey + "\",\"batch\":[" + track(id + "-import") + "],\"sequence\":1}",
                "Content-Type", "application/json; charset=UTF-8"));
        accepted(post("/v1/import", "{\"batch\":[" + track(id + "-import-noslash") + "]}", "Authorization", basic(writeKey)));
        accepted(post("/v1/track", track(id + "-track"), "Authorization", "Bearer " + writeKey));
        accepted(post("/v1/t", track(id + "-t").replace("{\"type\"", "{\"writeKey\":\"" + writeKey + "\",\"type\""),
                "Content-Type", "text/plain"));
        accepted(post("/v1/events", track(id + "-events"), "Authorization", basic(writeKey)));
        accepted(post("/v1/events/track", track(id + "-events-track"), "Authorization", basic(writeKey)));
        accepted(post("/beacon/v1/batch?writeKey=" + writeKey, "{\"batch\":[" + track(id + "-beacon") + "]}"));
        for (String suffix : new String[] {"-batch", "-import", "-import-noslash", "-track", "-t", "-events", "-events-track", "-beacon"}) {
            assertEquals(1, stored(id + suffix), suffix);
        }
    }

    @Test
    void gzipIsDecodedWhateverTheContentType() throws IOException {
        String id = UUID.randomUUID().toString();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(("{\"batch\":[" + track(id) + "]}").getBytes(StandardCharsets.UTF_8));
        }
        accepted(post("/v1/batch", gz.toByteArray(), "Authorization", basic(writeKey),
                "Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "gzip"));
        assertEquals(1, stored(id));
    }

    @Test
    void retriesAndDuplicatesAreAcknowledgedButStoredOnce() {
        String id = UUID.randomUUID().toString();
        String body = "{\"batch\":[" + track(id) + "," + track(id) + "]}";
        accepted(post("/v1/batch", body, "Authorization", basic(writeKey)));
        accepted(post("/v1/batch", body, "Authorization", basic(writeKey)));
        assertEquals(1, stored(id));
    }

    @Test
    void theStoredEventIsTheSentEventEnriched() throws Exception {
        String id = UUID.randomUUID().toString();
        accepted(post("/v1/batch", "{\"batch\":[" + track(id) + "],\"sentAt\":\"2026-01-01T00:00:10Z\"}",
                "Authorization", basic(writeKey)));
        String url = "jdbc:postgresql://127.0.0.1:" + server.setup().embeddedPort() + "/krenalis";
        try (Connection c = DriverManager.getConnection(url, "postgres", null);
             PreparedStatement ps = c.prepareStatement("SELECT event FROM event_log WHERE message_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                JsonNode event = AdminApi.JSON.readTree(rs.getString(1));
                assertEquals(AdminApi.JSON.readTree("{\"price\":12.50,\"tags\":[\"a\",\"é\"],\"nested\":{\"ok\":true,\"none\":null}}"),
                        event.path("properties"));
                assertEquals("127.0.0.1", event.path("context").path("ip").asText());
                assertTrue(event.hasNonNull("receivedAt") && event.hasNonNull("timestamp"), event.toString());
                assertTrue(!event.has("writeKey"), "the write key is not stored");
            }
        }
    }

    @Test
    void badRequestsAreRefusedAndStoreNothing() throws IOException {
        String id = UUID.randomUUID().toString();
        // one good and one bad event: the whole request is refused
        HttpResponse<String> invalid = post("/v1/batch", "{\"batch\":[" + track(id + "-good") + ",{\"type\":\"track\",\"userId\":\"u\"}]}",
                "Authorization", basic(writeKey));
        assertEquals(400, invalid.statusCode(), invalid.body());
        JsonNode error = AdminApi.JSON.readTree(invalid.body()).path("error");
        assertEquals("invalid_events", error.path("code").asText());
        assertEquals(1, error.path("events").path(0).path("index").asInt());
        assertEquals("event", error.path("events").path(0).path("field").asText());
        assertEquals(0, stored(id + "-good"), "nothing of a rejected request is stored");

        assertEquals(400, post("/v1/batch", "{\"batch\":[", "Authorization", basic(writeKey)).statusCode(), "malformed JSON");
        assertEquals(400, post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"x\"}]}", "Authorization", basic(writeKey))
                .statusCode(), "no userId or anonymousId");
        assertEquals(413, post("/v1/batch", "{\"batch\":[" + "x".repeat(600_000) + "]}", "Authorization", basic(writeKey))
                .statusCode(), "over 500 KB");
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bomb)) {
            out.write(new byte[64 * 1024 * 1024]);
        }
        assertEquals(413, post("/v1/batch", bomb.toByteArray(), "Authorization", basic(writeKey), "Content-Encoding", "gzip")
                .statusCode(), "gzip bomb");
        assertEquals(401, post("/v1/batch", "{\"batch\":[" + track(id) + "]}").statusCode(), "no key");
        assertEquals(401, post("/v1/batch", "{\"batch\":[" + track(id) + "]}", "Authorization", basic("unknown-key")).statusCode());
        assertEquals(0, stored(id));
    }

    @Test
    void aDisabledSourceIs404AndARevokedKey401() {
        long other = admin.post("/v1/connections", Map.of("name", "App " + UUID.randomUUID(), "role", "source", "connector", "ios"))
                .expect(201).id();
        String key = admin.post("/v1/connections/" + other + "/event-write-keys", Map.of()).expect(201).json().path("key").asText();
        String id = UUID.randomUUID().toString();
        accepted(post("/v1/track", track(id + "-before"), "Authorization", basic(key)));
        admin.put("/v1/connections/" + other, Map.of("enabled", false)).expect(200);
        assertEquals(404, post("/v1/track", track(id + "-disabled"), "Authorization", basic(key)).statusCode());
        admin.put("/v1/connections/" + other, Map.of("enabled", true)).expect(200);
        admin.delete("/v1/connections/" + other + "/event-write-keys/" + key).expect(204);
        assertEquals(401, post("/v1/track", track(id + "-revoked"), "Authorization", basic(key)).statusCode());
    }

    @Test
    void aWebsiteSourceAcceptsOnlyItsOrigins() {
        long site = admin.post("/v1/connections", Map.of("name", "Shop " + UUID.randomUUID(), "role", "source",
                "connector", "javascript", "settings", Map.of("allowedOrigins", "https://shop.example, https://*.shop.example")))
                .expect(201).id();
        String key = admin.post("/v1/connections/" + site + "/event-write-keys", Map.of()).expect(201).json().path("key").asText();
        String id = UUID.randomUUID().toString();
        accepted(post("/v1/track", track(id + "-own"), "Authorization", basic(key), "Origin", "https://shop.example"));
        accepted(post("/v1/track", track(id + "-sub"), "Authorization", basic(key), "Origin", "https://eu.shop.example"));
        accepted(post("/v1/track", track(id + "-server"), "Authorization", basic(key)));
        HttpResponse<String> foreign = post("/v1/track", track(id + "-foreign"), "Authorization", basic(key), "Origin", "https://evil.example");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("origin_not_allowed"));
    }

    @Test
    void theLiveStreamShowsAcceptedEvents() throws Exception {
        HttpRequest open = HttpRequest.newBuilder(server.uri("/v1/connections/" + source + "/live-events"))
                .header("Authorization", "Bearer " + admin.key()).header("Krenalis-Workspace", Long.toString(workspace))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(open, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        java.util.concurrent.LinkedBlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> stream.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        assertEquals("event: open", poll(lines, l -> l.startsWith("event:")), "the stream announces itself");
        String id = UUID.randomUUID().toString();
        accepted(post("/v1/track", track(id), "Authorization", basic(writeKey)));
        String data = poll(lines, l -> l.startsWith("data:") && l.contains(id));
        assertTrue(data.contains("\"event\":\"Clicked\""), data);
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(server.uri("/v1/connections/" + source + "/live-events")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "admin key required");
    }

    private static String poll(java.util.concurrent.BlockingQueue<String> lines, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no such line within 10 s");
    }

    @Test
    void thePixelAnswersAGif() throws Exception {
        String id = UUID.randomUUID().toString();
        URI uri = server.uri("/pixel/v1/track?writeKey=" + writeKey + "&event=Opened&userId=u-9&messageId=" + id
                + "&properties.campaign=" + URLEncoder.encode("Black Friday", StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("image/gif", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(1, stored(id));
    }

    private static JsonNode getJson(String path, int expectedStatus, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(server.uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), path + ": " + response.body());
        return AdminApi.JSON.readTree(response.body());
    }

    @Test
    void deviceModeSdksGetTheirSettings() throws Exception {
        JsonNode segment = getJson("/v1/projects/" + writeKey + "/settings", 200);
        JsonNode io = segment.path("integrations").path("Segment.io");
        assertEquals(writeKey, io.path("apiKey").asText());
        assertEquals("127.0.0.1:" + server.setup().httpPort() + "/v1", io.path("apiHost").asText());
        assertEquals("http", io.path("protocol").asText());
        assertEquals(0, segment.path("metrics").path("sampleRate").asInt(-1), "no metrics sent to Segment");

        JsonNode rudder = getJson("/sourceConfig/?p=npm&v=3.0&build=modern&writeKey=" + writeKey, 200);
        assertEquals(Long.toString(source), rudder.path("source").path("id").asText());
        assertTrue(rudder.path("source").path("enabled").asBoolean());
        assertEquals(0, rudder.path("source").path("destinations").size());
        assertEquals(Long.toString(source), getJson("/sourceConfig", 200, "Authorization", basic(writeKey)).path("source").path("id").asText());

        JsonNode ours = getJson("/v1/events/settings/" + writeKey, 200);
        assertEquals(source, ours.path("source").path("id").asLong());
        assertEquals("javascript", ours.path("source").path("connector").asText());

        getJson("/v1/projects/unknown-key/settings", 404);
        getJson("/sourceConfig/?writeKey=unknown-key", 404);
        getJson("/v1/events/settings/unknown-key", 404);
    }

    @Test
    void browsersGetCorsAnswers() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(server.uri("/v1/batch"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,anonymousid,sentat").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode());
        assertEquals("https://shop.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("authorization,content-type,anonymousid,sentat",
                preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""));
        HttpResponse<String> r = post("/v1/track", track(UUID.randomUUID().toString()), "Authorization", basic(writeKey),
                "Origin", "https://shop.example");
        assertEquals("https://shop.example", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("true", r.headers().firstValue("Access-Control-Allow-Credentials").orElse(""));
    }
}
