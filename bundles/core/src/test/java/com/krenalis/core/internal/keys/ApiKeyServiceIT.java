package com.krenalis.core.internal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.CreatedApiKey;
import com.krenalis.api.platform.ForbiddenException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.Workspace;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyServiceIT {
    private CoreFixture core;
    private long org;
    private Principal admin;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        org = core.organization();
        admin = core.keys.authenticate(core.keys.createInitial(org, "first")).orElseThrow();
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void anOrganizationKeyAuthenticatesAsAnOrganizationKey() {
        assertTrue(admin.isOrganizationKey(), "workspace must be null, not 0: " + admin);
        assertEquals(org, admin.organizationId());
    }

    @Test
    void createdTokensWorkAndAreStoredOnlyAsHashes() throws Exception {
        CreatedApiKey created = core.keys.create(admin, "ci", null);
        assertTrue(created.token().startsWith("kra_") && created.token().length() == 44, created.token());
        assertEquals(created.token().substring(0, 12), created.key().prefix());
        assertFalse(created.toString().contains(created.token()), "toString never shows the token");
        assertEquals(created.key().id(), core.keys.authenticate(created.token()).orElseThrow().keyId());
        try (Connection c = TestPostgres.connect(core.metadataUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM api_keys WHERE encode(token_sha256, 'escape') LIKE '%"
                     + created.token().substring(4, 20) + "%' OR prefix = '" + created.token() + "'")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "the token itself is stored nowhere");
        }
    }

    @Test
    void wrongMalformedAndMissingTokensAreRejected() {
        assertTrue(core.keys.authenticate(null).isEmpty());
        assertTrue(core.keys.authenticate("").isEmpty());
        assertTrue(core.keys.authenticate("kra_short").isEmpty());
        assertTrue(core.keys.authenticate("kra_" + "x".repeat(40)).isEmpty());
        assertTrue(core.keys.authenticate("with spaces inside the token value").isEmpty());
    }

    @Test
    void aDeletedKeyStopsWorkingAtOnce() {
        CreatedApiKey k = core.keys.create(admin, "temp", null);
        assertTrue(core.keys.authenticate(k.token()).isPresent()); // now cached
        core.keys.delete(admin, k.key().id());
        assertTrue(core.keys.authenticate(k.token()).isEmpty());
        assertThrows(NotFoundException.class, () -> core.keys.get(admin, k.key().id()));
    }

    @Test
    void theLastOrganizationKeyCannotBeDeleted() {
        assertThrows(ConflictException.class, () -> core.keys.delete(admin, admin.keyId()));
        CreatedApiKey second = core.keys.create(admin, "second", null);
        core.keys.delete(admin, admin.keyId());
        Principal p2 = core.keys.authenticate(second.token()).orElseThrow();
        assertThrows(ConflictException.class, () -> core.keys.delete(p2, p2.keyId()));
    }

    @Test
    void workspaceKeysAreScopedAndCannotManageKeys() {
        Workspace ws = core.workspaces.create(admin, "Scoped", null);
        CreatedApiKey k = core.keys.create(admin, "ws key", ws.id());
        Principal scoped = core.keys.authenticate(k.token()).orElseThrow();
        assertEquals(ws.id(), scoped.workspaceId());
        assertThrows(ForbiddenException.class, () -> core.keys.list(scoped));
        assertThrows(ForbiddenException.class, () -> core.keys.create(scoped, "x", null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> core.keys.create(admin, "x", 999_999L));
        assertEquals("workspaceId", e.errors().get(0).field());
    }

    @Test
    void deletingAWorkspaceStopsItsKeysAtOnce() {
        Workspace ws = core.workspaces.create(admin, "Doomed", null);
        CreatedApiKey k = core.keys.create(admin, "ws key", ws.id());
        assertTrue(core.keys.authenticate(k.token()).isPresent()); // now cached
        core.workspaces.delete(admin, ws.id());
        assertTrue(core.keys.authenticate(k.token()).isEmpty());
    }

    @Test
    void renameAndList() {
        CreatedApiKey k = core.keys.create(admin, "old", null);
        assertEquals("new", core.keys.rename(admin, k.key().id(), " new ").name());
        assertEquals(2, core.keys.list(admin).size());
        assertNull(core.keys.list(admin).get(1).workspaceId());
        assertThrows(InvalidInputException.class, () -> core.keys.rename(admin, k.key().id(), ""));
    }

    @Test
    void theConfiguredKeyIsEnsuredOnce() {
        String configured = "my-configured-admin-key-0123456789";
        assertTrue(core.keys.ensure(org, "configured", configured));
        assertFalse(core.keys.ensure(org, "configured", configured));
        assertTrue(core.keys.authenticate(configured).orElseThrow().isOrganizationKey());
    }
}
