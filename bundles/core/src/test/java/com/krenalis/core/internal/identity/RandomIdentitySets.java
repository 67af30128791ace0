package com.krenalis.core.internal.identity;

import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.core.internal.identity.ReferenceResolution.Key;
import com.krenalis.core.internal.identity.ReferenceResolution.Settings;
import com.krenalis.core.internal.identity.ResolutionDb.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random identity sets for the property test, all from one seeded {@link Random}. Many sets share one identities table
 * and one run: every identity id, anonymousId and string value of set s starts with "s&lt;s&gt;." and every integer
 * value is offset by s × 1,000,000, so rules 1 and 2 never join two sets, while connections (and so primary
 * connections) and the relative order of identity keys inside a set are unchanged. Blank values are never prefixed.
 */
final class RandomIdentitySets {
    static final List<Property> PROPERTIES = List.of(Property.of("email", Type.string()), Property.of("phone", Type.string()),
            Property.of("customer_id", Type.int64()), Property.of("name", Type.string()),
            Property.of("total_orders", Type.int64()), Property.of("tags", Type.array(Type.string())));
    /** Properties that may be chosen as identifiers (string and int). */
    static final List<String> IDENTIFIABLE = List.of("email", "phone", "customer_id", "name");
    static final int CONNECTIONS = 6;
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    /** One junk value per identifier: shared by many identities, and blocklisted in some runs. */
    private static final Map<String, String> JUNK = Map.of("email", "test@test.com", "phone", "0000000000",
            "customer_id", "0", "name", "unknown");
    private static final String[] NAMES = {"Alex", "Sam", "Kim", "Jo", "unknown", "", "  "};
    private static final String[] TAGS = {"A", "B", "C", "D"};

    enum Shape { SOUP, CHAIN, STAR, PERSONS }

    private final Random r;

    RandomIdentitySets(long seed) {
        this.r = new Random(seed);
    }

    Random random() {
        return r;
    }

    /** Identifiers in a random order (a random subset, sometimes none), blocklists and primary connections. */
    Settings settings(int sets) {
        List<String> identifiers = new ArrayList<>(IDENTIFIABLE);
        Collections.shuffle(identifiers, r);
        int n = r.nextInt(20) == 0 ? 0 : 1 + r.nextInt(identifiers.size());
        Map<String, List<String>> blocklist = new HashMap<>();
        for (String k : IDENTIFIABLE) {
            if (r.nextInt(5) < 2) {
                List<String> values = new ArrayList<>();
                for (int s = 1; s <= sets; s++) {
                    values.add(text(s, k, JUNK.get(k)));
                }
                blocklist.put(k, values);
            }
        }
        Map<String, Long> primary = new HashMap<>();
        for (Property p : PROPERTIES) {
            if (r.nextInt(5) == 0) {
                primary.put(p.name(), 1L + r.nextInt(CONNECTIONS));
            }
        }
        return new Settings(List.copyOf(identifiers.subList(0, n)), blocklist, primary);
    }

    /** Set number s (from 1) of 2–40 identities, of a random shape. */
    List<Identity> set(int s) {
        int n = 2 + r.nextInt(39);
        Shape shape = Shape.values()[r.nextInt(Shape.values().length)];
        Gen g = new Gen(s, n);
        switch (shape) {
            case SOUP -> g.soup(n);
            case CHAIN -> g.chain(n);
            case STAR -> g.star(n);
            default -> g.persons(n);
        }
        if (r.nextInt(4) == 0) {
            g.soup(1 + r.nextInt(4)); // a little noise on top of any shape
        }
        return new ArrayList<>(g.identities.values());
    }

    /**
     * Changes for a second run of set s: deletes, new identities copying values of existing ones (joining or bridging
     * profiles), changed and removed identifier values, new timestamps.
     */
    List<Identity> mutate(int s, List<Identity> set) {
        List<Identity> out = new ArrayList<>(set);
        int changes = r.nextInt(4);
        for (int c = 0; c < changes && !out.isEmpty(); c++) {
            int at = r.nextInt(out.size());
            Identity i = out.get(at);
            Map<String, Object> values = new HashMap<>(i.values());
            switch (r.nextInt(4)) {
                case 0 -> out.remove(at);
                case 1 -> {
                    Identity other = out.get(r.nextInt(out.size()));
                    for (String k : IDENTIFIABLE) {
                        if (r.nextBoolean()) {
                            values.put(k, other.values().get(k));
                        }
                    }
                    long connection = 1 + r.nextInt(CONNECTIONS);
                    Key key = new Key(connection, connection * 10 + 1, text(s, "id", "new" + c), false);
                    if (out.stream().noneMatch(x -> Key.of(x).equals(key))) {
                        out.add(new Identity(key.connection(), key.pipeline(), key.id(), false, Set.of(), i.updatedAt(), values));
                    }
                }
                case 2 -> {
                    String k = IDENTIFIABLE.get(r.nextInt(IDENTIFIABLE.size()));
                    values.put(k, r.nextBoolean() ? null : out.get(r.nextInt(out.size())).values().get(k));
                    out.set(at, with(i, i.updatedAt(), values));
                }
                default -> out.set(at, with(i, i.updatedAt().plus(Duration.ofHours(r.nextInt(3))), values));
            }
        }
        return out;
    }

    private static Identity with(Identity i, Instant updatedAt, Map<String, Object> values) {
        return new Identity(i.connection(), i.pipeline(), i.id(), i.anonymous(), i.anonymousIds(), updatedAt, values);
    }

    /** A value of set s: blanks as they are, strings prefixed, integers offset. */
    static String text(int s, String property, String raw) {
        if (raw == null || raw.isBlank()) {
            return raw;
        }
        return property.equals("customer_id") ? Long.toString(s * 1_000_000L + Long.parseLong(raw)) : "s" + s + "." + raw;
    }

    static Object value(int s, String property, String raw) {
        String t = text(s, property, raw);
        return property.equals("customer_id") && t != null && !t.isBlank() ? (Object) Long.parseLong(t) : t;
    }

    /** Builds one set; the identity key is unique (a generated duplicate key is dropped). */
    private final class Gen {
        final int s;
        final Map<Key, Identity> identities = new LinkedHashMap<>();
        final int timeSpread;
        final double anonymous;
        final double blank;
        final double junk;

        Gen(int s, int n) {
            this.s = s;
            this.timeSpread = new int[]{1, 2, 3, 1000}[r.nextInt(4)]; // 1: every timestamp ties
            this.anonymous = new double[]{0, 0.15, 0.5}[r.nextInt(3)];
            this.blank = r.nextDouble() * 0.15;
            this.junk = r.nextDouble() * 0.2;
        }

        void add(long connection, int pipeline, String rawId, boolean anon, Map<String, Object> values) {
            Set<String> anonymousIds = Set.of();
            if (!anon && r.nextInt(4) == 0) {
                anonymousIds = Set.of(text(s, "id", "a" + r.nextInt(5)));
            }
            Map<String, Object> all = new HashMap<>(values);
            all.put("name", r.nextInt(3) == 0 ? null : value(s, "name", NAMES[r.nextInt(NAMES.length)]));
            all.put("total_orders", r.nextInt(3) == 0 ? null : (Object) (long) r.nextInt(5));
            all.put("tags", tags());
            Instant at = T.plus(Duration.ofHours(r.nextInt(timeSpread)));
            Identity i = new Identity(connection, connection * 10 + pipeline, text(s, "id", rawId), anon, anonymousIds, at, all);
            identities.putIfAbsent(Key.of(i), i);
        }

        private List<String> tags() {
            int k = r.nextInt(4);
            if (k == 0) {
                return r.nextBoolean() ? null : List.of();
            }
            List<String> tags = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                tags.add(TAGS[r.nextInt(TAGS.length)]); // duplicates inside one array too
            }
            return tags;
        }

        /** A raw value of pool size n, or blank, or junk, or (1 - present) no value. */
        private Object pick(String property, double present, int pool) {
            double x = r.nextDouble();
            if (x < blank) {
                return property.equals("customer_id") ? null : r.nextBoolean() ? "" : " "; // an int is never blank
            }
            if (x < blank + junk) {
                return value(s, property, JUNK.get(property));
            }
            if (r.nextDouble() >= present) {
                return null;
            }
            return value(s, property, property.equals("customer_id") ? Integer.toString(1 + r.nextInt(pool))
                    : property.charAt(0) + Integer.toString(r.nextInt(pool)));
        }

        /** Random identities over few connections, pipelines, ids and values: shared values and conflicts. */
        void soup(int n) {
            int connections = 1 + r.nextInt(CONNECTIONS);
            int ids = 1 + r.nextInt(Math.max(1, n / 2));
            double[] present = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble() * 0.5};
            int[] pool = {1 + r.nextInt(n), 1 + r.nextInt(n), 1 + r.nextInt(n), 1 + r.nextInt(3)};
            for (int j = 0; j < n; j++) {
                boolean anon = r.nextDouble() < anonymous;
                Map<String, Object> values = new HashMap<>();
                for (int k = 0; k < 3; k++) {
                    values.put(IDENTIFIABLE.get(k), pick(IDENTIFIABLE.get(k), anon ? present[k] / 3 : present[k], pool[k]));
                }
                add(1 + r.nextInt(connections), 1 + r.nextInt(3), (anon ? "a" : "u") + r.nextInt(ids), anon, values);
            }
        }

        /** Pairs of identities of one user id on two pipelines (rule 1), pair j linked to pair j+1 by a value. */
        void chain(int n) {
            String link = IDENTIFIABLE.get(r.nextInt(3));
            for (int j = 0; j < n / 2; j++) {
                long connection = 1 + r.nextInt(CONNECTIONS);
                for (int p = 0; p < 2; p++) {
                    Map<String, Object> values = new HashMap<>();
                    for (int k = 0; k < 3; k++) {
                        values.put(IDENTIFIABLE.get(k), pick(IDENTIFIABLE.get(k), 0.1, n));
                    }
                    int v = j + p - 1;
                    values.put(link, v < 0 ? null : value(s, link, link.equals("customer_id") ? Integer.toString(v + 1) : "c" + v));
                    add(connection, 1 + p, "u" + j, false, values);
                }
            }
        }

        /** A hub's values, each identity taking each of them, another value, or none: masks of every kind. */
        void star(int n) {
            for (int j = 0; j < n; j++) {
                Map<String, Object> values = new HashMap<>();
                for (int k = 0; k < 3; k++) {
                    String p = IDENTIFIABLE.get(k);
                    int x = r.nextInt(3);
                    values.put(p, x == 0 ? pick(p, 1, 1) : x == 1 ? pick(p, 1, 1 + n) : null);
                }
                boolean anon = r.nextDouble() < anonymous;
                add(1 + r.nextInt(CONNECTIONS), 1, (anon ? "a" : "u") + j, anon, values);
            }
        }

        /** People with identities on a website (anonymous), an app, a CRM and a database; email changes, shared phones. */
        void persons(int n) {
            int people = Math.max(1, n / 3);
            for (int person = 0; person < people; person++) {
                String email = "e" + person;
                String phone = "p" + (r.nextInt(4) == 0 ? r.nextInt(people) : person); // some phones are shared
                String customer = Integer.toString(1 + person);
                String oldEmail = r.nextInt(4) == 0 ? "e" + person + "old" : email;
                if (r.nextDouble() < 0.3 + anonymous) {
                    add(1, 1, "a" + person, true, Map.of());
                }
                add(2, 1, "u" + person, false, values(email, phone, null));
                add(3, 1, "c" + person, false, values(oldEmail, phone, customer));
                if (r.nextBoolean()) {
                    add(4, 1, "d" + person, false, values(r.nextBoolean() ? email : null, null, customer));
                }
            }
        }

        private Map<String, Object> values(String email, String phone, String customer) {
            Map<String, Object> values = new HashMap<>();
            values.put("email", email == null || r.nextInt(5) == 0 ? pick("email", 0, 1) : value(s, "email", email));
            values.put("phone", phone == null || r.nextInt(5) == 0 ? pick("phone", 0, 1) : value(s, "phone", phone));
            values.put("customer_id", customer == null || r.nextInt(5) == 0 ? pick("customer_id", 0, 1)
                    : value(s, "customer_id", customer));
            return values;
        }
    }
}
