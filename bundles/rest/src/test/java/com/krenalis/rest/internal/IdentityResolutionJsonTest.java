package com.krenalis.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.profiles.IdentityResolutionSettings;
import com.krenalis.api.profiles.ResolutionRun;
import com.krenalis.api.settings.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings bodies read strictly, settings and runs as JSON: what the identity-resolution routes send and accept. */
class IdentityResolutionJsonTest {
    private static final IdentityResolutionSettings CURRENT = new IdentityResolutionSettings(List.of("email"), true,
            Map.of("email", List.of("test@test.com")), 500, Map.of("email", 7L));

    /** A body as the JSON provider reads it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(String json) throws Exception {
        return JsonProvider.MAPPER.readValue(json, Map.class);
    }

    private static List<String> fields(String json) throws Exception {
        Map<String, Object> body = body(json);
        return assertThrows(InvalidInputException.class, () -> IdentityResolutionJson.settings(body, CURRENT))
                .errors().stream().map(FieldError::field).sorted().toList();
    }

    @Test
    void aFullBodyReplacesEveryField() throws Exception {
        IdentityResolutionSettings s = IdentityResolutionJson.settings(body("""
                {"identifiers":["email","phone"],"runAfterImport":false,"blocklist":{"phone":["000"]},
                 "maxIdentitiesPerProfile":20,"primaryConnections":{"firstName":12345678901}}"""), CURRENT);
        assertEquals(new IdentityResolutionSettings(List.of("email", "phone"), false, Map.of("phone", List.of("000")), 20,
                Map.of("firstName", 12345678901L)), s);
    }

    @Test
    void omittedFieldsStayAsTheyAre() throws Exception {
        assertEquals(CURRENT, IdentityResolutionJson.settings(body("{}"), CURRENT));
        IdentityResolutionSettings s = IdentityResolutionJson.settings(body("{\"runAfterImport\":false,\"blocklist\":{}}"), CURRENT);
        assertEquals(new IdentityResolutionSettings(List.of("email"), false, Map.of(), 500, Map.of("email", 7L)), s);
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamedAllAtOnce() throws Exception {
        assertEquals(List.of("identifier"), fields("{\"identifier\":[\"email\"]}"));
        assertEquals(List.of("identifiers"), fields("{\"identifiers\":\"email\"}"));
        assertEquals(List.of("identifiers[1]"), fields("{\"identifiers\":[\"email\",3]}"));
        assertEquals(List.of("identifiers[0]"), fields("{\"identifiers\":[\"\"]}"));
        assertEquals(List.of("runAfterImport"), fields("{\"runAfterImport\":\"true\"}"));
        assertEquals(List.of("runAfterImport"), fields("{\"runAfterImport\":null}"));
        assertEquals(List.of("blocklist"), fields("{\"blocklist\":[\"x\"]}"));
        assertEquals(List.of("blocklist.email[0]"), fields("{\"blocklist\":{\"email\":[1]}}"));
        assertEquals(List.of("blocklist.email"), fields("{\"blocklist\":{\"email\":\"x\"}}"));
        assertEquals(List.of("maxIdentitiesPerProfile"), fields("{\"maxIdentitiesPerProfile\":1.5}"));
        assertEquals(List.of("maxIdentitiesPerProfile"), fields("{\"maxIdentitiesPerProfile\":\"10\"}"));
        assertEquals(List.of("maxIdentitiesPerProfile"), fields("{\"maxIdentitiesPerProfile\":0}"));
        assertEquals(List.of("maxIdentitiesPerProfile"), fields("{\"maxIdentitiesPerProfile\":3000000000}"));
        assertEquals(List.of("primaryConnections.email"), fields("{\"primaryConnections\":{\"email\":\"7\"}}"));
        assertEquals(List.of("primaryConnections"), fields("{\"primaryConnections\":7}"));
        assertEquals(List.of("extra", "runAfterImport"), fields("{\"extra\":1,\"runAfterImport\":1}"));
    }

    @Test
    void settingsAsJson() throws Exception {
        assertEquals("{\"identifiers\":[\"email\"],\"runAfterImport\":true,\"blocklist\":{\"email\":[\"test@test.com\"]},"
                        + "\"maxIdentitiesPerProfile\":500,\"primaryConnections\":{\"email\":7}}",
                new ObjectMapper().writeValueAsString(IdentityResolutionJson.settings(CURRENT)));
    }

    @Test
    void runsAsJson() throws Exception {
        ResolutionRun run = new ResolutionRun(42, 1, ResolutionRun.State.ROLLED_BACK, Instant.parse("2026-11-23T10:00:00Z"),
                Instant.parse("2026-11-23T10:00:01.5Z"), List.of(new ResolutionRun.Phase("read", 120)), 1000, 800, 3, 2, 4,
                List.of(new ResolutionRun.GuardHit(20000, List.of("test@test.com"))), null);
        assertEquals("{\"id\":42,\"state\":\"rolled_back\",\"startedAt\":\"2026-11-23T10:00:00Z\","
                        + "\"endedAt\":\"2026-11-23T10:00:01.500Z\",\"phases\":[{\"name\":\"read\",\"millis\":120}],"
                        + "\"identities\":1000,\"profiles\":800,\"merges\":3,\"splits\":2,\"rounds\":4,"
                        + "\"guardHits\":[{\"identities\":20000,\"topValues\":[\"test@test.com\"]}],\"error\":null}",
                JsonProvider.MAPPER.writeValueAsString(IdentityResolutionJson.run(run)));
        ResolutionRun running = new ResolutionRun(43, 1, ResolutionRun.State.RUNNING, Instant.parse("2026-11-23T10:00:00Z"),
                null, null, 0, 0, 0, 0, 0, null, null);
        Map<String, Object> json = IdentityResolutionJson.run(running);
        assertEquals("running", json.get("state"));
        assertEquals(null, json.get("endedAt"));
        assertEquals(List.of(), json.get("phases"));
        assertEquals("failed", IdentityResolutionJson.run(new ResolutionRun(44, 1, ResolutionRun.State.FAILED,
                Instant.EPOCH, Instant.EPOCH, null, 0, 0, 0, 0, 0, null, "boom")).get("state"));
    }
}
