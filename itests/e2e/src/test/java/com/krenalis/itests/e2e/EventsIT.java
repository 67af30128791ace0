package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Accepted events reach the workspace's warehouse and read back through GET /v1/events, filtered and paged. */
@ExtendWith({SharedServer.class, ServerLogs.class})
class EventsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ServerProcess server;
    private static AdminApi admin;
    private static long source;
    private static String auth;

    @BeforeAll
    static void source(ServerProcess shared, AdminApi api) {
        server = shared;
        long workspace = api.post("/v1/workspaces", Map.of("name", "Events " + UUID.randomUUID())).expect(201).id();
        admin = api.inWorkspace(workspace);
        source = admin.post("/v1/connections", Map.of("name", "Site", "role", "source", "connector", "javascript")).expect(201).id();
        String key = admin.post("/v1/connections/" + source + "/event-write-keys", Map.of()).expect(201).json().path("key").asText();
        auth = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(String type, String messageId) throws Exception {
        String extra = type.equals("track") ? ",\"event\":\"Viewed\"" : "";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri("/v1/events"))
                .header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + type + "\",\"userId\":\"u\","
                        + "\"messageId\":\"" + messageId + "\",\"properties\":{\"k\":1},\"context\":{\"page\":{\"url\":\"https://x.example/\"}}" + extra + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static List<JsonNode> all(String query) {
        return elements(admin.get("/v1/events?connection=" + source + query).expect(200).json().path("events")).toList();
    }

    @Test
    void acceptedEventsAreQueryableSoonAndReadBackWhole() throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = UUID.randomUUID().toString();
            send("track", id);
            long acked = System.nanoTime();
            while (all("&limit=5").stream().noneMatch(e -> e.path("message_id").asText().equals(id))) {
                assertTrue(System.nanoTime() - acked < 10_000_000_000L, "event " + id + " not queryable within 10 s");
                Thread.sleep(10);
            }
            latencies.add((System.nanoTime() - acked) / 1_000_000);
        }
        latencies.sort(null);
        System.out.println("200 to queryable through GET /v1/events (30 sequential events): p50 " + latencies.get(15)
                + " ms, p95 " + latencies.get(28) + " ms, max " + latencies.get(29) + " ms");
        JsonNode e = all("&limit=1").get(0);
        assertEquals("track", e.path("type").asText());
        assertEquals("Viewed", e.path("event").asText());
        assertEquals(1, e.path("properties").path("k").asInt());
        assertEquals("https://x.example/", e.path("context_page_url").asText());
        assertEquals(source, e.path("connection_id").asLong());
    }

    @Test
    void pagesCoverEverythingOnceAndFiltersApply() throws Exception {
        Set<String> sent = new HashSet<>();
        String prefix = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            String id = prefix + "-" + i;
            sent.add(id);
            send(i % 2 == 0 ? "page" : "identify", id);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (all("&limit=1000").stream().filter(e -> e.path("message_id").asText().startsWith(prefix)).count() < 5) {
            assertTrue(System.nanoTime() < deadline, "not loaded in 10 s");
            Thread.sleep(20);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = admin.get("/v1/events?connection=" + source + "&type=page&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200).json();
            for (JsonNode e : (Iterable<JsonNode>) () -> page.path("events").elements()) {
                assertEquals("page", e.path("type").asText());
                assertTrue(seen.add(e.path("message_id").asText()), "no event twice across pages");
            }
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
            pages++;
        } while (cursor != null && pages < 100);
        assertTrue(seen.containsAll(Set.of(prefix + "-0", prefix + "-2", prefix + "-4")), seen.toString());
        assertTrue(seen.stream().noneMatch(id -> id.equals(prefix + "-1") || id.equals(prefix + "-3")));
    }

    @Test
    void badParametersNameTheField() {
        assertEquals("type", field(admin.get("/v1/events?type=click")));
        assertEquals("limit", field(admin.get("/v1/events?limit=0")));
        assertEquals("since", field(admin.get("/v1/events?since=yesterday")));
        assertEquals("cursor", field(admin.get("/v1/events?cursor=%25%25")));
    }

    private static String field(ApiResponse r) {
        r.expectError(400, "invalid_input");
        return r.json().path("error").path("fields").path(0).path("field").asText();
    }
}
