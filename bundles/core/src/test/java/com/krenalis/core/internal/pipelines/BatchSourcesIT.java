package com.krenalis.core.internal.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.pipelines.Pipeline;
import com.krenalis.api.pipelines.PipelineRun;
import com.krenalis.api.pipelines.PipelineSpec;
import com.krenalis.api.pipelines.Transformation;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.core.internal.identity.IdentityResolutionServiceImpl;
import com.krenalis.core.internal.identity.IdentityStoreImpl;
import com.krenalis.core.internal.schema.UserSchemas;
import com.krenalis.core.internal.testing.CoreFixture;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch sources on a real PostgreSQL: files read through a storage and a format with the identity and update time
 * taken from the columns a pipeline names, source settings validated naming the field, full runs removing the
 * identities the source no longer has (and not when some records could not be read), incremental file runs, and a
 * source that cannot be read failing the run without disabling the pipeline.
 */
class BatchSourcesIT {
    private CoreFixture core;
    private PipelineServiceImpl pipelines;
    private IdentityResolutionServiceImpl resolution;
    private Principal admin;
    private long ws;
    private long files;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        admin = new Principal(1, core.organization(), null);
        ws = core.workspaces.create(admin, "Marketing", null).id();
        UserSchemas schemas = new UserSchemas(core.store);
        resolution = new IdentityResolutionServiceImpl(core.store, core.workspaces, schemas);
        pipelines = new PipelineServiceImpl(core.store, core.workspaces, core.connections, core.catalog, schemas,
                new IdentityStoreImpl(core.workspaces, schemas), resolution, new PipelineServiceImpl.Config() {
                    public long functionTimeoutMillis() { return 1000; }
                    public int functionMaxOutputBytes() { return 1 << 20; }
                    public int batchSize() { return 2; }
                    public int runThreads() { return 2; }
                    public int writeThreads() { return 2; }
                    public int schedulerSeconds() { return 3600; }
                    public Class<? extends Annotation> annotationType() { return PipelineServiceImpl.Config.class; }
                });
        core.connections.addListener(pipelines);
        files = core.connections.create(admin, ws, "Exports", "source", "test-files", Map.of("root", dir.toString())).id();
    }

    @AfterEach
    void stop() throws Exception {
        pipelines.stop();
        resolution.stop();
        core.close();
    }

    private void file(String name, String... lines) throws Exception {
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static Map<String, Object> source(String path, String updatedAtColumn) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("path", path);
        s.put("format", "test-lines");
        s.put("identityColumn", "id");
        if (updatedAtColumn != null) {
            s.put("updatedAtColumn", updatedAtColumn);
        }
        return s;
    }

    private Pipeline filePipeline(Map<String, Object> source, boolean incremental, Map<String, Object> filter) {
        return pipelines.create(admin, ws, files, new PipelineSpec("Users file", Pipeline.Target.USERS, true, null, filter,
                Transformation.mapping(Map.of("email", "lower(email)", "first_name", "name")), incremental, source));
    }

    private PipelineRun run(Pipeline p) throws InterruptedException {
        PipelineRun run = pipelines.startRun(admin, ws, p.id());
        for (int i = 0; i < 600 && run.state() == PipelineRun.State.RUNNING; i++) {
            Thread.sleep(50);
            run = pipelines.run(admin, ws, run.id());
        }
        return run;
    }

    private List<List<Object>> rows(String sql) throws Exception {
        Warehouse w = core.workspaces.warehouse(ws).orElseThrow();
        return w.execute(c -> {
            List<List<Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof OffsetDateTime o ? o.toInstant().toString() : v instanceof java.sql.Timestamp t ? t.toInstant().toString() : v);
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }

    private static List<String> fields(InvalidInputException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aFileIsImportedWithItsIdentityAndUpdateTimeFromTheNamedColumns() throws Exception {
        file("users.txt", "id,email,name,changed",
                "u1,ADA@example.com,Ada,2026-03-01T10:00:00Z",
                "u2,bob@example.com,Bob,2026-03-02 08:30:00",
                "u3,cy@example.com,,2026-03-03");
        Pipeline p = filePipeline(source("users.txt", "changed"), false, null);
        assertEquals(source("users.txt", "changed"), p.source());
        PipelineRun run = run(p);
        assertEquals(PipelineRun.State.SUCCEEDED, run.state(), run.error());
        assertEquals(3, run.counts().written());
        assertEquals(3, run.total());
        assertEquals(List.of(List.of("u1", "ada@example.com", "Ada", "2026-03-01T10:00:00Z"),
                        List.of("u2", "bob@example.com", "Bob", "2026-03-02T08:30:00Z"),
                        java.util.Arrays.asList("u3", "cy@example.com", null, "2026-03-03T00:00:00Z")),
                rows("SELECT _identity_id, email, first_name, _updated_at FROM identities ORDER BY 1"));
    }

    @Test
    void aGzipFileIsDecompressed() throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("users.txt.gz")))) {
            out.write("id,email,name\nu1,a@example.com,Ada\n".getBytes(StandardCharsets.UTF_8));
        }
        PipelineRun run = run(filePipeline(source("users.txt.gz", null), false, null));
        assertEquals(PipelineRun.State.SUCCEEDED, run.state(), run.error());
        assertEquals(List.of(List.of("u1", "a@example.com")), rows("SELECT _identity_id, email FROM identities"));
    }

    @Test
    void aFullRunRemovesTheIdentitiesTheSourceNoLongerHasAndThoseTheFilterNowLeavesOut() throws Exception {
        file("users.txt", "id,email,name", "u1,a@example.com,Ada", "u2,b@example.com,Bob", "u3,c@example.com,Cy",
                "u4,not-an-email-but-text,Di");
        Map<String, Object> notCy = Map.of("logical", "and", "conditions",
                List.of(Map.of("property", "name", "operator", "is not", "values", List.of("Cy"))));
        Pipeline p = filePipeline(source("users.txt", null), false, null);
        assertEquals(4, run(p).counts().written());
        // Another pipeline's identities are not this pipeline's to remove.
        Pipeline other = pipelines.create(admin, ws, files, new PipelineSpec("Same file", Pipeline.Target.USERS, true, null,
                null, Transformation.mapping(Map.of("email", "email")), false, source("users.txt", null)));
        assertEquals(PipelineRun.State.SUCCEEDED, run(other).state());

        file("users.txt", "id,email,name", "u1,a@example.com,Ada", "u3,c@example.com,Cy", "u4,d@example.com,Di");
        pipelines.replace(admin, ws, p.id(), new PipelineSpec("Users file", Pipeline.Target.USERS, true, null, notCy,
                Transformation.mapping(Map.of("email", "lower(email)", "first_name", "name")), false, source("users.txt", null)));
        PipelineRun second = run(p);
        assertEquals(PipelineRun.State.SUCCEEDED, second.state(), second.error());
        assertNull(second.error());
        assertEquals(2, second.removed(), "u2 left the file; the filter now leaves u3 out");
        assertEquals(List.of(List.of("u1"), List.of("u4")),
                rows("SELECT _identity_id FROM identities WHERE _pipeline = " + p.id() + " ORDER BY 1"));
        assertEquals(4L, rows("SELECT count(*) FROM identities WHERE _pipeline = " + other.id()).get(0).get(0));
        assertEquals(List.of(), rows("SELECT relname FROM pg_class WHERE relname LIKE '_run_seen_%'"), "no list left behind");
    }

    @Test
    void aRecordThatFailsAStepKeepsItsIdentity() throws Exception {
        file("users.txt", "id,email,name", "u1,a@example.com,Ada", "u2,b@example.com,Bob");
        Pipeline p = pipelines.create(admin, ws, files, new PipelineSpec("Users file", Pipeline.Target.USERS, true, null, null,
                Transformation.mapping(Map.of("email", "email", "first_name", "name")), false, source("users.txt", null)));
        assertEquals(2, run(p).counts().written());
        // Bob's name is now too long for first_name (the default schema bounds it): output validation fails for u2.
        file("users.txt", "id,email,name", "u1,a@example.com,Ada", "u2,b@example.com," + "B".repeat(400));
        PipelineRun second = run(p);
        assertEquals(1, second.counts().failed(), String.valueOf(second.counts()));
        assertEquals(0, second.removed());
        assertEquals(List.of(List.of("u1"), List.of("u2")), rows("SELECT _identity_id FROM identities ORDER BY 1"));
    }

    @Test
    void aFullRunWithUnreadableRecordsRemovesNothingAndSaysWhy() throws Exception {
        file("users.txt", "id,email,name", "u1,a@example.com,Ada", "u2,b@example.com,Bob");
        Pipeline p = filePipeline(source("users.txt", null), false, null);
        run(p);
        file("users.txt", "id,email,name", "u2,b@example.com,Bob", "u1,a@example.com,Ada,one cell too many", ",x@example.com,No id");
        PipelineRun second = run(p);
        assertEquals(PipelineRun.State.SUCCEEDED, second.state());
        assertEquals(2, second.counts().failed(), "the long row, and the row without an identity");
        assertEquals(0, second.removed());
        assertTrue(second.error().contains("not pruned"), second.error());
        assertEquals(List.of(List.of("u1"), List.of("u2")), rows("SELECT _identity_id FROM identities ORDER BY 1"));
        assertTrue(pipelines.errors(admin, ws, p.id(), second.id(), null, 10).stream()
                .anyMatch(e -> e.recordKey().equals("line 4") && e.message().contains("identity column 'id' is empty")));
    }

    @Test
    void anIncrementalRunReadsTheRowsUpdatedSinceTheLastRun() throws Exception {
        file("users.txt", "id,email,name,changed", "u1,a@example.com,Ada,2026-03-01T10:00:00Z",
                "u2,b@example.com,Bob,2026-03-02T10:00:00Z");
        Pipeline p = filePipeline(source("users.txt", "changed"), true, null);
        assertEquals(2, run(p).counts().received());
        file("users.txt", "id,email,name,changed", "u1,a@example.com,Ada,2026-03-01T10:00:00Z",
                "u2,bob@example.com,Bob,2026-03-05T10:00:00Z", "u3,c@example.com,Cy,2026-03-04T10:00:00Z");
        PipelineRun second = run(p);
        assertTrue(second.incremental());
        assertEquals(2, second.counts().received(), "u2 changed, u3 is new");
        assertEquals(0, second.removed(), "an incremental run removes nothing");
        assertEquals(List.of(List.of("u1", "a@example.com"), List.of("u2", "bob@example.com"), List.of("u3", "c@example.com")),
                rows("SELECT _identity_id, email FROM identities ORDER BY 1"));
        assertEquals(0, run(p).counts().received(), "nothing changed since");
    }

    @Test
    void sourceSettingsAreValidatedNamingTheField() throws Exception {
        file("users.txt", "id,email,name,changed");
        Map<String, Object> noPath = new LinkedHashMap<>(source("users.txt", null));
        noPath.remove("path");
        assertEquals(List.of("source.path"), fields(assertThrows(InvalidInputException.class, () -> filePipeline(noPath, false, null))));
        Map<String, Object> s = new LinkedHashMap<>(source("users.txt", null));
        s.put("format", "nope");
        assertEquals(List.of("source.format"), fields(assertThrows(InvalidInputException.class, () -> filePipeline(s, false, null))));
        s.put("format", "faker");
        assertEquals(List.of("source.format"), fields(assertThrows(InvalidInputException.class, () -> filePipeline(s, false, null))));
        s.put("format", "test-lines");
        s.put("formatSettings", Map.of("separator", ";;"));
        assertEquals(List.of("source.formatSettings.separator"),
                fields(assertThrows(InvalidInputException.class, () -> filePipeline(s, false, null))));
        s.put("formatSettings", Map.of("separator", ","));
        s.put("identityColumn", "user_id");
        assertEquals(List.of("source.identityColumn"),
                fields(assertThrows(InvalidInputException.class, () -> filePipeline(s, false, null))));
        s.put("identityColumn", "id");
        s.put("surprise", 1);
        assertEquals(List.of("source.surprise"), fields(assertThrows(InvalidInputException.class, () -> filePipeline(s, false, null))));
        s.remove("surprise");
        assertEquals(List.of("incremental"), fields(assertThrows(InvalidInputException.class, () -> filePipeline(s, true, null))),
                "incremental reads compare the updated-at column");
        s.put("updatedAtColumn", "nope");
        assertEquals(List.of("source.updatedAtColumn"),
                fields(assertThrows(InvalidInputException.class, () -> filePipeline(s, false, null))));
        s.put("updatedAtColumn", "changed");
        assertEquals(Map.of("separator", ","), filePipeline(s, true, null).source().get("formatSettings"));

        long app = core.connections.create(admin, ws, "App", "source", "test-sdk", Map.of()).id();
        assertEquals(List.of("source"), fields(assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, app,
                new PipelineSpec("x", Pipeline.Target.USERS, true, null, null, null, false, Map.of("path", "x"))))));
    }

    @Test
    void aSourceThatCannotBeReadFailsTheRunAndLeavesThePipelineEnabled() throws Exception {
        file("users.txt", "id,email,name", "u1,a@example.com,Ada");
        Pipeline p = filePipeline(source("users.txt", null), false, null);
        Files.delete(dir.resolve("users.txt"));
        PipelineRun run = run(p);
        assertEquals(PipelineRun.State.FAILED, run.state());
        assertTrue(run.error().contains("users.txt"), run.error());
        assertTrue(pipelines.get(admin, ws, p.id()).enabled());

        core.records.schema = Type.object(List.of(Property.of("mail", Type.string())));
        long db = core.connections.create(admin, ws, "DB", "source", "test-records", Map.of()).id();
        Pipeline q = pipelines.create(admin, ws, db, new PipelineSpec("Customers", Pipeline.Target.USERS, true, null, null,
                Transformation.mapping(Map.of("email", "mail")), false, Map.of("table", "customers")));
        core.records.unavailable = "connection refused: db.example.com:5432";
        PipelineRun failed = run(q);
        assertEquals(PipelineRun.State.FAILED, failed.state());
        assertTrue(failed.error().contains("connection refused"), failed.error());
        assertTrue(pipelines.get(admin, ws, q.id()).enabled());
        core.records.unavailable = null;
        assertEquals(PipelineRun.State.SUCCEEDED, run(q).state());
        assertEquals("customers", core.records.lastRequest.pipelineSettings().requireString("table"),
                "the pipeline's settings reach the connector");
        assertEquals(List.of("source.table"), fields(assertThrows(InvalidInputException.class, () -> pipelines.create(admin, ws, db,
                new PipelineSpec("x", Pipeline.Target.USERS, true, null, null, null, false, Map.of("table", 7))))));
    }

    @Test
    void aWriteTheWarehouseRefusesFailsTheRunAndStopsTheRead() throws Exception {
        StringBuilder lines = new StringBuilder("id,email,name");
        for (int i = 0; i < 50; i++) {
            lines.append("\nu").append(i).append(",u").append(i).append("@example.com,N");
        }
        file("users.txt", lines.toString());
        Pipeline p = filePipeline(source("users.txt", null), false, null);
        assertEquals(PipelineRun.State.SUCCEEDED, run(p).state());
        // Someone changed the warehouse table behind the server's back: email no longer takes text.
        core.workspaces.warehouse(ws).orElseThrow().execute(c -> {
            try (var st = c.createStatement()) {
                st.execute("ALTER TABLE identities ALTER COLUMN email TYPE integer USING NULL");
            }
            return null;
        });
        PipelineRun failed = run(p);
        assertEquals(PipelineRun.State.FAILED, failed.state(), "failed, not cancelled");
        assertTrue(failed.error().contains("integer"), failed.error());
        assertTrue(failed.counts().received() < 50, "the read stopped early: " + failed.counts());
        assertEquals(0, failed.removed());
        assertEquals(50L, rows("SELECT count(*) FROM identities").get(0).get(0), "nothing removed");
    }

    @Test
    void aFirstLoadThatMeetsAnIdentityTwiceFallsBackToUpserts() throws Exception {
        // Batches of 2: u1 comes back in the third batch, after the first two were plain inserts.
        file("users.txt", "id,email,name", "u1,first@example.com,Ada", "u2,b@example.com,Bob", "u3,c@example.com,Cy",
                "u4,d@example.com,Di", "u1,second@example.com,Ada", "u5,e@example.com,Eve");
        PipelineRun run = run(filePipeline(source("users.txt", null), false, null));
        assertEquals(PipelineRun.State.SUCCEEDED, run.state(), run.error());
        assertEquals(6, run.counts().written());
        assertEquals(List.of(List.of("u1", "second@example.com"), List.of("u2", "b@example.com"), List.of("u3", "c@example.com"),
                List.of("u4", "d@example.com"), List.of("u5", "e@example.com")),
                rows("SELECT _identity_id, email FROM identities ORDER BY 1"), "the later row wins, nothing is lost");
    }
}
