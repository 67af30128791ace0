package com.krenalis.core.internal.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.EventSourceTarget;
import com.krenalis.api.platform.EventWriteKey;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.settings.FieldError;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.testing.TestPostgres;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionServiceIT {
    private CoreFixture core;
    private Principal admin;
    private long ws;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        admin = new Principal(1, core.organization(), null);
        ws = core.workspaces.create(admin, "Events", null).id();
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private static List<String> fields(InvalidInputException e) {
        return e.errors().stream().map(FieldError::field).sorted().toList();
    }

    private com.krenalis.api.platform.Connection sdkSource(String name) {
        return core.connections.create(admin, ws, name, "source", "test-sdk", Map.of("origin", "https://shop.example"));
    }

    @Test
    void createListGetUpdateDelete() {
        var c = sdkSource("Website");
        assertEquals("test-sdk", c.connector());
        assertTrue(c.enabled());
        assertEquals(List.of("Website"), core.connections.list(admin, ws).stream().map(com.krenalis.api.platform.Connection::name).toList());
        var disabled = core.connections.update(admin, ws, c.id(), "Web site", false, null);
        assertEquals("Web site", disabled.name());
        assertFalse(disabled.enabled());
        assertEquals("https://shop.example", disabled.settings().get("origin"), "settings unchanged when omitted");
        core.connections.delete(admin, ws, c.id());
        assertThrows(NotFoundException.class, () -> core.connections.get(admin, ws, c.id()));
    }

    @Test
    void inputIsValidatedFieldByField() {
        assertEquals(List.of("connector"), fields(assertThrows(InvalidInputException.class,
                () -> core.connections.create(admin, ws, "x", "source", "nope", Map.of()))));
        assertEquals(List.of("role"), fields(assertThrows(InvalidInputException.class,
                () -> core.connections.create(admin, ws, "x", "sink", "test-sdk", Map.of()))));
        assertEquals(List.of("role"), fields(assertThrows(InvalidInputException.class,
                () -> core.connections.create(admin, ws, "x", "destination", "test-sdk", Map.of()))));
        assertEquals(List.of("name"), fields(assertThrows(InvalidInputException.class,
                () -> core.connections.create(admin, ws, "", "source", "test-sdk", Map.of()))));
        assertEquals(List.of("settings.colour", "settings.origin"), fields(assertThrows(InvalidInputException.class,
                () -> core.connections.create(admin, ws, "x", "source", "test-sdk", Map.of("origin", "http://x", "colour", 1)))));
        assertEquals(List.of("settings.signingSecret"), fields(assertThrows(InvalidInputException.class,
                () -> core.connections.create(admin, ws, "x", "source", "test-sdk", Map.of("signed", true)))),
                "the connector's own cross-field rule");
        assertTrue(core.connections.list(admin, ws).isEmpty());
        sdkSource("Dup");
        assertThrows(ConflictException.class, () -> sdkSource("Dup"));
    }

    @Test
    void secretsAreSealedRedactedAndKeptWhenSentBack() throws Exception {
        var c = core.connections.create(admin, ws, "Signed", "source", "test-sdk", Map.of("signed", true, "signingSecret", "hush-hush"));
        assertEquals("********", c.settings().get("signingSecret"));
        try (java.sql.Connection sql = TestPostgres.connect(core.metadataUrl); Statement st = sql.createStatement();
             ResultSet rs = st.executeQuery("SELECT settings->>'signingSecret' FROM connections WHERE id = " + c.id())) {
            rs.next();
            assertTrue(rs.getString(1).startsWith("v1:"));
            assertFalse(rs.getString(1).contains("hush"));
        }
        Map<String, Object> back = new HashMap<>(c.settings());
        back.put("origin", "https://new.example");
        var updated = core.connections.update(admin, ws, c.id(), null, null, back);
        assertEquals("https://new.example", updated.settings().get("origin"));
    }

    @Test
    void writeKeysResolveToTheirSourceUntilRevoked() {
        var c = sdkSource("App");
        EventWriteKey key = core.connections.createWriteKey(admin, ws, c.id());
        assertTrue(key.key().matches("[0-9A-Za-z]{32}"), key.key());
        assertEquals(new EventSourceTarget(ws, c.id(), "test-sdk", true, Map.of("origin", "https://shop.example", "signed", false)),
                core.connections.resolveWriteKey(key.key()).orElseThrow());
        assertEquals(List.of(key.key()), core.connections.listWriteKeys(admin, ws, c.id()).stream().map(EventWriteKey::key).toList());

        core.connections.update(admin, ws, c.id(), null, false, null);
        assertFalse(core.connections.resolveWriteKey(key.key()).orElseThrow().enabled(), "disabling is seen at once");

        core.connections.deleteWriteKey(admin, ws, c.id(), key.key());
        assertTrue(core.connections.resolveWriteKey(key.key()).isEmpty(), "revoking is seen at once");
        assertThrows(NotFoundException.class, () -> core.connections.deleteWriteKey(admin, ws, c.id(), key.key()));
        assertTrue(core.connections.resolveWriteKey("unknown-key").isEmpty());
    }

    @Test
    void onlyEventSourcesHaveWriteKeys() {
        var faker = core.connections.create(admin, ws, "Synthetic users", "source", "faker", Map.of());
        assertEquals(List.of("connection"), fields(assertThrows(InvalidInputException.class,
                () -> core.connections.createWriteKey(admin, ws, faker.id()))));
    }

    @Test
    void deletingTheWorkspaceRevokesItsWriteKeysAtOnce() {
        var c = sdkSource("Doomed");
        String key = core.connections.createWriteKey(admin, ws, c.id()).key();
        assertTrue(core.connections.resolveWriteKey(key).isPresent()); // cached now
        core.workspaces.delete(admin, ws);
        assertTrue(core.connections.resolveWriteKey(key).isEmpty());
    }

    @Test
    void workspacesAreIsolated() {
        var c = sdkSource("Mine");
        long other = core.workspaces.create(admin, "Other", null).id();
        assertThrows(NotFoundException.class, () -> core.connections.get(admin, other, c.id()));
        Principal otherKey = new Principal(9, admin.organizationId(), other);
        assertThrows(NotFoundException.class, () -> core.connections.list(otherKey, ws));
        assertThrows(NotFoundException.class, () -> core.connections.createWriteKey(otherKey, ws, c.id()));
    }
}
