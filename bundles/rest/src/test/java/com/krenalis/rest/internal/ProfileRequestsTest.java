package com.krenalis.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.profiles.ProfileQueries;
import com.krenalis.api.profiles.SchemaChange;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The parameters of the profile routes and the JSON of user-schema requests and answers. */
class ProfileRequestsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(String json) throws Exception {
        return JsonProvider.MAPPER.readValue(json, Map.class);
    }

    @Test
    void aListQueryFromItsParameters() {
        ProfileQueries.Query q = ProfilesResource.query(" email, ,firstName ",
                "{\"logical\":\"and\",\"conditions\":[{\"property\":\"score\",\"operator\":\"is\",\"values\":[0.1]}]}",
                " age ", "TRUE", "25", "abc");
        assertEquals(List.of("email", "firstName"), q.properties());
        assertEquals("age", q.order());
        assertTrue(q.descending());
        assertEquals(25, q.limit());
        assertEquals("abc", q.cursor());
        @SuppressWarnings("unchecked")
        Map<String, Object> condition = ((List<Map<String, Object>>) q.filter().get("conditions")).get(0);
        assertEquals(List.of(new BigDecimal("0.1")), condition.get("values"), "numbers stay exact");

        ProfileQueries.Query defaults = ProfilesResource.query(null, null, null, null, null, null);
        assertEquals(new ProfileQueries.Query(List.of(), null, null, false, 100, null), defaults);
    }

    private static String field(Runnable r) {
        return assertThrows(ApiError.class, r::run).field();
    }

    @Test
    void malformedParametersAreNamed() {
        assertEquals("limit", field(() -> ProfilesResource.query(null, null, null, null, "ten", null)));
        assertEquals("desc", field(() -> ProfilesResource.query(null, null, null, "yes", null, null)));
        assertEquals("filter", field(() -> ProfilesResource.query(null, "{\"logical\":", null, null, null, null)));
        assertEquals("filter", field(() -> ProfilesResource.query(null, "[1]", null, null, null, null)));
        assertEquals("kpid", field(() -> QueryParams.uuid("kpid", "not-a-uuid")));
        assertEquals("kpid", field(() -> QueryParams.uuid("kpid", "1-2-3-4-5")));
        assertEquals(UUID.fromString("0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"), QueryParams.uuid("kpid", "0190A3C4-5E6F-7A8B-9C0D-1E2F3A4B5C6D"));
        assertEquals("id", field(() -> QueryParams.id("id", "x")));
        assertEquals(7, QueryParams.integer("limit", " 7 ", 100));
        assertFalse(QueryParams.bool("desc", "false"));
    }

    @Test
    void aSchemaBodyIsReadWithErrorsNamingThePath() throws Exception {
        Map<String, Object> body = body("""
                {"schema":{"type":"object","properties":[{"name":"email","type":{"type":"string","maxLength":254}}]},
                 "allowDestructive":true}""");
        assertEquals(new ObjectType(List.of(Property.of("email", Type.string(254)))),
                ProfileSchemaJson.schema(body, Set.of("allowDestructive")));
        assertTrue(ProfileSchemaJson.allowDestructive(body));
        assertFalse(ProfileSchemaJson.allowDestructive(body("{\"schema\":{}}")));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ProfileSchemaJson.schema(body("""
                {"schema":{"type":"object","properties":[{"name":"age","type":{"type":"int","bits":12}}]}}"""), Set.of()));
        assertEquals("schema.properties[0].type.bits", e.errors().get(0).field());
        assertEquals("must be 8, 16, 24, 32 or 64", e.errors().get(0).message());
        assertEquals("schema", assertThrows(InvalidInputException.class,
                () -> ProfileSchemaJson.schema(body("{}"), Set.of())).errors().get(0).field());
        assertEquals("allowDestructive", assertThrows(InvalidInputException.class,
                () -> ProfileSchemaJson.schema(body("{\"schema\":{},\"allowDestructive\":true}"), Set.of())).errors().get(0).field(),
                "preview takes no allowDestructive");
        assertEquals("allowDestructive", assertThrows(InvalidInputException.class,
                () -> ProfileSchemaJson.allowDestructive(body("{\"allowDestructive\":\"yes\"}"))).errors().get(0).field());
        assertEquals("schema.type", assertThrows(InvalidInputException.class,
                () -> ProfileSchemaJson.schema(body("{\"schema\":{\"type\":\"string\"}}"), Set.of())).errors().get(0).field());
    }

    @Test
    void schemaAnswersAsJson() throws Exception {
        ObjectType schema = new ObjectType(List.of(Property.of("email", Type.string())));
        assertEquals("{\"schema\":{\"type\":\"object\",\"properties\":[{\"name\":\"email\",\"type\":{\"type\":\"string\"},"
                + "\"nullable\":true,\"description\":\"\"}]}}", JsonProvider.MAPPER.writeValueAsString(ProfileSchemaJson.schema(schema)));
        SchemaChange change = new SchemaChange(schema, List.of("ALTER TABLE identities DROP COLUMN age"),
                List.of("removes property age and its values"), false);
        Map<String, Object> json = ProfileSchemaJson.change(change);
        assertEquals(List.of("schema", "statements", "destructive", "applied"), List.copyOf(json.keySet()));
        assertEquals(List.of("ALTER TABLE identities DROP COLUMN age"), json.get("statements"));
        assertEquals(List.of("removes property age and its values"), json.get("destructive"));
        assertEquals(false, json.get("applied"));
        assertNull(ProfileSchemaJson.schema(schema).get("other"));
    }
}
