package com.krenalis.core.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.krenalis.api.platform.Principal;
import com.krenalis.api.profiles.IdentityRecord;
import com.krenalis.api.profiles.IdentityStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identity write path on a real PostgreSQL: a value of every schema type survives the batch statement (values
 * travel as text arrays and are cast to their columns' types), including text that array literals must escape.
 */
class IdentityStoreIT {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00.123456Z");
    private CoreFixture core;
    private UserSchemas schemas;
    private IdentityStoreImpl store;
    private long ws;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        Principal admin = new Principal(1, core.organization(), null);
        ws = core.workspaces.create(admin, "Marketing", null).id();
        schemas = new UserSchemas(core.store);
        store = new IdentityStoreImpl(core.workspaces, schemas);
        List<Property> properties = new ArrayList<>(schemas.schema(ws).properties());
        properties.add(Property.of("age", Type.int32()));
        properties.add(Property.of("score", Type.float64()));
        properties.add(Property.of("balance", Type.decimal(12, 2)));
        properties.add(Property.of("vip", Type.bool()));
        properties.add(Property.of("seen_at", Type.datetime()));
        properties.add(Property.of("born", Type.date()));
        properties.add(Property.of("wakes", Type.time()));
        properties.add(Property.of("device", Type.uuid()));
        properties.add(Property.of("ip", Type.ip()));
        properties.add(Property.of("extra", Type.json()));
        properties.add(Property.of("lucky", Type.array(Type.int32())));
        properties.add(Property.of("tags", Type.array(Type.string())));
        properties.add(Property.of("address", Type.object(List.of(Property.of("city", Type.string())))));
        ObjectType schema = Type.object(properties);
        new UserSchemaServiceImpl(core.workspaces, schemas).update(admin, ws, schema, false);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private List<Object> row(String id) throws Exception {
        Warehouse w = core.workspaces.warehouse(ws).orElseThrow();
        return w.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT email, age, score, balance::text, vip, "
                    + "to_char(seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), born::text, wakes::text, "
                    + "device::text, ip::text, extra::text, lucky::text, tags::text, address::text, _updated_at = ?::timestamptz "
                    + "FROM identities WHERE _identity_id = ?")) {
                ps.setString(1, T.toString());
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    List<Object> out = new ArrayList<>();
                    for (int i = 1; i <= 15; i++) {
                        out.add(rs.getObject(i));
                    }
                    return out;
                }
            }
        });
    }

    /** One value of every type, with text that array literals and CSV must escape. */
    private static Map<String, Object> everyType() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("email", "a@example.com");
        v.put("age", 42);
        v.put("score", 0.1);
        v.put("balance", "1234.50");
        v.put("vip", true);
        v.put("seen_at", "2026-02-01T08:00:00.654321+01:00");
        v.put("born", "1988-02-29");
        v.put("wakes", "06:30:15");
        v.put("device", "3F2504E0-4F89-11D3-9A0C-0305E82C3301");
        v.put("ip", "2001:db8::1");
        v.put("extra", Map.of("plan", "pro", "seats", 3));
        v.put("lucky", List.of(7, -3));
        v.put("tags", List.of("a,b", "say \"hi\"", "back\\slash", "{braces}", "NULL", ""));
        v.put("address", Map.of("city", "Zürich"));
        return v;
    }

    private static final List<Object> EVERY_TYPE_STORED = List.of("a@example.com", 42, 0.1, "1234.50", true,
            "2026-02-01T07:00:00.654321", "1988-02-29", "06:30:15", "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "2001:db8::1/128", "{\"plan\": \"pro\", \"seats\": 3}", "{7,-3}",
            "{\"a,b\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"{braces}\",\"NULL\",\"\"}", "{\"city\": \"Zürich\"}", true);

    @Test
    void everyTypeSurvivesTheBatchStatement() throws Exception {
        Map<String, Object> v = everyType();
        Map<String, Object> sparse = new LinkedHashMap<>();
        sparse.put("email", "b@example.com");
        sparse.put("tags", List.of());
        List<IdentityStore.RecordError> errors = store.write(ws, 1, 1, List.of(
                new IdentityRecord("u1", false, Set.of(), T, v), new IdentityRecord("u2", false, Set.of(), T, sparse)));
        assertEquals(List.of(), errors);
        assertEquals(EVERY_TYPE_STORED, row("u1"));
        List<Object> u2 = row("u2");
        assertEquals("b@example.com", u2.get(0));
        assertEquals("{}", u2.get(12));
    }

    /** An identity's row version: a new one for every rewrite. */
    private String version(String id) throws Exception {
        return column("xmin::text || ctid::text", id);
    }

    /** One SQL expression over an identity's row, as text. */
    private String column(String expression, String id) throws Exception {
        return core.workspaces.warehouse(ws).orElseThrow().execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + expression + " FROM identities WHERE _identity_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Test
    void anIdentityGivenAgainUnchangedIsNotRewritten() throws Exception {
        Map<String, Object> v = Map.of("email", "a@example.com", "tags", List.of("x"));
        store.write(ws, 1, 1, List.of(new IdentityRecord("u1", false, Set.of(), T, v)));
        String before = version("u1");
        store.write(ws, 1, 1, List.of(new IdentityRecord("u1", false, Set.of(), T, v)));
        assertEquals(before, version("u1"), "the same values at the same time: no new row version");
        store.write(ws, 1, 1, List.of(new IdentityRecord("u1", false, Set.of(), T.minusSeconds(60), Map.of("email", "old@example.com"))));
        assertEquals(before, version("u1"), "an older record changes nothing");
        store.write(ws, 1, 1, List.of(new IdentityRecord("u1", false, Set.of(), T, Map.of("email", "b@example.com"))));
        assertEquals("b@example.com", row("u1").get(0), "a different value at the same time is written");
        String changed = version("u1");
        store.write(ws, 1, 1, List.of(new IdentityRecord("u1", false, Set.of(), T.plusSeconds(1), Map.of("email", "b@example.com"))));
        org.junit.jupiter.api.Assertions.assertNotEquals(changed, version("u1"), "a newer time is written");
    }

    /** A batch run's records, converted as output validation converts them before {@code writeBatch}. */
    private List<IdentityRecord> converted(List<IdentityRecord> records) {
        ObjectType schema = schemas.schema(ws);
        return records.stream().map(r -> new IdentityRecord(r.identityId(), r.anonymous(), r.anonymousIds(), r.updatedAt(),
                com.krenalis.core.internal.schema.Values.properties(schema, r.properties(), e -> {
                    throw new AssertionError(e);
                }))).toList();
    }

    @Test
    void aFirstLoadIsBulkLoadedWithEveryTypeIntact() throws Exception {
        Map<String, Object> sparse = new LinkedHashMap<>();
        sparse.put("email", ""); // empty, not NULL
        sparse.put("tags", List.of());
        Map<String, Object> awkward = new LinkedHashMap<>();
        awkward.put("email", "line\nbreak, \"quoted\" \\N");
        awkward.put("age", null);
        var fresh = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<IdentityStore.RecordError> errors = store.writeBatch(ws, 1, 1, converted(List.of(
                new IdentityRecord("u1", false, Set.of(), T, everyType()),
                new IdentityRecord("u2", false, Set.of(), T, sparse),
                new IdentityRecord("u3", false, Set.of(), T, awkward))), fresh);
        assertEquals(List.of(), errors);
        assertEquals(true, fresh.get(), "no identity existed: the batch was bulk-loaded, and the next one may be too");
        assertEquals(EVERY_TYPE_STORED, row("u1"));
        List<Object> u2 = row("u2");
        assertEquals("", u2.get(0));
        assertEquals(null, u2.get(1), "a property the record does not carry is NULL");
        assertEquals("{}", u2.get(12));
        assertEquals("line\nbreak, \"quoted\" \\N", row("u3").get(0));
        assertEquals(null, row("u3").get(1));
        assertEquals("{}", column("_anonymous_ids::text", "u1"));
    }

    @Test
    void aFirstLoadThatMeetsAnExistingIdentityIsWrittenAgainAsUpserts() throws Exception {
        store.write(ws, 1, 1, List.of(new IdentityRecord("u2", false, Set.of(), T.minusSeconds(60),
                Map.of("email", "old@example.com", "age", 7))));
        var fresh = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<IdentityStore.RecordError> errors = store.writeBatch(ws, 1, 1, converted(List.of(
                new IdentityRecord("u1", false, Set.of(), T, Map.of("email", "a@example.com")),
                new IdentityRecord("u2", false, Set.of(), T, Map.of("email", "new@example.com")))), fresh);
        assertEquals(List.of(), errors);
        assertEquals(false, fresh.get(), "the bulk load met u2: this batch and the next are upserts");
        assertEquals("a@example.com", row("u1").get(0));
        assertEquals(List.of("new@example.com", 7), row("u2").subList(0, 2), "the upsert kept what the record lacks");
        long rows = core.workspaces.warehouse(ws).orElseThrow().execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM identities");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(2, rows, "nothing of the failed bulk load remains");
    }
}
