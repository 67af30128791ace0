package com.krenalis.core.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.profiles.SchemaChange;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.testing.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user schema service and the identities table on a real PostgreSQL (metadata store and warehouse). */
class UserSchemaServiceIT {
    private CoreFixture core;
    private UserSchemas schemas;
    private UserSchemaServiceImpl service;
    private Principal admin;
    private long ws;

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        admin = new Principal(1, core.organization(), null);
        ws = core.workspaces.create(admin, "Marketing", null).id();
        schemas = new UserSchemas(core.store);
        service = new UserSchemaServiceImpl(core.workspaces, schemas);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private Warehouse warehouse() {
        return core.workspaces.warehouse(ws).orElseThrow();
    }

    private static ObjectType schema(Property... properties) {
        return Type.object(List.of(properties));
    }

    private static ObjectType plus(ObjectType schema, Property... more) {
        List<Property> all = new ArrayList<>(schema.properties());
        all.addAll(Arrays.asList(more));
        return Type.object(all);
    }

    /** Column name to PostgreSQL type of the identities table, in order; empty when there is no table. */
    private Map<String, String> identitiesColumns() throws Exception {
        return warehouse().execute(c -> {
            Map<String, String> columns = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod) "
                    + "FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid JOIN pg_namespace n ON n.oid = cl.relnamespace "
                    + "WHERE n.nspname = ? AND cl.relname = 'identities' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                ps.setString(1, warehouse().namespace());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return columns;
        });
    }

    private int storedVersion() throws Exception {
        try (Connection c = TestPostgres.connect(core.metadataUrl); PreparedStatement ps = c.prepareStatement(
                "SELECT version FROM user_schemas WHERE workspace_id = ?")) {
            ps.setLong(1, ws);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Writes one identity row: meta columns, then the schema's properties converted by Values. */
    private void writeIdentity(ObjectType schema, String id, Map<String, Object> properties) throws Exception {
        List<Object> row = new ArrayList<>(List.of(1L, 0L, id, false, List.of("anon-" + id), Instant.parse("2026-01-01T00:00:00Z")));
        row.add(null); // _kpid
        for (Property p : schema.properties()) {
            row.add(Values.toWarehouse(properties.get(p.name()), p));
        }
        warehouse().load(IdentitiesTable.NAME, IdentitiesTable.columns(schema), List.<Object[]>of(row.toArray()).iterator());
    }

    /** The identity's columns read back as JDBC returns them. */
    private Map<String, Object> readIdentity(String id) throws Exception {
        return warehouse().execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM identities WHERE _identity_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "identity " + id);
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        String type = rs.getMetaData().getColumnTypeName(i);
                        Object v = switch (type) {
                            case "timestamptz" -> rs.getObject(i, OffsetDateTime.class) == null ? null
                                    : rs.getObject(i, OffsetDateTime.class).toInstant();
                            case "date" -> rs.getObject(i, LocalDate.class);
                            case "time" -> rs.getObject(i, LocalTime.class);
                            case "inet", "jsonb" -> rs.getString(i);
                            default -> rs.getObject(i) instanceof java.sql.Array a ? Arrays.asList((Object[]) a.getArray())
                                    : rs.getObject(i);
                        };
                        row.put(rs.getMetaData().getColumnName(i), v);
                    }
                    return row;
                }
            }
        });
    }

    @Test
    void aNewWorkspaceHasTheDefaultSchemaAndNoTableUntilItIsNeeded() throws Exception {
        assertEquals(UserSchemas.DEFAULT_SCHEMA, service.schema(admin, ws));
        assertEquals(List.of("email", "first_name", "last_name", "phone"),
                service.schema(admin, ws).properties().stream().map(Property::name).toList());
        assertEquals(0, storedVersion(), "the default is not stored");
        assertTrue(identitiesColumns().isEmpty());
        schemas.ensureIdentitiesTable(ws, warehouse());
        Map<String, String> columns = identitiesColumns();
        assertEquals(List.of("_connection", "_pipeline", "_identity_id", "_is_anonymous", "_anonymous_ids", "_updated_at",
                "_kpid", "email", "first_name", "last_name", "phone"), new ArrayList<>(columns.keySet()));
        assertEquals("character varying(320)", columns.get("email"));
        assertEquals("text[]", columns.get("_anonymous_ids"));
        assertEquals("uuid", columns.get("_kpid"));
        assertEquals("timestamp(6) with time zone", columns.get("_updated_at"));
        List<String> key = warehouse().execute(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT a.attname FROM pg_index i "
                    + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                    + "WHERE i.indrelid = 'identities'::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertEquals(IdentitiesTable.KEY, key);
        List<String> notNull = warehouse().execute(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT attname FROM pg_attribute "
                    + "WHERE attrelid = 'identities'::regclass AND attnum > 0 AND attnotnull ORDER BY attnum")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertEquals(List.of("_connection", "_pipeline", "_identity_id", "_is_anonymous", "_updated_at"), notNull);
    }

    @Test
    void ensuringTheTableIsCheapOnceDoneAndAgainAfterAChangeOrAFailure() throws Exception {
        AtomicInteger applies = new AtomicInteger();
        Warehouse real = warehouse();
        Warehouse counting = (Warehouse) Proxy.newProxyInstance(Warehouse.class.getClassLoader(), new Class<?>[] {Warehouse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("apply")) {
                        applies.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        for (int i = 0; i < 5; i++) {
            schemas.ensureIdentitiesTable(ws, counting);
        }
        assertEquals(1, applies.get());
        service.update(admin, ws, plus(UserSchemas.DEFAULT_SCHEMA, Property.of("age", Type.int32())), false);
        schemas.ensureIdentitiesTable(ws, counting);
        assertEquals(2, applies.get(), "a new schema version is checked once more");
        schemas.ensureIdentitiesTable(ws, counting);
        schemas.forgetIdentitiesTable(ws);
        schemas.ensureIdentitiesTable(ws, counting);
        assertEquals(3, applies.get());
    }

    @Test
    void propertiesOfEveryTypeAreAddedWrittenAndReadBack() throws Exception {
        Type address = Type.object(List.of(Property.of("city", Type.string(50)), Property.of("zip", Type.string(10))));
        ObjectType all = plus(UserSchemas.DEFAULT_SCHEMA,
                Property.of("vip", Type.bool()),
                Property.of("age", new IntType(16, 0, 150)),
                Property.of("visits", Type.int64()),
                Property.of("score", new FloatType(32)),
                Property.of("ratio", Type.float64()),
                Property.of("balance", Type.decimal(12, 2)),
                Property.of("signed_up_at", Type.datetime()),
                Property.of("birthday", Type.date()),
                Property.of("wakes_at", Type.time()),
                Property.of("device", Type.uuid()),
                Property.of("last_ip", Type.ip()),
                Property.of("traits", Type.json()),
                Property.of("tags", Type.array(Type.string(20))),
                Property.of("lucky_numbers", Type.array(Type.int32())),
                Property.of("address", address),
                Property.of("addresses", Type.array(address)));
        schemas.ensureIdentitiesTable(ws, warehouse());
        SchemaChange change = service.update(admin, ws, all, false);
        assertTrue(change.applied());
        assertTrue(change.destructive().isEmpty());
        assertEquals(16, change.statements().size(), change.statements().toString());
        assertTrue(change.statements().stream().allMatch(s -> s.contains(" ADD COLUMN ")));
        assertEquals(1, storedVersion());
        assertEquals(all, service.schema(admin, ws));

        Map<String, Object> in = new LinkedHashMap<>();
        in.put("email", "ada@example.com");
        in.put("first_name", "Ada");
        in.put("vip", "true");
        in.put("age", 36);
        in.put("visits", "9007199254740993");
        in.put("score", 0.1);
        in.put("ratio", 2.5e-10);
        in.put("balance", "1234567890.5");
        in.put("signed_up_at", "2026-01-31T13:00:00.123456+01:00");
        in.put("birthday", "1815-12-10");
        in.put("wakes_at", "06:30");
        in.put("device", "123E4567-E89B-12D3-A456-426614174000");
        in.put("last_ip", "2001:DB8::0:1");
        in.put("traits", Map.of("plan", List.of("pro", 2)));
        in.put("tags", List.of("math", "poetry, \"quoted\""));
        in.put("lucky_numbers", List.of(7, 42));
        in.put("address", Map.of("city", "London"));
        in.put("addresses", List.of(Map.of("city", "London", "zip", "W1")));
        writeIdentity(all, "ada", in);

        Map<String, Object> row = readIdentity("ada");
        assertEquals("ada@example.com", row.get("email"));
        assertEquals("Ada", row.get("first_name"));
        assertNull(row.get("last_name"));
        assertEquals(true, row.get("vip"));
        assertEquals(36, ((Number) row.get("age")).intValue());
        assertEquals(9007199254740993L, row.get("visits"), "not through a double");
        assertEquals(0.1f, row.get("score"));
        assertEquals(2.5e-10, row.get("ratio"));
        assertEquals(new BigDecimal("1234567890.50"), row.get("balance"));
        assertEquals(Instant.parse("2026-01-31T12:00:00.123456Z"), row.get("signed_up_at"));
        assertEquals(LocalDate.of(1815, 12, 10), row.get("birthday"));
        assertEquals(LocalTime.of(6, 30), row.get("wakes_at"));
        assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), row.get("device"));
        assertEquals("2001:db8::1", row.get("last_ip"));
        assertEquals("{\"plan\": [\"pro\", 2]}", row.get("traits"));
        assertEquals(List.of("math", "poetry, \"quoted\""), row.get("tags"));
        assertEquals(List.of(7, 42), row.get("lucky_numbers"));
        assertEquals("{\"city\": \"London\"}", row.get("address"));
        assertEquals("[{\"zip\": \"W1\", \"city\": \"London\"}]", row.get("addresses"));
        assertEquals(List.of("anon-ada"), row.get("_anonymous_ids"));
        assertNull(row.get("_kpid"));
    }

    @Test
    void wideningKeepsTheDataWithoutAskingForConfirmation() throws Exception {
        ObjectType before = plus(UserSchemas.DEFAULT_SCHEMA, Property.of("visits", Type.int32()),
                Property.of("score", new FloatType(32)), Property.of("balance", Type.decimal(6, 2)));
        service.update(admin, ws, before, false);
        writeIdentity(before, "u1", Map.of("email", "a@b.c", "visits", 2_000_000_000, "score", 1.5, "balance", "9999.99"));
        ObjectType wider = Type.object(List.of(
                new Property("email", Type.string(), true, "no limit now"),
                new Property("first_name", Type.string(200), true, ""),
                UserSchemas.DEFAULT_SCHEMA.property("last_name").orElseThrow(),
                UserSchemas.DEFAULT_SCHEMA.property("phone").orElseThrow(),
                Property.of("visits", Type.int64()),
                Property.of("score", Type.float64()),
                Property.of("balance", Type.decimal(10, 4))));
        SchemaChange preview = service.preview(admin, ws, wider);
        assertTrue(preview.destructive().isEmpty(), preview.toString());
        assertFalse(preview.applied());
        SchemaChange change = service.update(admin, ws, wider, false);
        assertTrue(change.applied());
        assertEquals(preview.statements(), change.statements());
        assertEquals(5, change.statements().size(), change.toString());
        Map<String, Object> row = readIdentity("u1");
        assertEquals("a@b.c", row.get("email"));
        assertEquals(2_000_000_000L, row.get("visits"));
        assertEquals(1.5, row.get("score"));
        assertEquals(new BigDecimal("9999.9900"), row.get("balance"));
        assertEquals("text", identitiesColumns().get("email"));
        assertEquals(2, storedVersion());
    }

    @Test
    void aDestructiveChangeNeedsConfirmationAndOtherwiseChangesNothing() throws Exception {
        ObjectType before = plus(UserSchemas.DEFAULT_SCHEMA, Property.of("age", Type.int32()), Property.of("nickname", Type.string()));
        service.update(admin, ws, before, false);
        writeIdentity(before, "u1", Map.of("age", 36, "nickname", "Al"));
        ObjectType after = Type.object(List.of(UserSchemas.DEFAULT_SCHEMA.properties().get(0),
                Property.of("age", IntType.of(16)), Property.of("nickname", Type.string(1))));
        Map<String, String> columnsBefore = identitiesColumns();

        SchemaChange preview = service.preview(admin, ws, after);
        assertEquals(5, preview.destructive().size(), preview.toString());
        assertTrue(preview.destructive().stream().anyMatch(d -> d.startsWith("drops column \"phone\"")), preview.toString());
        assertTrue(preview.destructive().stream().anyMatch(d -> d.startsWith("converts column \"age\" from integer to smallint")));
        assertEquals(columnsBefore, identitiesColumns(), "a preview runs nothing");

        ConflictException refused = assertThrows(ConflictException.class, () -> service.update(admin, ws, after, false));
        assertTrue(refused.getMessage().contains("drops column \"first_name\""), refused.getMessage());
        assertTrue(refused.getMessage().contains("\"nickname\""), refused.getMessage());
        assertEquals(columnsBefore, identitiesColumns());
        assertEquals(before, service.schema(admin, ws));
        assertEquals(1, storedVersion());

        // "Al" does not fit string(1): the warehouse refuses, and neither the table nor the schema changes.
        ConflictException failed = assertThrows(ConflictException.class, () -> service.update(admin, ws, after, true));
        assertTrue(failed.getMessage().contains("nothing was changed"), failed.getMessage());
        assertEquals(columnsBefore, identitiesColumns());
        assertEquals(before, service.schema(admin, ws));
        assertEquals(1, storedVersion());

        ObjectType fits = Type.object(List.of(UserSchemas.DEFAULT_SCHEMA.properties().get(0),
                Property.of("age", IntType.of(16)), Property.of("nickname", Type.string(2))));
        SchemaChange applied = service.update(admin, ws, fits, true);
        assertTrue(applied.applied());
        assertEquals(5, applied.destructive().size());
        assertEquals(List.of("_connection", "_pipeline", "_identity_id", "_is_anonymous", "_anonymous_ids", "_updated_at",
                "_kpid", "email", "age", "nickname"), new ArrayList<>(identitiesColumns().keySet()));
        assertEquals("smallint", identitiesColumns().get("age"));
        Map<String, Object> row = readIdentity("u1");
        assertEquals(36, ((Number) row.get("age")).intValue());
        assertEquals("Al", row.get("nickname"));
        assertEquals(fits, service.schema(admin, ws));
        assertEquals(2, storedVersion());
    }

    @Test
    void changesToNestedPropertiesAndJsonKindsTouchNoData() throws Exception {
        ObjectType before = plus(UserSchemas.DEFAULT_SCHEMA, Property.of("address",
                Type.object(List.of(Property.of("city", Type.string()), Property.of("zip", Type.string())))));
        service.update(admin, ws, before, false);
        ObjectType after = plus(UserSchemas.DEFAULT_SCHEMA, Property.of("address",
                Type.object(List.of(Property.of("city", Type.string(10))))));
        SchemaChange change = service.update(admin, ws, after, false);
        assertTrue(change.statements().isEmpty(), change.toString());
        assertTrue(change.destructive().isEmpty());
        assertEquals(after, service.schema(admin, ws));
        SchemaChange toJson = service.update(admin, ws, plus(UserSchemas.DEFAULT_SCHEMA, Property.of("address", Type.json())), false);
        assertTrue(toJson.statements().isEmpty());
        assertEquals(3, storedVersion());
    }

    @Test
    void anUnchangedSchemaStoresNothingNew() {
        SchemaChange same = service.update(admin, ws, UserSchemas.DEFAULT_SCHEMA, false);
        assertTrue(same.applied());
        assertEquals(1, same.statements().size(), "the table is created: the plan is made against the table as it is");
        assertTrue(service.update(admin, ws, UserSchemas.DEFAULT_SCHEMA, false).statements().isEmpty());
        assertEquals(UserSchemas.DEFAULT_SCHEMA, schemas.reload(ws).schema());
        assertEquals(0, schemas.reload(ws).version());
    }

    @Test
    void namesThatAreSqlKeywordsWork() throws Exception {
        ObjectType keywords = plus(UserSchemas.DEFAULT_SCHEMA, Property.of("select", Type.string()),
                Property.of("order", Type.int64()), Property.of("user", Type.bool()), Property.of("Group", Type.date()));
        service.update(admin, ws, keywords, false);
        writeIdentity(keywords, "k", Map.of("select", "*", "order", 1, "user", true, "Group", "2026-01-01"));
        Map<String, Object> row = readIdentity("k");
        assertEquals("*", row.get("select"));
        assertEquals(1L, row.get("order"));
        assertEquals(true, row.get("user"));
        assertEquals(LocalDate.of(2026, 1, 1), row.get("Group"));
        SchemaChange dropped = service.update(admin, ws, plus(UserSchemas.DEFAULT_SCHEMA, Property.of("select", Type.string())), true);
        assertEquals(3, dropped.destructive().size());
        assertFalse(identitiesColumns().containsKey("order"));
    }

    private static List<String> fields(InvalidInputException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void anInvalidSchemaNamesTheField() {
        InvalidInputException reserved = assertThrows(InvalidInputException.class, () -> service.update(admin, ws,
                schema(Property.of("email", Type.string()), Property.of("_kpid", Type.string())), false));
        assertEquals(List.of("schema.properties[1].name"), fields(reserved));
        InvalidInputException cases = assertThrows(InvalidInputException.class, () -> service.preview(admin, ws,
                schema(Property.of("email", Type.string()), Property.of("Email", Type.string()))));
        assertEquals(List.of("schema.properties[1].name"), fields(cases));
        assertTrue(cases.getMessage().contains("duplicate property 'Email'"), cases.getMessage());
        InvalidInputException nested = assertThrows(InvalidInputException.class, () -> service.update(admin, ws,
                schema(Property.of("address", Type.object(List.of(Property.of("_city", Type.string()))))), false));
        assertEquals(List.of("schema.properties[0].type.properties[0].name"), fields(nested));
        assertEquals(List.of("schema"), fields(assertThrows(InvalidInputException.class, () -> service.update(admin, ws, null, false))));
        assertEquals(0, schemas.reload(ws).version());
    }

    @Test
    void aWorkspaceKeyCannotReachAnotherWorkspace() throws Exception {
        long other = core.workspaces.create(admin, "Sales", null).id();
        Principal salesKey = new Principal(2, admin.organizationId(), other);
        ObjectType changed = plus(UserSchemas.DEFAULT_SCHEMA, Property.of("age", Type.int32()));
        assertThrows(NotFoundException.class, () -> service.schema(salesKey, ws));
        assertThrows(NotFoundException.class, () -> service.preview(salesKey, ws, changed));
        assertThrows(NotFoundException.class, () -> service.update(salesKey, ws, changed, true));
        assertThrows(NotFoundException.class, () -> service.schema(new Principal(3, admin.organizationId() + 1, null), ws),
                "nor can another organization's key");
        assertEquals(0, storedVersion());
        assertTrue(identitiesColumns().isEmpty());
        assertTrue(service.update(salesKey, other, changed, false).applied(), "its own workspace it can change");
        assertEquals(UserSchemas.DEFAULT_SCHEMA, service.schema(admin, ws));
        assertThrows(NotFoundException.class, () -> service.schema(admin, 999_999));
    }

    @Test
    void aGuardCanVetoAChangeBeforeAnythingRuns() throws Exception {
        service.addGuard((workspace, from, to) -> {
            if (SchemaChangeGuard.removedOrRetyped(from, to).contains("email")) {
                throw new ConflictException("property email is identifier #1 of identity resolution");
            }
        });
        ConflictException e = assertThrows(ConflictException.class, () -> service.update(admin, ws,
                schema(Property.of("email", Type.string(100))), true));
        assertTrue(e.getMessage().contains("email"), e.getMessage());
        assertTrue(identitiesColumns().isEmpty(), "no DDL ran");
        assertEquals(0, storedVersion());
        assertTrue(service.update(admin, ws, schema(UserSchemas.DEFAULT_SCHEMA.properties().get(0)), true).applied(),
                "removing other properties is allowed");
        assertEquals(java.util.Set.of("first_name", "last_name", "phone"),
                SchemaChangeGuard.removedOrRetyped(UserSchemas.DEFAULT_SCHEMA, service.schema(admin, ws)));
    }

    @Test
    void aChangeStoredMeanwhileRollsTheDdlBack() throws Exception {
        schemas.ensureIdentitiesTable(ws, warehouse());
        // A guard runs after the service has read the schema: another server's change lands in between.
        service.addGuard((workspace, from, to) -> {
            try (Connection c = TestPostgres.connect(core.metadataUrl); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO user_schemas (workspace_id, schema, version) VALUES (" + workspace
                        + ", '{\"type\":\"object\",\"properties\":[]}', 1)");
            } catch (java.sql.SQLException sql) {
                throw new IllegalStateException(sql);
            }
        });
        ConflictException e = assertThrows(ConflictException.class, () -> service.update(admin, ws,
                plus(UserSchemas.DEFAULT_SCHEMA, Property.of("age", Type.int32())), false));
        assertTrue(e.getMessage().contains("changed by someone else"), e.getMessage());
        assertFalse(identitiesColumns().containsKey("age"), "the DDL was rolled back");
        assertEquals(Type.object(List.of()), schemas.schema(ws), "the cache holds what the store holds");
    }

    @Test
    void theSchemaIsStoredInTheCodecsJsonForm() throws Exception {
        ObjectType s = plus(UserSchemas.DEFAULT_SCHEMA, new Property("age", new IntType(8, 0, 120), false, "in years"));
        service.update(admin, ws, s, false);
        try (Connection c = TestPostgres.connect(core.metadataUrl); PreparedStatement ps = c.prepareStatement(
                "SELECT schema->>'type', schema->'properties'->4->'type'->>'max', schema->'properties'->4->>'nullable', "
                        + "updated_at IS NOT NULL FROM user_schemas WHERE workspace_id = ?")) {
            ps.setLong(1, ws);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("object", rs.getString(1));
                assertEquals("120", rs.getString(2));
                assertEquals("false", rs.getString(3));
                assertTrue(rs.getBoolean(4));
            }
        }
        assertEquals(s, new UserSchemas(core.store).schema(ws), "read back by another instance");
    }
}
