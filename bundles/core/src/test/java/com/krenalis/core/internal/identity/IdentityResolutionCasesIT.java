package com.krenalis.core.internal.identity;

import static com.krenalis.core.internal.identity.ResolutionDb.Identity.known;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.core.internal.identity.ResolutionDb.Identity;
import com.krenalis.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The G, M and K cases of shared/spec/identity-resolution-cases.md, literally, on the embedded PostgreSQL. */
class IdentityResolutionCasesIT {
    private static final long APP = 1, WEBSITE = 2, CRM = 3, MOBILE = 4, DATABASE = 5;
    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private static final List<Property> IDS = List.of(Property.of("id1", Type.string()), Property.of("id2", Type.string()),
            Property.of("id3", Type.string()));
    private static final List<String> ALL = List.of("id1", "id2", "id3");

    private static Map<String, Object> ids(Object id1, Object id2, Object id3) {
        Map<String, Object> m = new HashMap<>();
        m.put("id1", id1);
        m.put("id2", id2);
        m.put("id3", id3);
        return m;
    }

    private static Map<String, UUID> resolveIds(List<String> identifiers, Identity... identities) throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(identities);
            db.resolve(identifiers);
            return db.kpids();
        }
    }

    @Test
    void g1LowerIdentifierDecidesWhenHigherOnesAreNeverBothPresent() throws Exception {
        Map<String, UUID> k = resolveIds(ALL, known(APP, "a", T, ids("10", null, "45")),
                known(WEBSITE, "b", T, ids(null, null, "45")));
        assertEquals(k.get("a"), k.get("b"));
    }

    @Test
    void g2HighestIdentifierDecides() throws Exception {
        Map<String, UUID> k = resolveIds(ALL, known(APP, "a", T, ids("32", null, "19")),
                known(WEBSITE, "b", T, ids("32", "7", "23")));
        assertEquals(k.get("a"), k.get("b"));
    }

    @Test
    void g3HigherIdentifierPresentInBothAndDifferentBlocks() throws Exception {
        Map<String, UUID> k = resolveIds(ALL, known(APP, "a", T, ids(null, "10", "53")),
                known(WEBSITE, "b", T, ids(null, "25", "53")));
        assertNotEquals(k.get("a"), k.get("b"));
    }

    @Test
    void g4TransitivityJoinsWhatDirectMatchingBlocks() throws Exception {
        Map<String, UUID> k = resolveIds(ALL, known(APP, "a", T, ids(null, "10", "53")),
                known(WEBSITE, "b", T, ids(null, "25", "53")), known(CRM, "c", T, ids(null, null, "53")));
        assertEquals(k.get("a"), k.get("c"));
        assertEquals(k.get("b"), k.get("c"));
    }

    @Test
    void g5EmptyStringIsNoValue() throws Exception {
        Map<String, UUID> k = resolveIds(ALL, known(APP, "a", T, ids("", null, "7")),
                known(CRM, "b", T, ids("x", null, "7")));
        assertEquals(k.get("a"), k.get("b"));
        Map<String, UUID> blank = resolveIds(ALL, known(APP, "a", T, ids("   ", null, "7")),
                known(CRM, "b", T, ids("x", null, "7")));
        assertEquals(blank.get("a"), blank.get("b"));
    }

    @Test
    void g6NoIdentifiersOnlyRuleOne() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(known(APP, "u1", T, ids("same", "same", "same")), known(WEBSITE, "u1", T, ids("same", "same", "same")),
                    new Identity(APP, 2, "u1", false, Set.of(), T, ids(null, null, null)));
            db.resolve(List.of());
            Map<String, Set<UUID>> byConnection = new HashMap<>();
            try (Statement st = db.c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT _connection, _kpid FROM ws.identities")) {
                while (rs.next()) {
                    byConnection.computeIfAbsent(String.valueOf(rs.getLong(1)), x -> new HashSet<>()).add((UUID) rs.getObject(2));
                }
            }
            assertEquals(1, byConnection.get("1").size(), "rule 1: one userId of one connection across pipelines");
            assertEquals(1, byConnection.get("2").size());
            assertNotEquals(byConnection.get("1"), byConnection.get("2"), "different connections never merge");
        }
    }

    @Test
    void ruleOneAnonymousIdentitiesShareTheirAnonymousIdAcrossPipelines() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(new Identity(APP, 1, "anon-1", true, Set.of(), T, ids(null, null, null)),
                    new Identity(APP, 2, "anon-1", true, Set.of(), T, ids(null, null, null)),
                    new Identity(APP, 1, "anon-2", true, Set.of(), T, ids(null, null, null)),
                    new Identity(WEBSITE, 1, "anon-1", true, Set.of(), T, ids(null, null, null)),
                    new Identity(APP, 1, "anon-1", false, Set.of(), T, ids(null, null, null)));
            db.resolve(ALL);
            assertEquals(4, db.profiles().size(), "anon-1 of app (two pipelines); anon-2; anon-1 of website; the known user anon-1");
        }
    }

    private static final List<Property> MERGE = List.of(Property.of("email", Type.string()), Property.of("name", Type.string()),
            Property.of("phone_numbers", Type.array(Type.string())), Property.of("total_orders", Type.int64()));

    private static Map<String, Object> person(String email, String name, List<String> phones, Long orders) {
        Map<String, Object> m = new HashMap<>();
        m.put("email", email);
        m.put("name", name);
        m.put("phone_numbers", phones);
        m.put("total_orders", orders);
        return m;
    }

    private static Map<String, Object> mergeCase(Map<String, Long> primary) throws Exception {
        try (ResolutionDb db = new ResolutionDb(MERGE)) {
            db.insert(known(WEBSITE, "w", Instant.parse("2026-01-01T12:00:00Z"), person("alex@acme", "Alex", List.of("+11 111"), 10L)),
                    known(MOBILE, "m", Instant.parse("2026-01-02T12:00:00Z"), person("alex@acme", null, List.of("+22 222", "+33 333"), 35L)),
                    known(DATABASE, "d", Instant.parse("2026-01-03T12:00:00Z"), person("alex@acme", null, null, 21L)));
            db.resolve(List.of("email"), Map.of(), 1000, primary);
            Map<UUID, Map<String, Object>> profiles = db.profiles();
            assertEquals(1, profiles.size());
            return profiles.values().iterator().next();
        }
    }

    @Test
    void m1FreshestValueAndArraysAsSets() throws Exception {
        Map<String, Object> p = mergeCase(Map.of());
        assertEquals(Instant.parse("2026-01-03T12:00:00Z"), ((java.sql.Timestamp) p.get("_updated_at")).toInstant());
        assertEquals("alex@acme", p.get("email"));
        assertEquals("Alex", p.get("name"));
        assertEquals(Set.of("+11 111", "+22 222", "+33 333"), Set.copyOf((List<?>) p.get("phone_numbers")));
        assertEquals(3, ((List<?>) p.get("phone_numbers")).size());
        assertEquals(21L, p.get("total_orders"));
        assertEquals(3, p.get("_identities"));
    }

    @Test
    void m2PrimaryConnectionWins() throws Exception {
        Map<String, Object> p = mergeCase(Map.of("total_orders", MOBILE));
        assertEquals(35L, p.get("total_orders"));
        assertEquals("Alex", p.get("name"));
    }

    @Test
    void m3PrimaryConnectionWithoutValueMeansNoValue() throws Exception {
        Map<String, Object> p = mergeCase(Map.of("name", MOBILE));
        assertNull(p.get("name"));
    }

    @Test
    void m4ArraysMergeWithoutDuplicates() throws Exception {
        try (ResolutionDb db = new ResolutionDb(MERGE)) {
            db.insert(known(APP, "a", T, person("x@y", null, List.of("A", "B"), null)),
                    known(WEBSITE, "b", T, person("x@y", null, List.of("B", "C"), null)),
                    known(CRM, "c", T, person("x@y", null, List.of("A"), null)));
            db.resolve(List.of("email"));
            assertEquals(List.of("A", "B", "C"), db.profiles().values().iterator().next().get("phone_numbers"));
        }
    }

    @Test
    void m5NoValueAnywhereAndTiesBrokenByTheHigherKey() throws Exception {
        try (ResolutionDb db = new ResolutionDb(MERGE)) {
            db.insert(known(APP, "a", T, person("x@y", "from app", null, null)),
                    known(WEBSITE, "b", T, person("x@y", "from website", null, null)));
            db.resolve(List.of("email"));
            Map<String, Object> p = db.profiles().values().iterator().next();
            assertNull(p.get("total_orders"));
            assertNull(p.get("phone_numbers"));
            assertEquals("from website", p.get("name"), "same freshness: the higher identity key (connection 2) wins");
            db.resolve(List.of("email"));
            assertEquals("from website", db.profiles().values().iterator().next().get("name"), "reruns are deterministic");
        }
    }

    @Test
    void kpidsFollowK1ToK4() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(known(APP, "a", T, ids("e1", null, null)), known(WEBSITE, "b", T, ids("e1", null, null)),
                    known(APP, "c", T, ids("e2", null, null)));
            ResolutionOutcome first = db.resolve(ALL);
            assertEquals(2, first.profiles());
            Map<String, UUID> k1 = db.kpids();
            assertEquals(k1.get("a"), k1.get("b"));

            db.resolve(ALL);
            assertEquals(k1, db.kpids(), "K1: no change, same KPIDs");

            db.insert(known(CRM, "d", T, ids("e1", null, null)));
            ResolutionOutcome joined = db.resolve(ALL);
            Map<String, UUID> k2 = db.kpids();
            assertEquals(k1.get("a"), k2.get("d"), "K2: a new identity joins, the KPID stays");
            assertEquals(k1.get("c"), k2.get("c"));
            assertEquals(0, joined.merges());

            db.exec("UPDATE ws.identities SET id2 = 'bridge' WHERE _identity_id IN ('c', 'd')");
            ResolutionOutcome merged = db.resolve(List.of("id2", "id1"));
            Map<String, UUID> k3 = db.kpids();
            assertEquals(k3.get("a"), k3.get("c"));
            assertNotEquals(k2.get("a"), k3.get("a"), "K3: merged profile gets a new KPID");
            assertNotEquals(k2.get("c"), k3.get("c"));
            assertEquals(1, merged.merges());
            assertEquals(1, db.profiles().size());

            db.exec("UPDATE ws.identities SET id2 = NULL, id1 = 'e9' WHERE _identity_id = 'c'");
            ResolutionOutcome split = db.resolve(List.of("id2", "id1"));
            Map<String, UUID> k4 = db.kpids();
            assertNotEquals(k4.get("a"), k4.get("c"));
            assertNotEquals(k3.get("a"), k4.get("a"), "K4: every part of a split gets a new KPID");
            assertNotEquals(k3.get("c"), k4.get("c"));
            assertEquals(1, split.splits());
        }
    }

    @Test
    void k5ReversibleIdentifierChanges() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(known(APP, "a", T, ids("x", "p", null)), known(WEBSITE, "b", T, ids("x", "q", null)),
                    known(CRM, "c", T, ids("y", "q", null)));
            db.resolve(List.of("id1"));
            Set<Set<String>> first = groups(db.kpids());
            long rows = count(db, "SELECT count(*) FROM ws.identities");
            db.resolve(List.of("id2"));
            assertNotEquals(first, groups(db.kpids()));
            db.resolve(List.of("id1"));
            assertEquals(first, groups(db.kpids()));
            assertEquals(rows, count(db, "SELECT count(*) FROM ws.identities WHERE id1 IS NOT NULL AND id2 IS NOT NULL"),
                    "no identity or value lost");
        }
    }

    @Test
    void k6EveryEventGetsItsKpid() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(new Identity(APP, 0, "user-1", false, Set.of("anon-1", "anon-2"), T, ids(null, null, null)),
                    new Identity(APP, 0, "anon-9", true, Set.of(), T, ids(null, null, null)),
                    new Identity(WEBSITE, 0, "user-1", false, Set.of(), T, ids(null, null, null)));
            db.exec("INSERT INTO ws.events VALUES ('m1', 1, 'anon-1', 'user-1', NULL), ('m2', 1, 'anon-1', NULL, NULL), "
                    + "('m3', 1, 'anon-2', NULL, NULL), ('m4', 1, 'anon-9', NULL, NULL), ('m5', 2, 'anon-1', 'user-1', NULL)");
            db.resolve(List.of());
            Map<String, UUID> events = new HashMap<>();
            try (Statement st = db.c.createStatement(); ResultSet rs = st.executeQuery("SELECT message_id, kpid FROM ws.events")) {
                while (rs.next()) {
                    events.put(rs.getString(1), (UUID) rs.getObject(2));
                }
            }
            Map<UUID, Map<String, Object>> profiles = db.profiles();
            assertEquals(3, profiles.size());
            for (UUID kpid : events.values()) {
                assertNotNull(kpid);
                assertTrue(profiles.containsKey(kpid));
            }
            assertEquals(events.get("m1"), events.get("m2"), "anonymous events follow the known identity holding their anonymousId");
            assertEquals(events.get("m1"), events.get("m3"));
            assertNotEquals(events.get("m1"), events.get("m4"), "a pure anonymous visitor has a profile of its own");
            assertNotEquals(events.get("m1"), events.get("m5"), "events link on their own connection only");
        }
    }

    @Test
    void k7ReadersSeeThePreviousResultUntilTheSwitch() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(known(APP, "a", T, ids("e1", null, null)), known(WEBSITE, "b", T, ids("e2", null, null)));
            db.resolve(ALL);
            assertEquals(2, db.profiles().size());
            db.exec("UPDATE ws.identities SET id1 = 'e1'");
            String url = db.c.getMetaData().getURL();
            try (Connection reader = TestPostgres.connect(url)) {
                db.c.setAutoCommit(false);
                ResolutionSpec spec = new ResolutionSpec(99, IDS, ALL, Map.of(), 1000, Map.of());
                long[] during = {-1, -1};
                new PostgresResolution(db.c, ResolutionDb.NS, ResolutionDb.QUOTE, spec, (phase, m) -> {
                    try {
                        if (phase.equals("edges")) { // the run's work tables exist in its transaction
                            during[1] = count(reader, WORK_TABLES);
                            assertTrue(count(db.c, WORK_TABLES) > 0, "the run's own session sees its work tables");
                        }
                        if (phase.equals("merge")) { // the new table is written, not yet published
                            during[0] = count(reader, "SELECT count(*) FROM ws.profiles");
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).run();
                assertEquals(2, during[0], "during the run: the previous result");
                assertEquals(0, during[1], "other sessions never see the run's work tables");
                db.c.commit();
                db.c.setAutoCommit(true);
                assertEquals(1, count(reader, "SELECT count(*) FROM ws.profiles"), "after commit: the new one");
                assertEquals(0, count(reader, WORK_TABLES), "a committed run leaves no work table");
            }
        }
    }

    /** The run's work tables (unlogged, in the workspace's schema) that a session can see. */
    private static final String WORK_TABLES = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = 'ws' AND c.relname LIKE '\\_ir\\_%'";

    @Test
    void aRunKilledMidwayLeavesNoWorkTables() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(known(APP, "a", T, ids("e1", null, null)), known(WEBSITE, "b", T, ids("e1", null, null)));
            db.c.setAutoCommit(false);
            ResolutionSpec spec = new ResolutionSpec(51, IDS, ALL, Map.of(), 1000, Map.of());
            long[] seen = {-1};
            assertThrows(IllegalStateException.class, () -> new PostgresResolution(db.c, ResolutionDb.NS, ResolutionDb.QUOTE, spec,
                    (phase, m) -> {
                        if (phase.equals("components")) {
                            try {
                                seen[0] = count(db.c, WORK_TABLES);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            throw new IllegalStateException("killed");
                        }
                    }).run());
            db.c.rollback();
            db.c.setAutoCommit(true);
            assertTrue(seen[0] > 0, "work tables existed when the run was killed");
            assertEquals(0, count(db.c, WORK_TABLES), "the rollback took them");
            db.resolve(ALL);
            assertEquals(1, db.profiles().size(), "the next run succeeds");
        }
    }

    @Test
    void aFailedRunLeavesThePreviousProfiles() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(known(APP, "a", T, ids("e1", null, null)), known(WEBSITE, "b", T, ids("e1", null, null)));
            db.resolve(ALL);
            Map<String, UUID> before = db.kpids();
            db.c.setAutoCommit(false);
            ResolutionSpec spec = new ResolutionSpec(50, IDS, List.of(), Map.of(), 1000, Map.of());
            try {
                new PostgresResolution(db.c, ResolutionDb.NS, ResolutionDb.QUOTE, spec, (phase, m) -> {
                    if (phase.equals("merge")) {
                        throw new IllegalStateException("killed");
                    }
                }).run();
            } catch (IllegalStateException expected) {
                db.c.rollback();
            }
            db.c.setAutoCommit(true);
            assertEquals(before, db.kpids());
            assertEquals(1, db.profiles().size());
            db.resolve(List.of());
            assertEquals(2, db.profiles().size(), "the next run succeeds");
        }
    }

    @Test
    void blocklistedValuesAreNoValue() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            db.insert(known(APP, "a", T, ids("test@test.com", null, null)), known(WEBSITE, "b", T, ids("test@test.com", null, null)));
            db.resolve(ALL, Map.of("id1", List.of("test@test.com")), 1000, Map.of());
            assertEquals(2, db.profiles().size());
        }
    }

    @Test
    void theGuardKeepsOversizedComponentsApartAndReportsThem() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            for (int i = 0; i < 6; i++) {
                db.insert(known(APP + i, "u" + i, T, ids("junk", null, null)));
            }
            db.insert(new Identity(APP, 2, "u0", false, Set.of(), T, ids("junk", null, null)));
            db.insert(known(50, "x", T, ids("ok", null, null)), known(51, "y", T, ids("ok", null, null)));
            ResolutionOutcome outcome = db.resolve(ALL, Map.of(), 5, Map.of());
            assertEquals(1, outcome.guardHits().size());
            assertEquals(7, outcome.guardHits().get(0).identities());
            assertTrue(outcome.guardHits().get(0).topValues().get(0).startsWith("id1: one value shared by 7"));
            assertEquals(7, db.profiles().size(), "six rule-1 groups of the oversized component, and x+y");
        }
    }

    @Test
    void longChainsConvergeInFewRounds() throws Exception {
        try (ResolutionDb db = new ResolutionDb(IDS)) {
            int pairs = 5000;
            List<Identity> chain = new java.util.ArrayList<>();
            for (int j = 0; j < pairs; j++) {
                String user = UUID.randomUUID().toString();
                chain.add(new Identity(APP, 1, user, false, Set.of(), T, ids(j == 0 ? null : "v" + (j - 1), null, null)));
                chain.add(new Identity(APP, 2, user, false, Set.of(), T, ids("v" + j, null, null)));
            }
            db.insert(chain);
            ResolutionOutcome outcome = db.resolve(ALL, Map.of(), 100_000, Map.of());
            assertEquals(1, outcome.profiles(), "a chain of 10,000 identities is one profile");
            assertTrue(outcome.rounds() <= 25, "rounds: " + outcome.rounds());
            System.out.println("Chain of " + 2 * pairs + " identities: " + outcome.rounds() + " rounds");
        }
    }

    private static Set<Set<String>> groups(Map<String, UUID> kpids) {
        Map<UUID, Set<String>> g = new HashMap<>();
        kpids.forEach((id, kpid) -> g.computeIfAbsent(kpid, x -> new HashSet<>()).add(id));
        return new HashSet<>(g.values());
    }

    private static long count(ResolutionDb db, String sql) throws Exception {
        return count(db.c, sql);
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
