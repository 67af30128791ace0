package com.krenalis.core.internal.identity;

import com.krenalis.api.types.Property;
import com.krenalis.api.types.TypeKind;
import com.krenalis.core.internal.identity.ResolutionDb.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of shared/spec/identity-resolution-cases.md done the obvious way, as an oracle for the warehouse SQL:
 * every pair of identities is checked against matching rules 1 and 2, profiles are the components of those pairs
 * (union-find), and each profile's properties are merged per M1–M5. Quadratic: for sets of tens of identities.
 */
final class ReferenceResolution {
    /** The identity key, ordered as "higher identity key" means in M5: connection, pipeline, identity id, anonymous. */
    record Key(long connection, long pipeline, String id, boolean anonymous) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::connection)
                .thenComparingLong(Key::pipeline).thenComparing(Key::id).thenComparing(Key::anonymous);

        static Key of(Identity i) {
            return new Key(i.connection(), i.pipeline(), i.id(), i.anonymous());
        }

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }

        @Override
        public String toString() {
            return "(" + connection + "," + pipeline + "," + id + (anonymous ? ",anon)" : ")");
        }
    }

    /** The workspace settings a run uses. */
    record Settings(List<String> identifiers, Map<String, List<String>> blocklist, Map<String, Long> primary) {
    }

    /** One merged profile: its identities, the freshest update, and every property (arrays as sorted sets). */
    record Profile(Set<Key> keys, Instant updatedAt, Map<String, Object> values) {
    }

    private ReferenceResolution() {
    }

    static List<Profile> resolve(List<Property> properties, List<Identity> identities, Settings settings, int maxIdentities) {
        int n = identities.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                if (ruleOne(identities.get(a), identities.get(b)) || ruleTwo(identities.get(a), identities.get(b), settings)) {
                    parent[find(parent, a)] = find(parent, b);
                }
            }
        }
        Map<Integer, List<Identity>> components = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            components.computeIfAbsent(find(parent, i), x -> new ArrayList<>()).add(identities.get(i));
        }
        List<Profile> profiles = new ArrayList<>();
        for (List<Identity> component : components.values()) {
            if (component.size() <= maxIdentities) {
                profiles.add(merge(properties, component, settings));
                continue;
            }
            // The guard: an oversized component falls back to its rule-1 groups.
            Map<List<Object>, List<Identity>> groups = new LinkedHashMap<>();
            for (Identity i : component) {
                groups.computeIfAbsent(List.of(i.connection(), i.anonymous(), i.id()), x -> new ArrayList<>()).add(i);
            }
            for (List<Identity> group : groups.values()) {
                profiles.add(merge(properties, group, settings));
            }
        }
        return profiles;
    }

    /** Rule 1: same connection, and both anonymous with the same anonymousId or both known with the same userId. */
    static boolean ruleOne(Identity a, Identity b) {
        return a.connection() == b.connection() && a.anonymous() == b.anonymous() && a.id().equals(b.id());
    }

    /** Rule 2: the highest-priority identifier that has a value in both decides. */
    static boolean ruleTwo(Identity a, Identity b, Settings settings) {
        for (String k : settings.identifiers()) {
            String va = identifierValue(a, k, settings);
            String vb = identifierValue(b, k, settings);
            if (va != null && vb != null) {
                return va.equals(vb);
            }
        }
        return false;
    }

    /** An identifier's value as text; null, blank and blocklisted values are no value. */
    static String identifierValue(Identity i, String identifier, Settings settings) {
        Object v = i.values().get(identifier);
        if (v == null) {
            return null;
        }
        String text = v.toString();
        if (isBlank(text) || settings.blocklist().getOrDefault(identifier, List.of()).contains(text)) {
            return null;
        }
        return text;
    }

    /** Blank after trimming. The generators make blanks of spaces only (see the report on other whitespace). */
    static boolean isBlank(String s) {
        return s.isBlank();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static Profile merge(List<Property> properties, List<Identity> members, Settings settings) {
        Set<Key> keys = new TreeSet<>();
        Instant updated = Instant.MIN;
        for (Identity i : members) {
            keys.add(Key.of(i));
            updated = i.updatedAt().isAfter(updated) ? i.updatedAt() : updated;
        }
        Map<String, Object> values = new HashMap<>();
        for (Property p : properties) {
            Long primary = settings.primary().get(p.name());
            List<Identity> sources = members.stream().filter(i -> primary == null || i.connection() == primary).toList();
            values.put(p.name(), p.type().kind() == TypeKind.ARRAY ? union(sources, p.name()) : freshest(sources, p));
        }
        return new Profile(keys, updated, values);
    }

    /** M4: the elements of every identity's array, as a set; no elements is no value. */
    private static List<Object> union(List<Identity> sources, String name) {
        TreeSet<Object> elements = new TreeSet<>();
        for (Identity i : sources) {
            Object v = i.values().get(name);
            if (v != null) {
                elements.addAll((List<?>) v);
            }
        }
        return elements.isEmpty() ? null : new ArrayList<>(elements);
    }

    /** M1/M5: the value of the freshest identity that has one; ties go to the higher identity key. */
    private static Object freshest(List<Identity> sources, Property p) {
        Identity best = null;
        for (Identity i : sources) {
            Object v = i.values().get(p.name());
            if (v == null || (p.type().kind() == TypeKind.STRING && isBlank((String) v))) {
                continue;
            }
            if (best == null || i.updatedAt().isAfter(best.updatedAt())
                    || (i.updatedAt().equals(best.updatedAt()) && Key.of(i).compareTo(Key.of(best)) > 0)) {
                best = i;
            }
        }
        return best == null ? null : best.values().get(p.name());
    }
}
