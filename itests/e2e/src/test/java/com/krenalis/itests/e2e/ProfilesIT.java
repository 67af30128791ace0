package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The profile path end to end on the real server: the user schema over the API, events from two sources into
 * identities (rule 4), identity resolution started over the API, profiles read back with filters, their identities
 * and events, KPIDs on events (after the run and at ingestion), rollback.
 */
@ExtendWith({SharedServer.class, ServerLogs.class})
class ProfilesIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ServerProcess server;
    private static AdminApi admin;
    private static String web;
    private static String app;
    private static long webId;

    @BeforeAll
    static void workspace(ServerProcess shared, AdminApi api) {
        server = shared;
        long workspace = api.post("/v1/workspaces", Map.of("name", "Profiles " + UUID.randomUUID())).expect(201).id();
        admin = api.inWorkspace(workspace);
        webId = admin.post("/v1/connections", Map.of("name", "Site", "role", "source", "connector", "javascript")).expect(201).id();
        long appId = admin.post("/v1/connections", Map.of("name", "App", "role", "source", "connector", "android")).expect(201).id();
        web = basic(admin.post("/v1/connections/" + webId + "/event-write-keys", Map.of()).expect(201).json().path("key").asText());
        app = basic(admin.post("/v1/connections/" + appId + "/event-write-keys", Map.of()).expect(201).json().path("key").asText());
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(String auth, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri("/v1/batch")).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"batch\":[" + json + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static JsonNode waitFor(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode body = admin.get(path).expect(200).json();
            if (done.test(body)) {
                return body;
            }
            assertTrue(System.nanoTime() < deadline, "timed out waiting on " + path + ": " + body);
            Thread.sleep(50);
        }
    }

    private static JsonNode run() throws Exception {
        long id = admin.post("/v1/identity-resolution/start", Map.of()).expect(202).id();
        JsonNode run = waitFor("/v1/identity-resolution/runs/" + id, r -> !r.path("state").asText().equals("running"));
        assertEquals("succeeded", run.path("state").asText(), run.toString());
        return run;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void eventsBecomeProfiles() throws Exception {
        // The schema: the default one plus a plan and tags.
        JsonNode current = admin.get("/v1/profiles/schema").expect(200).json().path("schema");
        List<Object> properties = new ArrayList<>();
        current.path("properties").forEach(p -> properties.add(AdminApi.JSON.convertValue(p, Object.class)));
        properties.add(Map.of("name", "plan", "type", Map.of("type", "string", "maxLength", 20)));
        properties.add(Map.of("name", "tags", "type", Map.of("type", "array", "element", Map.of("type", "string"))));
        Map<String, Object> wanted = Map.of("type", "object", "properties", properties);
        JsonNode preview = admin.post("/v1/profiles/schema/preview", Map.of("schema", wanted)).expect(200).json();
        assertFalse(preview.path("applied").asBoolean());
        assertTrue(preview.path("statements").toString().contains("plan"), preview.toString());
        admin.put("/v1/profiles/schema", Map.of("schema", wanted)).expect(200);
        List<Object> fewer = new ArrayList<>(properties);
        fewer.removeIf(p -> "last_name".equals(((Map<?, ?>) p).get("name")));
        admin.put("/v1/profiles/schema", Map.of("schema", Map.of("type", "object", "properties", fewer))).expect(409);

        String anonA = "anon-" + UUID.randomUUID();
        String anonB = "anon-" + UUID.randomUUID();
        send(web, "{\"type\":\"page\",\"anonymousId\":\"" + anonA + "\",\"name\":\"Home\"},"
                + "{\"type\":\"page\",\"anonymousId\":\"" + anonB + "\",\"name\":\"Pricing\"}");
        send(web, "{\"type\":\"identify\",\"userId\":\"u1\",\"anonymousId\":\"" + anonA + "\",\"traits\":{\"email\":\"alex@acme.com\","
                + "\"first_name\":\"Alex\",\"tags\":[\"a\",\"b\"],\"unknown_trait\":1},\"timestamp\":\"2026-01-01T10:00:00Z\"}");
        send(app, "{\"type\":\"identify\",\"userId\":\"app-9\",\"traits\":{\"email\":\"alex@acme.com\",\"plan\":\"pro\","
                + "\"tags\":[\"b\",\"c\"],\"first_name\":\"Al\"},\"timestamp\":\"2025-12-01T10:00:00Z\"}");
        waitFor("/v1/events?limit=100", e -> e.path("events").size() == 4);

        admin.put("/v1/identity-resolution/settings", Map.of("identifiers", List.of("first_name", "nope"))).expect(400);
        admin.put("/v1/identity-resolution/settings", Map.of("identifiers", List.of("email"), "runAfterImport", false,
                "blocklist", Map.of("email", List.of("test@test.com")), "maxIdentitiesPerProfile", 1000,
                "primaryConnections", Map.of())).expect(200);
        JsonNode first = run();
        assertEquals(3, first.path("identities").asLong(), "u1 (absorbed anon A), app-9, anon B: " + first);
        assertEquals(2, first.path("profiles").asLong());

        JsonNode alex = admin.get("/v1/profiles?filter=" + q("{\"logical\":\"and\",\"conditions\":[{\"property\":\"email\","
                + "\"operator\":\"is\",\"values\":[\"alex@acme.com\"]}]}")).expect(200).json().path("profiles");
        assertEquals(1, alex.size(), alex.toString());
        JsonNode p = alex.get(0);
        assertEquals(2, p.path("_identities").asInt());
        assertEquals("Alex", p.path("first_name").asText(), "the freshest identity's value");
        assertEquals("pro", p.path("plan").asText());
        assertEquals(List.of("a", "b", "c"), elements(p.path("tags")).map(JsonNode::asText).toList());
        String kpid = p.path("_kpid").asText();

        assertEquals(2, admin.get("/v1/profiles/" + kpid + "/identities").expect(200).json().path("identities").size());
        JsonNode events = admin.get("/v1/profiles/" + kpid + "/events").expect(200).json().path("events");
        assertEquals(3, events.size(), "the anonymous page, the web identify and the app identify: " + events);
        for (JsonNode e : events) {
            assertEquals(kpid, e.path("kpid").asText());
        }
        admin.get("/v1/profiles/not-a-uuid").expectError(400, "invalid_input");
        admin.get("/v1/profiles/" + UUID.randomUUID()).expect(404);

        // An event after the run gets its profile's KPID at ingestion.
        String late = UUID.randomUUID().toString();
        send(web, "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Paid\",\"messageId\":\"" + late + "\"}");
        waitFor("/v1/events?connection=" + webId + "&type=track", e -> elements(e.path("events")).anyMatch(
                ev -> ev.path("message_id").asText().equals(late) && ev.path("kpid").asText().equals(kpid)));
        // So does an anonymous event whose anonymousId the profile's known identity absorbed.
        String lateAnonymous = UUID.randomUUID().toString();
        send(web, "{\"type\":\"page\",\"anonymousId\":\"" + anonA + "\",\"name\":\"Docs\",\"messageId\":\""
                + lateAnonymous + "\"}");
        waitFor("/v1/events?connection=" + webId + "&type=page", e -> elements(e.path("events")).anyMatch(
                ev -> ev.path("message_id").asText().equals(lateAnonymous) && ev.path("kpid").asText().equals(kpid)));
        // And one of an anonymous identity with a profile of its own.
        String kpidB = elements(admin.get("/v1/profiles").expect(200).json().path("profiles"))
                .map(pr -> pr.path("_kpid").asText()).filter(k -> !k.equals(kpid)).findFirst().orElseThrow();
        String lateB = UUID.randomUUID().toString();
        send(web, "{\"type\":\"page\",\"anonymousId\":\"" + anonB + "\",\"name\":\"Blog\",\"messageId\":\"" + lateB + "\"}");
        waitFor("/v1/events?connection=" + webId + "&type=page", e -> elements(e.path("events")).anyMatch(
                ev -> ev.path("message_id").asText().equals(lateB) && ev.path("kpid").asText().equals(kpidB)));

        JsonNode second = run();
        assertEquals(kpid, admin.get("/v1/profiles?filter=" + q("{\"logical\":\"and\",\"conditions\":[{\"property\":\"plan\","
                + "\"operator\":\"is\",\"values\":[\"pro\"]}]}")).expect(200).json().path("profiles").get(0).path("_kpid").asText(),
                "K1: the same identities keep their KPID");
        assertEquals(second.path("id").asLong(), admin.get("/v1/identity-resolution/latest").expect(200).id());
        JsonNode back = admin.post("/v1/identity-resolution/rollback", Map.of()).expect(200).json();
        assertEquals(first.path("id").asLong(), back.path("id").asLong());
        admin.post("/v1/identity-resolution/rollback", Map.of()).expectError(409, "conflict");
    }
}
