package com.krenalis.core.internal.identity;

import static com.krenalis.core.internal.identity.RandomIdentitySets.PROPERTIES;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.krenalis.api.types.Property;
import com.krenalis.api.types.TypeKind;
import com.krenalis.core.internal.identity.ReferenceResolution.Key;
import com.krenalis.core.internal.identity.ReferenceResolution.Profile;
import com.krenalis.core.internal.identity.ReferenceResolution.Settings;
import com.krenalis.core.internal.identity.ResolutionDb.Identity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random identity sets resolved by the warehouse SQL ({@link PostgresResolution}) and by {@link ReferenceResolution}:
 * the partition of identity keys, every merged property of every profile, and (on a second run after random changes)
 * which profiles keep their KPID (K1–K4) must agree. The seed is printed; rerun one with {@code -Dir.seed=N}, and
 * change the amount with {@code -Dir.sets=N}. A failing set is shrunk (identities, then values removed while it still
 * fails) before it is reported.
 */
class IdentityResolutionPropertyIT {
    private static final long SEED = Long.getLong("ir.seed", System.nanoTime());
    private static final int SETS = Integer.getInteger("ir.sets", 2000);
    private static final int NO_GUARD = 1_000_000;

    @Test
    void warehouseSqlAgreesWithTheReference() throws Exception {
        System.out.println("IdentityResolutionPropertyIT: seed " + SEED + ", " + SETS + " sets (-Dir.seed=" + SEED + ")");
        long start = System.nanoTime();
        RandomIdentitySets gen = new RandomIdentitySets(SEED);
        Coverage coverage = new Coverage();
        try (ResolutionDb db = new ResolutionDb(PROPERTIES)) {
            for (int done = 0, batch = 1; done < SETS; batch++) {
                int count = Math.min(SETS - done, 1 + gen.random().nextInt(30));
                List<List<Identity>> sets = new ArrayList<>();
                for (int s = 1; s <= count; s++) {
                    sets.add(gen.set(s));
                }
                Settings settings = gen.settings(count);
                Map<Key, UUID> first = check(db, "batch " + batch, settings, sets, Map.of(), NO_GUARD, coverage);
                if (gen.random().nextBoolean()) {
                    List<List<Identity>> changed = new ArrayList<>();
                    for (int s = 1; s <= count; s++) {
                        changed.add(gen.mutate(s, sets.get(s - 1)));
                    }
                    Settings again = gen.random().nextInt(3) == 0 ? gen.settings(count) : settings;
                    check(db, "batch " + batch + ", second run", again, changed, first, NO_GUARD, coverage);
                }
                done += count;
            }
        }
        System.out.printf("IdentityResolutionPropertyIT: %s in %.1f s%n", coverage, (System.nanoTime() - start) / 1e9);
        coverage.assertVaried();
    }

    /** The guard, once, on fixed data: oversized components fall back to their rule-1 groups, others are untouched. */
    @Test
    void theGuardAgreesWithTheReference() throws Exception {
        RandomIdentitySets gen = new RandomIdentitySets(20261123L);
        List<List<Identity>> sets = new ArrayList<>();
        for (int s = 1; s <= 30; s++) {
            sets.add(gen.set(s));
        }
        Settings settings = new Settings(List.of("email", "phone", "customer_id"), Map.of(), Map.of());
        Coverage coverage = new Coverage();
        try (ResolutionDb db = new ResolutionDb(PROPERTIES)) {
            check(db, "guard", settings, sets, Map.of(), 6, coverage);
        }
        assertTrue(coverage.guarded > 0, "some component exceeds the guard: " + coverage);
    }

    /** Loads the sets, resolves them in one run, compares every set; returns the KPIDs the run gave. */
    private static Map<Key, UUID> check(ResolutionDb db, String what, Settings settings, List<List<Identity>> sets,
                                        Map<Key, UUID> previous, int max, Coverage coverage) throws SQLException {
        Map<Key, UUID> kpids = run(db, settings, sets, previous, max);
        Map<UUID, Map<String, Object>> profiles = db.profiles();
        List<String> problems = new ArrayList<>();
        Set<UUID> oldKpids = new HashSet<>(previous.values());
        long expectedProfiles = 0;
        for (int s = 1; s <= sets.size(); s++) {
            List<Identity> set = sets.get(s - 1);
            List<Profile> expected = ReferenceResolution.resolve(PROPERTIES, set, settings, max);
            expectedProfiles += expected.size();
            coverage.count(set, expected, settings, max);
            String problem = differences(expected, kpids, profiles);
            if (problem == null && !previous.isEmpty()) {
                problem = kpidContinuity(expected, kpids, previous, oldKpids, coverage);
            }
            if (problem != null) {
                // Shrinking costs a run per try: only the sets that will be shown.
                List<Identity> small = previous.isEmpty() && problems.size() < 3 ? shrink(db, settings, set, max) : set;
                problems.add("set " + s + ": " + problem + (small.size() < set.size() ? "\n  shrunk to " + small.size()
                        + " identities: " + differences(db, settings, small, max) : "") + "\n" + describe(small));
            }
        }
        if (problems.isEmpty() && profiles.size() != expectedProfiles) {
            problems.add(profiles.size() + " profiles, expected " + expectedProfiles);
        }
        if (!problems.isEmpty()) {
            fail("seed " + SEED + ", " + what + ", " + describe(settings) + ": " + problems.size() + " set(s) disagree; first:\n"
                    + String.join("\n", problems.subList(0, Math.min(3, problems.size()))));
        }
        return kpids;
    }

    private static Map<Key, UUID> run(ResolutionDb db, Settings settings, List<List<Identity>> sets, Map<Key, UUID> previous,
                                      int max) throws SQLException {
        db.exec("TRUNCATE ws.identities");
        List<Identity> all = new ArrayList<>();
        sets.forEach(all::addAll);
        db.insert(all);
        if (!previous.isEmpty()) {
            try (PreparedStatement ps = db.c.prepareStatement("UPDATE ws.identities SET _kpid = ? WHERE _connection = ? "
                    + "AND _pipeline = ? AND _identity_id = ? AND _is_anonymous = ?")) {
                for (Identity i : all) {
                    UUID kpid = previous.get(Key.of(i));
                    if (kpid != null) {
                        ps.setObject(1, kpid);
                        ps.setLong(2, i.connection());
                        ps.setLong(3, i.pipeline());
                        ps.setString(4, i.id());
                        ps.setBoolean(5, i.anonymous());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        db.resolve(settings.identifiers(), settings.blocklist(), max, settings.primary());
        Map<Key, UUID> kpids = new HashMap<>();
        try (Statement st = db.c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT _connection, _pipeline, _identity_id, _is_anonymous, _kpid FROM ws.identities")) {
            while (rs.next()) {
                kpids.put(new Key(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4)), (UUID) rs.getObject(5));
            }
        }
        return kpids;
    }

    /** What differs between the reference's profiles of one set and the run's, or null. */
    private static String differences(List<Profile> expected, Map<Key, UUID> kpids, Map<UUID, Map<String, Object>> profiles) {
        Map<UUID, Set<Key>> members = new HashMap<>();
        kpids.forEach((k, kpid) -> members.computeIfAbsent(kpid, x -> new TreeSet<>()).add(k));
        Set<Set<Key>> want = new HashSet<>();
        Set<Set<Key>> got = new HashSet<>();
        for (Profile p : expected) {
            want.add(p.keys());
            p.keys().forEach(k -> got.add(members.getOrDefault(kpids.get(k), Set.of())));
        }
        if (!want.equals(got)) {
            Set<Set<Key>> missing = new HashSet<>(want);
            missing.removeAll(got);
            Set<Set<Key>> extra = new HashSet<>(got);
            extra.removeAll(want);
            return "grouping differs: reference has " + missing + ", SQL has " + extra;
        }
        for (Profile p : expected) {
            UUID kpid = kpids.get(p.keys().iterator().next());
            Map<String, Object> row = profiles.get(kpid);
            if (row == null) {
                return "no profile row for " + p.keys();
            }
            if (!Objects.equals(row.get("_identities"), p.keys().size())
                    || !((Timestamp) row.get("_updated_at")).toInstant().equals(p.updatedAt())) {
                return "profile " + p.keys() + ": _identities/_updated_at " + row.get("_identities") + "/"
                        + row.get("_updated_at") + ", expected " + p.keys().size() + "/" + p.updatedAt();
            }
            for (Property property : PROPERTIES) {
                Object want1 = p.values().get(property.name());
                Object got1 = row.get(property.name());
                if (property.type().kind() == TypeKind.ARRAY && got1 != null) {
                    List<?> list = (List<?>) got1;
                    got1 = new ArrayList<>(new TreeSet<>(list));
                    if (((List<?>) got1).size() != list.size()) {
                        return "profile " + p.keys() + ": " + property.name() + " has duplicates: " + list;
                    }
                }
                if (!Objects.equals(want1, got1)) {
                    return "profile " + p.keys() + ": " + property.name() + " is " + got1 + ", expected " + want1;
                }
            }
        }
        return null;
    }

    /** K1–K4: a profile keeps its KPID iff its identities held exactly one old KPID, held by no other profile. */
    private static String kpidContinuity(List<Profile> expected, Map<Key, UUID> kpids, Map<Key, UUID> previous,
                                         Set<UUID> oldKpids, Coverage coverage) {
        Map<UUID, Set<Set<Key>>> partsOfOld = new HashMap<>();
        for (Profile p : expected) {
            p.keys().stream().map(previous::get).filter(Objects::nonNull)
                    .forEach(old -> partsOfOld.computeIfAbsent(old, x -> new HashSet<>()).add(p.keys()));
        }
        for (Profile p : expected) {
            Set<UUID> olds = new HashSet<>();
            p.keys().stream().map(previous::get).filter(Objects::nonNull).forEach(olds::add);
            UUID kpid = kpids.get(p.keys().iterator().next());
            UUID old = olds.size() == 1 ? olds.iterator().next() : null;
            if (olds.isEmpty()) {
                coverage.fresh++;
            } else if (olds.size() > 1) {
                coverage.merged++;
            } else if (partsOfOld.get(old).size() > 1) {
                coverage.split++;
            } else {
                coverage.kept++;
            }
            if (old != null && partsOfOld.get(old).size() == 1) {
                if (!kpid.equals(old)) {
                    return "profile " + p.keys() + " should keep KPID " + old + " but has " + kpid;
                }
            } else {
                if (oldKpids.contains(kpid)) {
                    return "profile " + p.keys() + " (old KPIDs " + olds + ") should have a new KPID but has " + kpid;
                }
            }
        }
        return null;
    }

    private static String differences(ResolutionDb db, Settings settings, List<Identity> set, int max) throws SQLException {
        Map<Key, UUID> kpids = run(db, settings, List.of(set), Map.of(), max);
        return differences(ReferenceResolution.resolve(PROPERTIES, set, settings, max), kpids, db.profiles());
    }

    /** Removes identities, then property values, while the set still disagrees. */
    private static List<Identity> shrink(ResolutionDb db, Settings settings, List<Identity> set, int max) throws SQLException {
        List<Identity> current = new ArrayList<>(set);
        if (differences(db, settings, current, max) == null) {
            return current; // disagrees only together with other sets
        }
        for (int i = current.size() - 1; i >= 0 && current.size() > 1; i--) {
            List<Identity> fewer = new ArrayList<>(current);
            fewer.remove(i);
            if (differences(db, settings, fewer, max) != null) {
                current = fewer;
            }
        }
        for (int i = 0; i < current.size(); i++) {
            for (Property p : PROPERTIES) {
                Identity x = current.get(i);
                if (x.values().get(p.name()) == null) {
                    continue;
                }
                Map<String, Object> values = new HashMap<>(x.values());
                values.put(p.name(), null);
                List<Identity> simpler = new ArrayList<>(current);
                simpler.set(i, new Identity(x.connection(), x.pipeline(), x.id(), x.anonymous(), x.anonymousIds(), x.updatedAt(), values));
                if (differences(db, settings, simpler, max) != null) {
                    current = simpler;
                }
            }
        }
        return current;
    }

    private static String describe(Settings settings) {
        return "identifiers " + settings.identifiers() + ", junk values blocklisted for " + new TreeSet<>(settings.blocklist().keySet())
                + ", primary connections " + new TreeMap<>(settings.primary());
    }

    private static String describe(List<Identity> set) {
        StringBuilder sb = new StringBuilder();
        for (Identity i : set) {
            sb.append("  ").append(Key.of(i)).append(" at ").append(i.updatedAt());
            if (!i.anonymousIds().isEmpty()) {
                sb.append(" anonymousIds ").append(i.anonymousIds());
            }
            new TreeMap<>(i.values()).forEach((k, v) -> sb.append(v == null ? "" : " " + k + "='" + v + "'"));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** How often the random data met each situation the rules distinguish: a property test that never met one is weak. */
    private static final class Coverage {
        long sets, identities, profiles, multiConnection, conflicts, blocklisted, ties, pipelines, anonymous,
                large, primaryEmpty, noIdentifiers, guarded, kept, fresh, merged, split;

        void count(List<Identity> set, List<Profile> expected, Settings settings, int max) {
            sets++;
            identities += set.size();
            profiles += expected.size();
            noIdentifiers += settings.identifiers().isEmpty() ? 1 : 0;
            for (Identity i : set) {
                for (String k : settings.identifiers()) {
                    Object v = i.values().get(k);
                    if (v != null && settings.blocklist().getOrDefault(k, List.of()).contains(v.toString())) {
                        blocklisted++;
                    }
                }
            }
            Map<Key, Identity> byKey = new HashMap<>();
            set.forEach(i -> byKey.put(Key.of(i), i));
            for (Profile p : expected) {
                List<Identity> members = p.keys().stream().map(byKey::get).toList();
                multiConnection += members.stream().map(Identity::connection).distinct().count() > 1 ? 1 : 0;
                anonymous += members.size() > 1 && members.stream().anyMatch(Identity::anonymous) ? 1 : 0;
                large += members.size() >= 10 ? 1 : 0;
                pipelines += members.stream().anyMatch(a -> members.stream().anyMatch(b -> ReferenceResolution.ruleOne(a, b)
                        && a.pipeline() != b.pipeline())) ? 1 : 0;
                conflicts += settings.identifiers().stream().anyMatch(k -> members.stream()
                        .map(i -> ReferenceResolution.identifierValue(i, k, settings)).filter(Objects::nonNull)
                        .distinct().count() > 1) ? 1 : 0;
                for (Property prop : PROPERTIES) {
                    if (prop.type().kind() != TypeKind.ARRAY && tie(members, prop.name())) {
                        ties++;
                    }
                    Long primary = settings.primary().get(prop.name());
                    if (primary != null && p.values().get(prop.name()) == null && members.stream()
                            .anyMatch(i -> i.connection() != primary && hasValue(i.values().get(prop.name())))) {
                        primaryEmpty++;
                    }
                }
            }
            if (max < NO_GUARD) {
                guarded += ReferenceResolution.resolve(PROPERTIES, set, settings, NO_GUARD).stream()
                        .filter(p -> p.keys().size() > max).count();
            }
        }

        private static boolean hasValue(Object v) {
            return v instanceof String ? !((String) v).isBlank() : v instanceof List ? !((List<?>) v).isEmpty() : v != null;
        }

        /** Two identities with different values share the freshest timestamp: the identity key decides. */
        private static boolean tie(List<Identity> members, String property) {
            var latest = members.stream().filter(i -> i.values().get(property) != null)
                    .map(Identity::updatedAt).max(java.time.Instant::compareTo);
            return latest.isPresent() && members.stream().filter(i -> i.updatedAt().equals(latest.get()))
                    .map(i -> i.values().get(property)).filter(Objects::nonNull).distinct().count() > 1;
        }

        void assertVaried() {
            for (long n : new long[]{multiConnection, conflicts, blocklisted, ties, pipelines, anonymous, large, primaryEmpty,
                    noIdentifiers, kept, fresh, merged, split}) {
                assertTrue(n > 0, "the random sets missed a situation: " + this);
            }
        }

        @Override
        public String toString() {
            return sets + " sets resolved (first and second runs), " + identities + " identities, " + profiles
                    + " profiles; profiles across connections "
                    + multiConnection + ", with conflicting identifiers " + conflicts + ", joined by rule 1 across pipelines "
                    + pipelines + ", with anonymous identities " + anonymous + ", of 10+ identities " + large
                    + "; blocklisted values " + blocklisted + ", freshness ties " + ties + ", primary without value "
                    + primaryEmpty + ", sets without identifiers " + noIdentifiers + ", guarded components " + guarded
                    + "; second runs: profiles keeping their KPID " + kept + ", new KPIDs for new identities " + fresh
                    + ", for merges " + merged + ", for splits " + split;
        }
    }
}
