package com.krenalis.core.internal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.platform.EventQueries;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.platform.Workspace;
import com.krenalis.api.profiles.ProfileQueries.Page;
import com.krenalis.api.profiles.ProfileQueries.Query;
import com.krenalis.core.internal.events.WarehouseEventQueries;
import com.krenalis.core.internal.testing.CoreFixture;
import com.krenalis.testing.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Profiles, identities and events read from hand-made warehouse tables shaped as docs/identity-resolution.md says
 * (an {@code identities} table, {@code profiles_1} behind the {@code profiles} view, {@code events} with {@code kpid}).
 */
class ProfileQueriesIT {
    private static final int PROFILES = 23;
    private CoreFixture core;
    private Principal admin;
    private Workspace ws;
    private ProfileQueriesImpl queries;
    private final List<UUID> kpids = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        core = new CoreFixture();
        admin = new Principal(1, core.organization(), null);
        ws = core.workspaces.create(admin, "Profiles", null);
        queries = new ProfileQueriesImpl(core.workspaces, new WarehouseEventQueries(core.workspaces));
        for (int i = 0; i < PROFILES; i++) {
            kpids.add(new UUID(0x0190_0000_0000_7000L + i * 7919L % PROFILES, 0x8000_0000_0000_0000L + i));
        }
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = TestPostgres.connect(core.warehouseUrl); Statement st = c.createStatement()) {
            st.execute("SET search_path TO \"" + ws.namespace() + "\"");
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Profile i: age repeats (i % 4 * 10, null every fifth), email null every third, firstName camel-case. */
    private void publish() throws Exception {
        sql("CREATE TABLE identities (_connection bigint NOT NULL, _pipeline bigint NOT NULL, _identity_id text NOT NULL, "
                        + "_is_anonymous boolean NOT NULL, _anonymous_ids text[], _updated_at timestamptz, _kpid uuid, "
                        + "email text, \"firstName\" text, age integer, "
                        + "PRIMARY KEY (_connection, _pipeline, _identity_id, _is_anonymous))",
                "CREATE TABLE profiles_1 (_kpid uuid PRIMARY KEY, _updated_at timestamptz NOT NULL, _identities integer NOT NULL, "
                        + "email text, \"firstName\" text, age integer, score numeric(10,2), traits jsonb, tags text[], "
                        + "seen timestamptz, ip inet)",
                "CREATE VIEW profiles AS SELECT * FROM profiles_1",
                "CREATE TABLE events (message_id text PRIMARY KEY, connection_id bigint NOT NULL, type text, "
                        + "received_at timestamptz NOT NULL, properties jsonb, kpid uuid)");
        try (Connection c = TestPostgres.connect(core.warehouseUrl);
             PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + ws.namespace() + "\".profiles_1 VALUES "
                     + "(?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS text[]), ?, CAST(? AS inet))")) {
            for (int i = 0; i < PROFILES; i++) {
                ps.setObject(1, kpids.get(i));
                ps.setTimestamp(2, Timestamp.from(Instant.parse("2026-11-23T10:00:00Z").plusSeconds(i)));
                ps.setInt(3, 1 + i % 3);
                ps.setString(4, i % 3 == 0 ? null : "p" + i + "@example.com");
                ps.setString(5, "Name" + (i % 2));
                ps.setObject(6, i % 5 == 0 ? null : i % 4 * 10);
                ps.setBigDecimal(7, new BigDecimal(i).movePointLeft(1));
                ps.setString(8, "{\"plan\":\"" + (i % 2 == 0 ? "pro" : "free") + "\",\"seats\":" + i + "}");
                ps.setString(9, "{a" + i + ",vip}");
                ps.setTimestamp(10, i % 7 == 0 ? null : Timestamp.from(Instant.parse("2026-01-01T00:00:00.123456Z").plusSeconds(i % 3)));
                ps.setString(11, "10.0.0." + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Page list(Query q) {
        return queries.list(admin, ws.id(), q);
    }

    private static Query query(List<String> properties, Map<String, Object> filter, String order, boolean desc, int limit, String cursor) {
        return new Query(properties, filter, order, desc, limit, cursor);
    }

    private static String field(InvalidInputException e) {
        return e.errors().get(0).field();
    }

    @Test
    void aWorkspaceWithoutProfilesYetHasNone() {
        Page page = list(query(List.of("nothing"), Map.of("logical", "and"), "unknown", false, 10, null));
        assertEquals(List.of(), page.profiles());
        assertNull(page.next());
        assertTrue(queries.profile(admin, ws.id(), UUID.randomUUID()).isEmpty());
        assertEquals(List.of(), queries.identities(admin, ws.id(), UUID.randomUUID()));
        assertEquals(List.of(), queries.events(admin, ws.id(), UUID.randomUUID(), 10, null).events());
        assertEquals("limit", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, null, false, 0, null)))));
        assertEquals("cursor", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, null, false, 5, "x")))));
    }

    @Test
    void profilesComeAsJsonLikeValuesWithTheMetaColumnsFirst() throws Exception {
        publish();
        Page page = list(query(List.of(), null, null, false, 1000, null));
        assertEquals(PROFILES, page.profiles().size());
        assertNull(page.next());
        Map<String, Object> p = page.profiles().stream().filter(r -> r.get("_kpid").equals(kpids.get(2).toString())).findFirst().orElseThrow();
        assertEquals(List.of("_kpid", "_updated_at", "_identities", "email", "firstName", "age", "score", "traits", "tags", "seen", "ip"),
                new ArrayList<>(p.keySet()));
        assertEquals("2026-11-23T10:00:02Z", p.get("_updated_at"));
        assertEquals(3, p.get("_identities"));
        assertEquals("p2@example.com", p.get("email"));
        assertEquals(20, p.get("age"));
        assertEquals(new BigDecimal("0.20"), p.get("score"));
        assertEquals(Map.of("plan", "pro", "seats", 2), p.get("traits"));
        assertEquals(List.of("a2", "vip"), p.get("tags"));
        assertEquals("2026-01-01T00:00:02.123456Z", p.get("seen"));
        assertEquals("10.0.0.2", p.get("ip"));
        assertEquals(kpids.stream().map(UUID::toString).sorted().toList(),
                page.profiles().stream().map(r -> (String) r.get("_kpid")).toList(), "ordered by KPID by default");
    }

    @Test
    void propertiesAreChosenAndUnknownOnesNamed() throws Exception {
        publish();
        Page page = list(query(List.of("firstName", "age", "firstName"), null, null, false, 5, null));
        assertEquals(List.of("_kpid", "_updated_at", "_identities", "firstName", "age"), new ArrayList<>(page.profiles().get(0).keySet()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> list(query(List.of("age", "phone"), null, null, false, 5, null)));
        assertEquals("properties", field(e));
        assertTrue(e.getMessage().contains("'phone'"), e.getMessage());
        assertEquals("order", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, "phone", false, 5, null)))));
        assertEquals("order", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, "traits", false, 5, null)))));
        assertEquals("order", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, "tags", false, 5, null)))));
        assertEquals("limit", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, null, false, 1001, null)))));
    }

    /** Reads every page and checks the order is (property, KPID) with no profile missing or repeated. */
    private <T extends Comparable<? super T>> void pagesAreComplete(String order, boolean desc, int limit,
                                                                   Function<Map<String, Object>, T> key) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page page = list(query(List.of(order.equals("_kpid") ? "email" : order), null, order, desc, limit, cursor));
            assertTrue(page.profiles().size() <= limit);
            all.addAll(page.profiles());
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 100);
        Comparator<Map<String, Object>> byValue = Comparator.comparing(key, Comparator.nullsLast(Comparator.<T>naturalOrder()));
        Comparator<Map<String, Object>> expected = byValue.thenComparing(r -> UUID.fromString((String) r.get("_kpid")),
                Comparator.comparing(UUID::toString));
        List<Map<String, Object>> sorted = new ArrayList<>(all);
        sorted.sort(desc ? expected.reversed() : expected);
        assertEquals(PROFILES, all.size(), order + (desc ? " desc" : "") + " by " + limit);
        assertEquals(PROFILES, all.stream().map(r -> r.get("_kpid")).distinct().count());
        assertEquals(sorted, all, order + (desc ? " desc" : "") + " by " + limit);
    }

    @Test
    void keysetPagingIsCorrectWithRepeatedAndMissingValues() throws Exception {
        publish();
        for (int limit : List.of(1, 2, 3, 5, 22, 23, 24)) {
            for (boolean desc : List.of(false, true)) {
                pagesAreComplete("age", desc, limit, r -> (Integer) r.get("age"));
                pagesAreComplete("email", desc, limit, r -> (String) r.get("email"));
                pagesAreComplete("firstName", desc, limit, r -> (String) r.get("firstName"));
                pagesAreComplete("seen", desc, limit, r -> (String) r.get("seen"));
                pagesAreComplete("score", desc, limit, r -> (BigDecimal) r.get("score"));
                pagesAreComplete("_kpid", desc, limit, r -> (String) r.get("_kpid"));
            }
        }
    }

    @Test
    void aCursorBelongsToItsOrder() throws Exception {
        publish();
        String next = list(query(null, null, "age", false, 2, null)).next();
        assertEquals("cursor", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, "age", true, 2, next)))));
        assertEquals("cursor", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, "email", false, 2, next)))));
        assertEquals("cursor", field(assertThrows(InvalidInputException.class, () -> list(query(null, null, "age", false, 2, "bm9wZQ")))));
    }

    @Test
    void filtersSelectProfiles() throws Exception {
        publish();
        Map<String, Object> filter = Map.of("logical", "and", "conditions", List.of(
                Map.of("property", "age", "operator", "is greater than or equal to", "values", List.of(20)),
                Map.of("property", "traits.plan", "operator", "is", "values", List.of("pro")),
                Map.of("property", "email", "operator", "is not null")));
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            Page page = list(query(List.of("age", "email", "traits"), filter, "age", true, 2, cursor));
            all.addAll(page.profiles());
            cursor = page.next();
        } while (cursor != null);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < PROFILES; i++) {
            if (i % 5 != 0 && i % 4 * 10 >= 20 && i % 2 == 0 && i % 3 != 0) {
                expected.add(i);
            }
        }
        assertEquals(expected.stream().map(i -> "p" + i + "@example.com").sorted().toList(),
                all.stream().map(r -> (String) r.get("email")).sorted().toList());
        assertTrue(all.stream().allMatch(r -> (Integer) r.get("age") >= 20));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> list(query(null, Map.of("logical", "and",
                "conditions", List.of(Map.of("property", "age", "operator", "contains", "values", List.of(1)))), null, false, 5, null)));
        assertEquals("filter.conditions[0].operator", field(e));
        e = assertThrows(InvalidInputException.class, () -> list(query(null, Map.of("logical", "and",
                "conditions", List.of(Map.of("property", "phone", "operator", "is null"))), null, false, 5, null)));
        assertEquals("filter.conditions[0].property", field(e));
    }

    @Test
    void oneProfileItsIdentitiesAndItsEvents() throws Exception {
        publish();
        UUID kpid = kpids.get(4);
        assertEquals("p4@example.com", queries.profile(admin, ws.id(), kpid).orElseThrow().get("email"));
        assertTrue(queries.profile(admin, ws.id(), UUID.randomUUID()).isEmpty());

        sql("INSERT INTO identities VALUES (2, 0, 'anon-1', true, NULL, '2026-11-20T00:00:00Z', '" + kpid + "', NULL, NULL, NULL)",
                "INSERT INTO identities VALUES (1, 9, 'u-1', false, '{anon-1,anon-2}', '2026-11-21T00:00:00Z', '" + kpid + "', 'p4@example.com', 'Ada', 40)",
                "INSERT INTO identities VALUES (1, 9, 'u-0', false, '{}', '2026-11-21T00:00:00Z', '" + kpids.get(5) + "', NULL, NULL, NULL)",
                "INSERT INTO identities VALUES (1, 0, 'u-1', false, '{}', '2026-11-22T00:00:00Z', '" + kpid + "', NULL, NULL, NULL)");
        List<Map<String, Object>> identities = queries.identities(admin, ws.id(), kpid);
        assertEquals(List.of("1/0/u-1", "1/9/u-1", "2/0/anon-1"), identities.stream()
                .map(r -> r.get("_connection") + "/" + r.get("_pipeline") + "/" + r.get("_identity_id")).toList());
        assertEquals(List.of("anon-1", "anon-2"), identities.get(1).get("_anonymous_ids"));
        assertEquals("Ada", identities.get(1).get("firstName"));
        assertEquals(kpid.toString(), identities.get(1).get("_kpid"));

        for (int i = 0; i < 5; i++) {
            sql("INSERT INTO events VALUES ('m" + i + "', 1, 'track', '2026-11-23T10:00:0" + (i % 3) + "Z', '{\"i\":" + i + "}', '"
                    + (i == 2 ? kpids.get(5) : kpid) + "')");
        }
        EventQueries.Page first = queries.events(admin, ws.id(), kpid, 3, null);
        EventQueries.Page second = queries.events(admin, ws.id(), kpid, 3, first.next());
        assertEquals(List.of("m4", "m1", "m3"), first.events().stream().map(r -> r.get("message_id")).toList());
        assertEquals(List.of("m0"), second.events().stream().map(r -> r.get("message_id")).toList());
        assertNull(second.next());
        assertEquals(Map.of("i", 4), first.events().get(0).get("properties"));
        assertEquals("limit", field(assertThrows(InvalidInputException.class, () -> queries.events(admin, ws.id(), kpid, 0, null))));
    }

    @Test
    void aKeyOfAnotherWorkspaceSeesNothing() throws Exception {
        publish();
        Workspace other = core.workspaces.create(admin, "Other", null);
        Principal otherKey = new Principal(2, admin.organizationId(), other.id());
        assertThrows(NotFoundException.class, () -> queries.list(otherKey, ws.id(), query(null, null, null, false, 5, null)));
        assertThrows(NotFoundException.class, () -> queries.profile(otherKey, ws.id(), kpids.get(0)));
        assertThrows(NotFoundException.class, () -> queries.identities(otherKey, ws.id(), kpids.get(0)));
        assertThrows(NotFoundException.class, () -> queries.events(otherKey, ws.id(), kpids.get(0), 5, null));
        assertEquals(List.of(), queries.list(otherKey, other.id(), query(null, null, null, false, 5, null)).profiles());
        assertTrue(Objects.nonNull(queries.list(admin, ws.id(), query(null, null, null, false, 5, null)).next()));
    }
}
