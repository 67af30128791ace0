package com.krenalis.core.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.profiles.IdentityRecord;
import com.krenalis.api.profiles.IdentityResolutionSettings;
import com.krenalis.api.profiles.IdentityStore;
import com.krenalis.api.profiles.ResolutionRun;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.core.internal.schema.UserSchemaServiceImpl;
import com.krenalis.core.internal.schema.UserSchemas;
import com.krenalis.core.internal.testing.CoreFixture;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service around the SQL: settings, identity writes (rule 4), runs in the background, 409, recovery, rollback. */
class IdentityResolutionServiceIT {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private CoreFixture core;
    private UserSchemas schemas;
    private IdentityResolutionServiceImpl service;
    private IdentityStoreImpl store;
    private Principal admin;
    private long ws;
    private long app;
    private long crm;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        admin = new Principal(1, core.organization(), null);
        ws = core.workspaces.create(admin, "Marketing", null).id();
        schemas = new UserSchemas(core.store);
        service = new IdentityResolutionServiceImpl(core.store, core.workspaces, schemas);
        store = new IdentityStoreImpl(core.workspaces, schemas);
        app = core.connections.create(admin, ws, "App", "source", "test-sdk", Map.of()).id();
        crm = core.connections.create(admin, ws, "CRM", "source", "test-sdk", Map.of()).id();
    }

    @AfterEach
    void stop() throws Exception {
        service.stop();
        core.close();
    }

    private Warehouse warehouse() {
        return core.workspaces.warehouse(ws).orElseThrow();
    }

    private long count(String sql) throws Exception {
        return warehouse().execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private ResolutionRun runToEnd() throws Exception {
        ResolutionRun run = service.start(admin, ws);
        for (int i = 0; i < 600 && run.state() == ResolutionRun.State.RUNNING; i++) {
            Thread.sleep(50);
            run = service.run(admin, ws, run.id());
        }
        return run;
    }

    @Test
    void settingsAreValidatedAgainstTheSchema() {
        assertEquals(IdentityResolutionSettings.defaults(), service.settings(admin, ws));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service.updateSettings(admin, ws,
                new IdentityResolutionSettings(List.of("email", "nope"), false, Map.of("phone", List.of("0")), 100,
                        Map.of("first_name", 999_999L))));
        List<String> fields = e.errors().stream().map(f -> f.field()).toList();
        assertEquals(List.of("identifiers[1]", "blocklist.phone", "primaryConnections.first_name"), fields);
        IdentityResolutionSettings s = new IdentityResolutionSettings(List.of("email", "phone"), true,
                Map.of("email", List.of("test@test.com")), 500, Map.of("first_name", crm));
        service.updateSettings(admin, ws, s);
        assertEquals(s, service.settings(admin, ws));
    }

    @Test
    void theSchemaCannotDropAnIdentifier() {
        service.updateSettings(admin, ws, new IdentityResolutionSettings(List.of("email"), false, Map.of(), 100, Map.of()));
        UserSchemaServiceImpl schemaService = new UserSchemaServiceImpl(core.workspaces, schemas);
        schemaService.addGuard(service);
        ObjectType without = Type.object(schemas.schema(ws).properties().stream().filter(p -> !p.name().equals("email")).toList());
        ConflictException e = assertThrows(ConflictException.class, () -> schemaService.update(admin, ws, without, true));
        assertTrue(e.getMessage().contains("'email'"), e.getMessage());
    }

    @Test
    void identitiesAreUpsertedAndAnonymousOnesAbsorbed() throws Exception {
        List<IdentityStore.RecordError> errors = store.write(ws, app, 0, List.of(
                new IdentityRecord("anon-1", true, Set.of(), T, Map.of("first_name", "Ann")),
                new IdentityRecord("u1", false, Set.of(), T, Map.of("email", "x".repeat(400)))));
        assertEquals(1, errors.size());
        assertEquals("email", errors.get(0).property());
        assertEquals(2, count("SELECT count(*) FROM identities"));
        store.write(ws, app, 0, List.of(new IdentityRecord("u1", false, Set.of("anon-1"), T.plusSeconds(60),
                Map.of("email", "ann@acme.com"))));
        assertEquals(0, count("SELECT count(*) FROM identities WHERE _is_anonymous"), "rule 4: anon-1 absorbed");
        store.write(ws, app, 0, List.of(new IdentityRecord("anon-1", true, Set.of(), T.plusSeconds(120), Map.of())));
        assertEquals(0, count("SELECT count(*) FROM identities WHERE _is_anonymous"), "an absorbed anonymousId stays absorbed");
        store.write(ws, app, 0, List.of(new IdentityRecord("u1", false, Set.of(), T, Map.of("email", "old@acme.com",
                "last_name", "Lee"))));
        assertEquals(1, count("SELECT count(*) FROM identities WHERE email = 'ann@acme.com' AND last_name = 'Lee' "
                + "AND _anonymous_ids = '{anon-1}'"), "an older record fills gaps only");
    }

    @Test
    void runsPublishProfilesAndRollBack() throws Exception {
        store.write(ws, app, 0, List.of(new IdentityRecord("u1", false, Set.of(), T, Map.of("email", "a@x.com", "phone", "1")),
                new IdentityRecord("u2", false, Set.of(), T, Map.of("email", "b@x.com", "phone", "1"))));
        store.write(ws, crm, 7, List.of(new IdentityRecord("c1", false, Set.of(), T, Map.of("email", "a@x.com"))));
        service.updateSettings(admin, ws, new IdentityResolutionSettings(List.of("email"), false, Map.of(), 100, Map.of()));
        ResolutionRun first = runToEnd();
        assertEquals(ResolutionRun.State.SUCCEEDED, first.state(), String.valueOf(first.error()));
        assertEquals(3, first.identities());
        assertEquals(2, first.profiles());
        assertEquals(List.of("snapshot", "edges", "components", "guard", "kpids", "merge", "publish"),
                first.phases().stream().map(ResolutionRun.Phase::name).toList());
        assertEquals(first, service.latest(admin, ws).orElseThrow());

        service.updateSettings(admin, ws, new IdentityResolutionSettings(List.of("phone", "email"), false, Map.of(), 100, Map.of()));
        ResolutionRun second = runToEnd();
        assertEquals(1, second.profiles());
        assertEquals(1, count("SELECT count(*) FROM profiles"));

        ResolutionRun back = service.rollback(admin, ws);
        assertEquals(first.id(), back.id());
        assertEquals(2, count("SELECT count(*) FROM profiles"));
        assertEquals(2, count("SELECT count(DISTINCT _kpid) FROM identities"));
        assertEquals(ResolutionRun.State.ROLLED_BACK, service.run(admin, ws, second.id()).state());
        assertThrows(ConflictException.class, () -> service.rollback(admin, ws), "only one step back is kept");
        assertEquals(List.of(second.id(), first.id()), service.runs(admin, ws, 10).stream().map(ResolutionRun::id).toList());
    }

    @Test
    void oneRunAtATimeAndRunsLeftRunningAreSettledAtStart() throws Exception {
        long stale = core.store.transaction(c -> RunRepository.start(c, ws));
        assertThrows(ConflictException.class, () -> service.start(admin, ws));
        service.stop();
        service = new IdentityResolutionServiceImpl(core.store, core.workspaces, schemas);
        ResolutionRun settled = service.run(admin, ws, stale);
        assertEquals(ResolutionRun.State.FAILED, settled.state());
        assertTrue(settled.error().contains("server stopped"), settled.error());
        assertEquals(ResolutionRun.State.SUCCEEDED, runToEnd().state(), "the next run succeeds");
        List<ResolutionRun> runs = new ArrayList<>(service.runs(admin, ws, 5));
        assertEquals(2, runs.size());
    }

    @Test
    void anImportThatEndsDuringARunIsResolvedByAnotherRunAfterIt() throws Exception {
        service.updateSettings(admin, ws, new IdentityResolutionSettings(List.of("email"), true, Map.of(), 100, Map.of()));
        store.write(ws, app, 1, List.of(new IdentityRecord("u1", false, Set.of(), T, Map.of("email", "a@example.com"))));
        ResolutionRun first = service.start(admin, ws);
        // The import ended while the run goes on (or just after it: then this starts the next run itself).
        store.write(ws, crm, 2, List.of(new IdentityRecord("c1", false, Set.of(), T, Map.of("email", "c@example.com"))));
        service.importFinished(ws);
        List<ResolutionRun> runs = List.of();
        for (int i = 0; i < 600; i++) {
            runs = service.runs(admin, ws, 5);
            if (runs.size() == 2 && runs.stream().noneMatch(r -> r.state() == ResolutionRun.State.RUNNING)) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(2, runs.size(), "the run, then one for the import: " + runs);
        assertTrue(runs.stream().allMatch(r -> r.state() == ResolutionRun.State.SUCCEEDED), runs.toString());
        assertEquals(first.id(), runs.get(1).id());
        assertEquals(2, count("SELECT count(*) FROM profiles"), "the latest run saw the import");
    }
}
