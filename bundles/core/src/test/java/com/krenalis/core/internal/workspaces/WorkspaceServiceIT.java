package com.krenalis.core.internal.workspaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.ForbiddenException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.WarehouseConfig;
import com.krenalis.api.platform.Workspace;
import com.krenalis.api.settings.FieldError;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.testing.TestPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkspaceServiceIT {
    private CoreFixture core;
    private Principal admin;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        admin = new Principal(1, core.organization(), null);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private boolean schemaExists(String url, String schema) throws Exception {
        try (Connection c = TestPostgres.connect(url);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<String> fields(InvalidInputException e) {
        return e.errors().stream().map(FieldError::field).sorted().toList();
    }

    @Test
    void aWorkspaceOnTheDefaultWarehouseGetsItsOwnSchema() throws Exception {
        Workspace a = core.workspaces.create(admin, "  Marketing ", null);
        Workspace b = core.workspaces.create(admin, "Sales", WarehouseConfig.serverDefault());
        assertEquals("Marketing", a.name(), "names are trimmed");
        assertTrue(a.warehouse().isServerDefault());
        assertEquals("workspace_" + a.id(), a.namespace());
        assertNotEquals(a.namespace(), b.namespace());
        assertTrue(schemaExists(core.warehouseUrl, a.namespace()));
        assertTrue(schemaExists(core.warehouseUrl, b.namespace()));
        assertEquals(List.of("Marketing", "Sales"), core.workspaces.list(admin).stream().map(Workspace::name).toList());
    }

    @Test
    void namesAreValidatedAndUnique() {
        core.workspaces.create(admin, "Marketing", null);
        assertThrows(ConflictException.class, () -> core.workspaces.create(admin, "Marketing", null));
        assertEquals(List.of("name"), fields(assertThrows(InvalidInputException.class, () -> core.workspaces.create(admin, " ", null))));
        assertEquals(List.of("name"), fields(assertThrows(InvalidInputException.class, () -> core.workspaces.create(admin, "x".repeat(101), null))));
        assertEquals(List.of("name"), fields(assertThrows(InvalidInputException.class, () -> core.workspaces.create(admin, "a\u0000b", null))));
    }

    private Map<String, Object> externalSettings(String schema, String password) {
        URI uri = URI.create(core.warehouseUrl.substring("jdbc:".length()));
        Map<String, Object> s = new HashMap<>(Map.of("host", uri.getHost(), "port", uri.getPort(),
                "database", uri.getPath().substring(1), "user", TestPostgres.user(), "schema", schema));
        if (password != null) {
            s.put("password", password);
        }
        return s;
    }

    @Test
    void anExplicitWarehouseKeepsItsPasswordEncryptedAndRedacted() throws Exception {
        Workspace ws = core.workspaces.create(admin, "External", new WarehouseConfig("postgresql", externalSettings("ext_one", "s3cr3t-pw")));
        assertEquals("ext_one", ws.namespace());
        assertEquals("********", ws.warehouse().settings().get("password"));
        assertTrue(schemaExists(core.warehouseUrl, "ext_one"));
        try (Connection c = TestPostgres.connect(core.metadataUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT warehouse_settings->>'password' FROM workspaces WHERE name = 'External'")) {
            rs.next();
            String stored = rs.getString(1);
            assertTrue(stored.startsWith("v1:"), stored);
            assertFalse(stored.contains("s3cr3t"));
        }
        // Sending back what was read (the placeholder) keeps the stored password.
        Map<String, Object> readBack = new HashMap<>(ws.warehouse().settings());
        readBack.put("schema", "ext_two");
        Workspace moved = core.workspaces.update(admin, ws.id(), null, new WarehouseConfig("postgresql", readBack));
        assertEquals("ext_two", moved.namespace());
        assertTrue(schemaExists(core.warehouseUrl, "ext_two"));
    }

    @Test
    void badWarehouseSettingsNameTheirFields() {
        Map<String, Object> bad = externalSettings("Bad Schema", null);
        bad.put("port", 70000);
        bad.put("colour", "blue");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> core.workspaces.create(admin, "Bad", new WarehouseConfig("postgresql", bad)));
        assertEquals(List.of("warehouse.settings.colour", "warehouse.settings.port", "warehouse.settings.schema"), fields(e));
        assertEquals(List.of("warehouse.driver"), fields(assertThrows(InvalidInputException.class,
                () -> core.workspaces.create(admin, "Bad", new WarehouseConfig("oracle", Map.of())))));
        assertEquals(List.of("warehouse.settings"), fields(assertThrows(InvalidInputException.class,
                () -> core.workspaces.create(admin, "Bad", new WarehouseConfig(null, Map.of("x", 1))))));
        assertTrue(core.workspaces.list(admin).isEmpty(), "nothing half-created");
    }

    @Test
    void anUnreachableWarehouseIsRefusedWithItsReason() {
        Map<String, Object> down = externalSettings("ext", null);
        down.put("port", TestPostgres.freePort());
        down.put("connectTimeoutSeconds", 2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> core.workspaces.create(admin, "Down", new WarehouseConfig("postgresql", down)));
        assertEquals(List.of("warehouse"), fields(e));
        assertTrue(core.workspaces.list(admin).isEmpty());
    }

    @Test
    void twoWorkspacesCannotShareANamespace() {
        core.workspaces.create(admin, "One", new WarehouseConfig("postgresql", externalSettings("shared", null)));
        assertThrows(ConflictException.class,
                () -> core.workspaces.create(admin, "Two", new WarehouseConfig("postgresql", externalSettings("shared", null))));
    }

    @Test
    void renameDeleteAndNotFound() {
        Workspace ws = core.workspaces.create(admin, "Old", null);
        assertEquals("New", core.workspaces.update(admin, ws.id(), "New", null).name());
        core.workspaces.delete(admin, ws.id());
        assertThrows(NotFoundException.class, () -> core.workspaces.get(admin, ws.id()));
        assertThrows(NotFoundException.class, () -> core.workspaces.delete(admin, ws.id()));
        assertThrows(NotFoundException.class, () -> core.workspaces.update(admin, 999_999, "x", null));
    }

    @Test
    void aWorkspaceKeySeesOnlyItsWorkspaceAndCannotAdminister() {
        Workspace mine = core.workspaces.create(admin, "Mine", null);
        Workspace other = core.workspaces.create(admin, "Other", null);
        Principal scoped = new Principal(2, admin.organizationId(), mine.id());
        assertEquals(List.of(mine.id()), core.workspaces.list(scoped).stream().map(Workspace::id).toList());
        assertEquals(mine.id(), core.workspaces.get(scoped, mine.id()).id());
        assertThrows(NotFoundException.class, () -> core.workspaces.get(scoped, other.id()));
        assertThrows(ForbiddenException.class, () -> core.workspaces.create(scoped, "Mine too", null));
        assertThrows(ForbiddenException.class, () -> core.workspaces.delete(scoped, mine.id()));
    }

    @Test
    void anotherOrganizationSeesNothing() {
        Workspace ws = core.workspaces.create(admin, "Ours", null);
        Principal stranger = new Principal(3, core.organization(), null);
        assertTrue(core.workspaces.list(stranger).isEmpty());
        assertThrows(NotFoundException.class, () -> core.workspaces.get(stranger, ws.id()));
    }
}
