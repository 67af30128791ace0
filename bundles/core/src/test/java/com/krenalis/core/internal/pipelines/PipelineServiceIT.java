package com.krenalis.core.internal.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.pipelines.MetricsBucket;
import com.krenalis.api.pipelines.Pipeline;
import com.krenalis.api.pipelines.PipelineError;
import com.krenalis.api.pipelines.PipelineRun;
import com.krenalis.api.pipelines.PipelineSpec;
import com.krenalis.api.pipelines.PreviewResult;
import com.krenalis.api.pipelines.Step;
import com.krenalis.api.pipelines.StepCounts;
import com.krenalis.api.pipelines.Transformation;
import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.core.internal.identity.IdentityResolutionServiceImpl;
import com.krenalis.core.internal.identity.IdentityStoreImpl;
import com.krenalis.core.internal.schema.UserSchemas;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.core.internal.testing.FunctionEngine;
import java.lang.annotation.Annotation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelines on a real PostgreSQL (metadata and warehouse): definitions validated, events through users pipelines
 * into identities with every step counted and failures kept, functions broken by the schema disabling their pipeline,
 * batch runs from a real record source (Faker), previews, and runs a stopped server left behind.
 */
class PipelineServiceIT {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private CoreFixture core;
    private UserSchemas schemas;
    private IdentityResolutionServiceImpl resolution;
    private PipelineServiceImpl pipelines;
    private FunctionEngine engine;
    private Principal admin;
    private long ws;
    private long app;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        admin = new Principal(1, core.organization(), null);
        ws = core.workspaces.create(admin, "Marketing", null).id();
        schemas = new UserSchemas(core.store);
        resolution = new IdentityResolutionServiceImpl(core.store, core.workspaces, schemas);
        engine = new FunctionEngine("test")
                .register("lower-email", r -> {
                    Map<String, Object> traits = traits(r);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("email", traits.get("email") == null ? null : traits.get("email").toString().toLowerCase());
                    out.put("first_name", traits.get("name"));
                    return out;
                })
                .register("drop-anonymous", r -> r.get("userId") == null ? null : Map.of("email", "known@example.com"))
                .register("throw", r -> {
                    throw new TransformationException("line 3: TypeError: cannot read property 'x' of undefined");
                })
                .register("nickname", r -> Map.of("nickname", "Bob"))
                .register("phone-number", r -> Map.of("phone", List.of(1, 2)))
                .register("faker-upper", r -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("email", r.get("email"));
                    out.put("first_name", String.valueOf(r.get("first_name")).toUpperCase());
                    out.put("last_name", r.get("last_name"));
                    return out;
                });
        core.engines.add(engine);
        pipelines = newService();
        app = core.connections.create(admin, ws, "App", "source", "test-sdk", Map.of()).id();
    }

    private PipelineServiceImpl newService() {
        PipelineServiceImpl p = new PipelineServiceImpl(core.store, core.workspaces, core.connections, core.catalog, schemas,
                new IdentityStoreImpl(core.workspaces, schemas), resolution, config(1));
        core.connections.addListener(p);
        return p;
    }

    @AfterEach
    void stop() throws Exception {
        pipelines.stop();
        resolution.stop();
        core.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> traits(Map<String, Object> event) {
        Object t = event.get("traits");
        return t instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static PipelineServiceImpl.Config config(int schedulerSeconds) {
        return new PipelineServiceImpl.Config() {
            public long functionTimeoutMillis() { return 1000; }
            public int functionMaxOutputBytes() { return 1 << 20; }
            public int batchSize() { return 100; }
            public int runThreads() { return 2; }
            public int writeThreads() { return 2; }
            public int schedulerSeconds() { return schedulerSeconds; }
            public Class<? extends Annotation> annotationType() { return PipelineServiceImpl.Config.class; }
        };
    }

    private Warehouse warehouse() {
        return core.workspaces.warehouse(ws).orElseThrow();
    }

    private List<List<Object>> rows(String sql) throws Exception {
        return warehouse().execute(c -> {
            List<List<Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }

    private static PipelineServiceImpl.EventInput identify(String messageId, String userId, String anonymousId, Map<String, Object> traits) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("messageId", messageId);
        event.put("type", "identify");
        event.put("userId", userId);
        event.put("anonymousId", anonymousId);
        event.put("traits", traits);
        event.put("timestamp", T.toString());
        return new PipelineServiceImpl.EventInput(messageId, event, userId, anonymousId, T);
    }

    private Pipeline usersPipeline(long connection) {
        return pipelines.list(admin, ws, connection).stream().filter(p -> p.target() == Pipeline.Target.USERS).findFirst()
                .orElseThrow();
    }

    private StepCounts metrics(long pipelineId) {
        Instant now = Instant.now();
        return pipelines.metrics(admin, ws, pipelineId, MetricsBucket.Granularity.DAY, now.minus(2, ChronoUnit.DAYS),
                now.plus(1, ChronoUnit.DAYS)).stream().map(MetricsBucket::counts).reduce(StepCounts.ZERO, StepCounts::plus);
    }

    @Test
    void anEventSourceStartsWithAUsersPipelineCopyingTraitsByName() throws Exception {
        Pipeline p = usersPipeline(app);
        assertEquals("Users from events", p.name());
        assertEquals(Transformation.Kind.NONE, p.transformation().kind());
        assertTrue(p.enabled());

        pipelines.writeIdentities(ws, warehouse(), app, List.of(
                identify("m1", "u1", "a1", Map.of("email", "ann@example.com", "first_name", "Ann", "plan", "pro")),
                identify("m2", null, "a2", Map.of("last_name", "Lee"))));
        assertEquals(List.of(List.of(p.id(), "a2", true, "Lee"), List.of(p.id(), "u1", false, "Ann")),
                rows("SELECT _pipeline, _identity_id, _is_anonymous, coalesce(first_name, last_name) FROM identities ORDER BY _identity_id"));
        assertEquals(new StepCounts(2, 2, 2, 2, 2, 2, 0), metrics(p.id()));
    }

    @Test
    void definitionsAreValidatedNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, app,
                new PipelineSpec("Bad", Pipeline.Target.USERS, true, 60, Map.of("logical", "and", "conditions",
                        List.of(Map.of("property", "type", "operator", "is", "values", List.of("identify")))), null, false)));
        assertEquals("schedule", e.errors().get(0).field());
        e = assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, app, new PipelineSpec("Bad",
                Pipeline.Target.USERS, true, null, Map.of("logical", "and", "conditions",
                List.of(Map.of("property", "type", "operator", "is greater than", "values", List.of("a")))), null, false)));
        assertEquals("filter.conditions[0].operator", e.errors().get(0).field());
        e = assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, app, new PipelineSpec("Bad",
                Pipeline.Target.USERS, true, null, null, Transformation.function("cobol", "x"), false)));
        assertEquals("transformation.language", e.errors().get(0).field());
        e = assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, app, new PipelineSpec("Bad",
                Pipeline.Target.USERS, true, null, null, Transformation.function("test", "no-such"), false)));
        assertEquals("transformation.source", e.errors().get(0).field());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, app, new PipelineSpec("Bad",
                Pipeline.Target.EVENTS, true, null, null, null, false)));
        assertEquals("target", e.errors().get(0).field());
        e = assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, app, new PipelineSpec(" ",
                Pipeline.Target.USERS, true, null, null, null, false)));
        assertEquals("name", e.errors().get(0).field());
        assertEquals(1, pipelines.list(admin, ws, app).size(), "nothing was created");
    }

    @Test
    void everyStepIsCountedAndFailedRecordsAreKept() throws Exception {
        pipelines.setEnabled(admin, ws, usersPipeline(app).id(), false);
        Pipeline p = pipelines.create(admin, ws, app, new PipelineSpec("Identified users", Pipeline.Target.USERS, true, null,
                Map.of("logical", "and", "conditions", List.of(Map.of("property", "type", "operator", "is", "values",
                        List.of("identify")))), Transformation.function("test", "lower-email"), false));
        List<PipelineServiceImpl.EventInput> events = new ArrayList<>();
        events.add(identify("m1", "u1", null, Map.of("email", "ANN@Example.com", "name", "Ann")));
        events.add(identify("m2", "u2", null, Map.of("email", "b@example.com", "name", List.of("B", "b"))));
        PipelineServiceImpl.EventInput track = identify("m3", "u3", null, Map.of());
        track.event().put("type", "track");
        events.add(track);
        pipelines.writeIdentities(ws, warehouse(), app, events);

        assertEquals(List.of(List.of("u1", "ann@example.com", "Ann")),
                rows("SELECT _identity_id, email, first_name FROM identities ORDER BY 1"));
        // received 3, the track filtered out, u2's first name a list where the schema has a string.
        assertEquals(new StepCounts(3, 3, 2, 2, 1, 1, 1), metrics(p.id()));
        List<PipelineError> errors = pipelines.errors(admin, ws, p.id(), null, null, 10);
        assertEquals(1, errors.size());
        assertEquals("m2", errors.get(0).recordKey());
        assertEquals(Step.OUTPUT_VALIDATION, errors.get(0).step());
        assertTrue(errors.get(0).message().startsWith("first_name: "), errors.get(0).message());

        Pipeline failing = pipelines.replace(admin, ws, p.id(), new PipelineSpec("Identified users", null, true, null, null,
                Transformation.function("test", "throw"), false));
        assertEquals(2, failing.version());
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m4", "u4", null, Map.of())));
        PipelineError e = pipelines.errors(admin, ws, p.id(), null, null, 1).get(0);
        assertEquals(Step.TRANSFORMATION, e.step());
        assertEquals("m4", e.recordKey());
        assertTrue(e.message().contains("line 3"), e.message());
        assertEquals(1, pipelines.errors(admin, ws, p.id(), null, e.id(), 10).size(), "paging back by id");
    }

    @Test
    void aMappingTransformsEventsIntoIdentities() throws Exception {
        pipelines.setEnabled(admin, ws, usersPipeline(app).id(), false);
        Pipeline p = pipelines.create(admin, ws, app, new PipelineSpec("Mapped", Pipeline.Target.USERS, true, null, null,
                Transformation.mapping(Map.of("email", "lower(trim(coalesce(traits.email, context.traits.email)))",
                        "first_name", "initcap(traits.first_name)", "phone", "traits.phone")), false));
        PipelineServiceImpl.EventInput track = identify("m2", "u2", null, Map.of());
        track.event().put("type", "track");
        track.event().put("context", Map.of("traits", Map.of("email", " BEN@Example.com ")));
        pipelines.writeIdentities(ws, warehouse(), app, List.of(
                identify("m1", "u1", null, Map.of("email", "ANN@example.com", "first_name", "ann marie")),
                track,
                identify("m3", "u3", null, Map.of("phone", List.of("not", "a", "phone")))));
        assertEquals(List.of(List.of("u1", "ann@example.com", "Ann Marie"), List.of("u2", "ben@example.com", "")),
                rows("SELECT _identity_id, email, coalesce(first_name, '') FROM identities ORDER BY 1"));
        assertEquals(new StepCounts(3, 3, 3, 2, 2, 2, 1), metrics(p.id()));
        PipelineError e = pipelines.errors(admin, ws, p.id(), null, null, 1).get(0);
        assertEquals("m3", e.recordKey());
        assertEquals(Step.TRANSFORMATION, e.step());
        assertTrue(e.message().contains("phone"), e.message());

        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, app,
                new PipelineSpec("Bad", Pipeline.Target.USERS, true, null, null,
                        Transformation.mapping(Map.of("email", "lower(traits.email", "nickname", "traits.nick")), false)));
        assertEquals(java.util.Set.of("transformation.mapping.email", "transformation.mapping.nickname"),
                bad.errors().stream().map(f -> f.field()).collect(java.util.stream.Collectors.toSet()), bad.getMessage());
    }

    @Test
    void aSchemaChangeThatBreaksAMappingDisablesItsPipeline() throws Exception {
        pipelines.setEnabled(admin, ws, usersPipeline(app).id(), false);
        Pipeline p = pipelines.create(admin, ws, app, new PipelineSpec("Mapped", Pipeline.Target.USERS, true, null, null,
                Transformation.mapping(Map.of("email", "traits.email", "last_name", "traits.last_name")), false));
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m1", "u1", null, Map.of("email", "a@b.example"))));
        var schemaService = new com.krenalis.core.internal.schema.UserSchemaServiceImpl(core.workspaces, schemas);
        var current = schemas.schema(ws);
        var without = com.krenalis.api.types.Type.object(current.properties().stream()
                .filter(q -> !q.name().equals("last_name")).toList());
        schemaService.update(admin, ws, without, true);
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m2", "u2", null, Map.of("email", "c@d.example"))));
        Pipeline after = pipelines.get(admin, ws, p.id());
        assertFalse(after.enabled());
        assertTrue(after.disabledReason().contains("last_name"), after.disabledReason());
        assertEquals(1, metrics(p.id()).received(), "the second batch was not processed by the broken pipeline");
        assertThrows(InvalidInputException.class, () -> pipelines.setEnabled(admin, ws, p.id(), true));
        Pipeline fixed = pipelines.replace(admin, ws, p.id(), new PipelineSpec("Mapped", null, true, null, null,
                Transformation.mapping(Map.of("email", "traits.email")), false));
        assertTrue(fixed.enabled());
        assertNull(fixed.disabledReason());
    }

    @Test
    void aDroppedRecordIsNeitherWrittenNorFailed() throws Exception {
        pipelines.setEnabled(admin, ws, usersPipeline(app).id(), false);
        Pipeline p = pipelines.create(admin, ws, app, new PipelineSpec("Known only", Pipeline.Target.USERS, true, null, null,
                Transformation.function("test", "drop-anonymous"), false));
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m1", "u1", null, Map.of()),
                identify("m2", null, "a1", Map.of())));
        assertEquals(List.of(List.of("u1")), rows("SELECT _identity_id FROM identities"));
        assertEquals(new StepCounts(2, 2, 2, 1, 1, 1, 0), metrics(p.id()));
    }

    @Test
    void aFunctionWhoseOutputNoLongerFitsTheSchemaDisablesItsPipeline() throws Exception {
        pipelines.setEnabled(admin, ws, usersPipeline(app).id(), false);
        Pipeline p = pipelines.create(admin, ws, app, new PipelineSpec("Nicknames", Pipeline.Target.USERS, true, null, null,
                Transformation.function("test", "nickname"), false));
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m1", "u1", null, Map.of())));
        Pipeline after = pipelines.get(admin, ws, p.id());
        assertFalse(after.enabled());
        assertTrue(after.disabledReason().contains("nickname"), after.disabledReason());
        assertEquals(List.of(java.util.Collections.singletonList(null)), rows("SELECT to_regclass('identities')"),
                "nothing written: not even the table was needed");
        // Disabled: later events are not processed by it.
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m2", "u2", null, Map.of())));
        assertEquals(1, metrics(p.id()).received());
        // A value that does not fit is the record's failure only: the pipeline stays enabled.
        Pipeline phones = pipelines.create(admin, ws, app, new PipelineSpec("Phones", Pipeline.Target.USERS, true, null, null,
                Transformation.function("test", "phone-number"), false));
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m3", "u3", null, Map.of())));
        assertTrue(pipelines.get(admin, ws, phones.id()).enabled());
        assertEquals(1, metrics(phones.id()).failed());
    }

    @Test
    void aRemovedEngineMakesItsPipelinesDisabledWithTheReason() throws Exception {
        pipelines.setEnabled(admin, ws, usersPipeline(app).id(), false);
        Pipeline p = pipelines.create(admin, ws, app, new PipelineSpec("Lower", Pipeline.Target.USERS, true, null, null,
                Transformation.function("test", "lower-email"), false));
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m1", "u1", null, Map.of("email", "A@B.example"))));
        core.engines.remove(engine);
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m2", "u2", null, Map.of())));
        Pipeline after = pipelines.get(admin, ws, p.id());
        assertFalse(after.enabled());
        assertTrue(after.disabledReason().contains("no installed engine for 'test'"), after.disabledReason());
        assertThrows(InvalidInputException.class, () -> pipelines.setEnabled(admin, ws, p.id(), true));
        core.engines.add(engine);
        Pipeline back = pipelines.setEnabled(admin, ws, p.id(), true);
        assertTrue(back.enabled());
        assertNull(back.disabledReason());
        pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m3", "u3", null, Map.of("email", "C@D.example"))));
        assertEquals(List.of(List.of("u1", "a@b.example"), List.of("u3", "c@d.example")),
                rows("SELECT _identity_id, email FROM identities ORDER BY 1"));
    }

    private PipelineRun awaitEnd(long runId) throws InterruptedException {
        PipelineRun run = pipelines.run(admin, ws, runId);
        for (int i = 0; i < 600 && run.state() == PipelineRun.State.RUNNING; i++) {
            Thread.sleep(50);
            run = pipelines.run(admin, ws, runId);
        }
        return run;
    }

    @Test
    void aBatchRunImportsARecordSourceIntoIdentities() throws Exception {
        long faker = core.connections.create(admin, ws, "Faker", "source", "faker", Map.of("count", 2500, "seed", 7)).id();
        assertTrue(pipelines.list(admin, ws, faker).isEmpty(), "only event sources get a default pipeline");
        Pipeline p = pipelines.create(admin, ws, faker, new PipelineSpec("Users", Pipeline.Target.USERS, true, 1440,
                Map.of("logical", "and", "conditions", List.of(Map.of("property", "country", "operator", "is not", "values",
                        List.of("IT")))), Transformation.function("test", "faker-upper"), false));
        PipelineRun run = pipelines.startRun(admin, ws, p.id());
        assertEquals(PipelineRun.State.RUNNING, run.state());
        assertEquals(PipelineRun.Trigger.MANUAL, run.trigger());
        run = awaitEnd(run.id());
        assertEquals(PipelineRun.State.SUCCEEDED, run.state(), run.error());
        StepCounts c = run.counts();
        assertEquals(List.of(), pipelines.errors(admin, ws, p.id(), run.id(), null, 5));
        assertEquals(2500, c.received(), run.toString());
        assertEquals(2500, c.validated());
        assertTrue(c.passedFilter() < 2500 && c.passedFilter() > 1000, "some users are in IT: " + c);
        assertEquals(c.passedFilter(), c.written());
        assertEquals(0, c.failed());
        assertEquals(100, run.percent());
        assertEquals(List.of(List.of(c.written())), rows("SELECT count(*) FROM identities WHERE _pipeline = " + p.id()));
        assertEquals(List.of(List.of(0L)), rows("SELECT count(*) FROM identities WHERE first_name <> upper(first_name)"));
        assertEquals(c, metrics(p.id()));
        assertEquals(List.of(run), pipelines.runs(admin, ws, p.id(), 10));
    }

    @Test
    void aSourceSchemaChangeThatBreaksAMappingDisablesThePipelineAtItsNextRun() throws Exception {
        var schemaV1 = com.krenalis.api.types.Type.object(List.of(com.krenalis.api.types.Property.of("mail",
                com.krenalis.api.types.Type.string()), com.krenalis.api.types.Property.of("name", com.krenalis.api.types.Type.string())));
        core.records.schema = schemaV1;
        core.records.records = List.of(new com.krenalis.api.connector.SourceRecord("c1", T, Map.of("mail", "A@B.example", "name", "Ann")),
                new com.krenalis.api.connector.SourceRecord("c2", T, Map.of("mail", List.of("not", "text"), "name", "Bo")));
        long db = core.connections.create(admin, ws, "DB", "source", "test-records", Map.of()).id();
        Pipeline p = pipelines.create(admin, ws, db, new PipelineSpec("Customers", Pipeline.Target.USERS, true, null, null,
                Transformation.mapping(Map.of("email", "lower(mail)", "first_name", "name")), false));
        PipelineRun run = awaitEnd(pipelines.startRun(admin, ws, p.id()).id());
        assertEquals(PipelineRun.State.SUCCEEDED, run.state(), run.error());
        assertEquals(new StepCounts(2, 1, 1, 1, 1, 1, 1), run.counts(), "c2's mail is not a string: input validation");
        assertEquals(Step.INPUT_VALIDATION, pipelines.errors(admin, ws, p.id(), run.id(), null, 1).get(0).step());
        assertEquals(List.of(List.of("c1", "a@b.example", "Ann")), rows("SELECT _identity_id, email, first_name FROM identities"));

        // The table loses its mail column: the next run finds the mapping broken.
        core.records.schema = com.krenalis.api.types.Type.object(List.of(com.krenalis.api.types.Property.of("name",
                com.krenalis.api.types.Type.string())));
        assertThrows(ConflictException.class, () -> pipelines.startRun(admin, ws, p.id()));
        Pipeline after = pipelines.get(admin, ws, p.id());
        assertFalse(after.enabled());
        assertTrue(after.disabledReason().contains("mail"), after.disabledReason());
    }

    @Test
    void aMissingConnectorNeitherBreaksTheEventPathNorDisablesBatchPipelines() throws Exception {
        core.records.schema = com.krenalis.api.types.Type.object(List.of(com.krenalis.api.types.Property.of("mail",
                com.krenalis.api.types.Type.string())));
        long db = core.connections.create(admin, ws, "DB", "source", "test-records", Map.of()).id();
        Pipeline batch = pipelines.create(admin, ws, db, new PipelineSpec("Customers", Pipeline.Target.USERS, true, null, null,
                Transformation.mapping(Map.of("email", "mail")), false));
        Pipeline events = usersPipeline(app);
        List<com.krenalis.api.connector.Connector> installed = core.connectors;
        List<com.krenalis.api.connector.Connector> removed = new ArrayList<>(installed);
        installed.clear(); // every connector bundle gone, e.g. while being replaced
        try {
            pipelines.writeIdentities(ws, warehouse(), app, List.of(identify("m1", "u1", null, Map.of("email", "a@b.example"))));
            assertEquals(List.of(List.of("u1")), rows("SELECT _identity_id FROM identities"));
            ConflictException e = assertThrows(ConflictException.class, () -> pipelines.startRun(admin, ws, batch.id()));
            assertTrue(e.getMessage().contains("not installed"), e.getMessage());
        } finally {
            installed.addAll(removed);
        }
        assertTrue(pipelines.get(admin, ws, batch.id()).enabled());
        assertTrue(pipelines.get(admin, ws, events.id()).enabled());
    }

    @Test
    void oneRunAtATimeAndCancelStopsIt() throws Exception {
        long faker = core.connections.create(admin, ws, "Faker", "source", "faker", Map.of("count", 1_000_000, "seed", 7)).id();
        Pipeline p = pipelines.create(admin, ws, faker, new PipelineSpec("Users", Pipeline.Target.USERS, true, null, null,
                null, false));
        PipelineRun run = pipelines.startRun(admin, ws, p.id());
        assertThrows(ConflictException.class, () -> pipelines.startRun(admin, ws, p.id()));
        assertThrows(ConflictException.class, () -> pipelines.delete(admin, ws, p.id()));
        Thread.sleep(300);
        pipelines.cancelRun(admin, ws, run.id());
        run = awaitEnd(run.id());
        assertEquals(PipelineRun.State.CANCELLED, run.state());
        assertTrue(run.counts().received() < 1_000_000, "stopped early: " + run.counts());
        assertEquals(run.counts().written(), rows("SELECT count(*) FROM identities").get(0).get(0),
                "what the counts say was written is there");
        PipelineRun next = pipelines.startRun(admin, ws, p.id());
        pipelines.cancelRun(admin, ws, next.id());
        assertEquals(PipelineRun.State.CANCELLED, awaitEnd(next.id()).state());
    }

    @Test
    void runsAStoppedServerLeftRunningAreMarkedFailed() throws Exception {
        long faker = core.connections.create(admin, ws, "Faker", "source", "faker", Map.of("count", 1_000_000)).id();
        Pipeline p = pipelines.create(admin, ws, faker, new PipelineSpec("Users", Pipeline.Target.USERS, true, null, null,
                null, false));
        long runId = core.store.transaction(c -> PipelineRepository.startRun(c, p, PipelineRun.Trigger.SCHEDULE, false));
        pipelines.stop();
        pipelines = newService();
        PipelineRun run = pipelines.run(admin, ws, runId);
        assertEquals(PipelineRun.State.FAILED, run.state());
        assertNotNull(run.error());
        PipelineRun next = pipelines.startRun(admin, ws, p.id());
        pipelines.cancelRun(admin, ws, next.id());
        awaitEnd(next.id());
    }

    @Test
    void scheduledPipelinesStartWhenDue() throws Exception {
        pipelines.stop();
        pipelines = new PipelineServiceImpl(core.store, core.workspaces, core.connections, core.catalog, schemas,
                new IdentityStoreImpl(core.workspaces, schemas), resolution, config(1));
        long faker = core.connections.create(admin, ws, "Faker", "source", "faker", Map.of("count", 50)).id();
        Pipeline p = pipelines.create(admin, ws, faker, new PipelineSpec("Users", Pipeline.Target.USERS, true, 5, null,
                null, false));
        List<PipelineRun> runs = List.of();
        for (int i = 0; i < 100 && runs.isEmpty(); i++) {
            Thread.sleep(100);
            runs = pipelines.runs(admin, ws, p.id(), 10);
        }
        assertEquals(1, runs.size(), "started by the scheduler");
        assertEquals(PipelineRun.Trigger.SCHEDULE, runs.get(0).trigger());
        assertEquals(PipelineRun.State.SUCCEEDED, awaitEnd(runs.get(0).id()).state());
        Thread.sleep(2500);
        assertEquals(1, pipelines.runs(admin, ws, p.id(), 10).size(), "not again before its period");
    }

    @Test
    void previewShowsOutputsAndErrorsWithoutSavingAnything() {
        List<PreviewResult> results = pipelines.preview(admin, ws, Pipeline.Target.USERS,
                Transformation.function("test", "lower-email"), List.of(
                        Map.of("traits", Map.of("email", "ANN@EXAMPLE.COM", "name", "Ann")),
                        Map.of("traits", Map.of("email", "x".repeat(400)))));
        assertEquals(Map.of("email", "ann@example.com", "first_name", "Ann"), results.get(0).output());
        assertTrue(results.get(0).errors().isEmpty());
        assertNull(results.get(1).output());
        assertTrue(results.get(1).errors().get(0).startsWith("output_validation: email: "), results.get(1).errors().toString());
        assertTrue(pipelines.preview(admin, ws, Pipeline.Target.USERS, Transformation.function("test", "drop-anonymous"),
                List.of(Map.of())).get(0).dropped());
        List<PreviewResult> mapped = pipelines.preview(admin, ws, Pipeline.Target.USERS, Transformation.mapping(
                Map.of("email", "lower(email)", "first_name", "upper(name)")), List.of(Map.of("email", "X@Y.Example", "name", "zoë"),
                Map.of("email", List.of(1))));
        assertEquals(Map.of("email", "x@y.example", "first_name", "ZOË"), mapped.get(0).output());
        assertTrue(mapped.get(1).errors().get(0).startsWith("transformation: "), mapped.get(1).errors().toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> pipelines.preview(admin, ws,
                Pipeline.Target.USERS, Transformation.function("test", "lower-email"), List.of()));
        assertEquals("records", e.errors().get(0).field());
    }
}
