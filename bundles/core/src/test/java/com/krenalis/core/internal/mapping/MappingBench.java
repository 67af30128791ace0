package com.krenalis.core.internal.mapping;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.core.internal.schema.UserSchemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * bench/mapping: records per second one thread maps, for two mappings of Segment identify events (parsed beforehand:
 * JSON parsing is not the mapping's cost): the four properties of the default user schema, and a wider one with a
 * nested object, conditions, arrays, a parsed JSON trait and conversions to int, decimal, datetime and boolean. A main
 * class, not a test (the surefire and failsafe patterns do not match it); run it with {@code bench/mapping/run
 * [seconds]}. It prints figures and asserts nothing.
 */
public final class MappingBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final ObjectType WIDE = Type.object(List.of(
            Property.of("email", Type.string(320)),
            Property.of("first_name", Type.string(100)),
            Property.of("last_name", Type.string(100)),
            Property.of("phone", Type.string(50)),
            Property.of("plan", Type.string(20)),
            Property.of("is_customer", Type.bool()),
            Property.of("logins", new IntType(32, 0, Integer.MAX_VALUE)),
            Property.of("ltv", Type.decimal(12, 2)),
            Property.of("created_at", Type.datetime()),
            Property.of("initials", Type.string(4)),
            Property.of("emails", Type.array(Type.string(320))),
            Property.of("address", Type.object(List.of(Property.of("city", Type.string(100)),
                    Property.of("country", Type.string(2))))),
            Property.of("preferences", Type.json())));

    static final Map<String, String> WIDE_MAPPING = new LinkedHashMap<>();

    static {
        WIDE_MAPPING.putAll(SegmentIdentifyMappingTest.MAPPING);
        WIDE_MAPPING.put("plan", "lower(coalesce(traits.plan, \"free\"))");
        WIDE_MAPPING.put("is_customer", "and(ne(traits.plan, null), not(eq(traits.plan, \"free\")))");
        WIDE_MAPPING.put("logins", "traits.logins");
        WIDE_MAPPING.put("ltv", "traits.ltv");
        WIDE_MAPPING.put("created_at", "traits.createdAt");
        WIDE_MAPPING.put("initials", "upper(substring(traits.firstName, 1, 1))");
        WIDE_MAPPING.put("emails", "array(lower(traits.email), lower(context.traits.email))");
        WIDE_MAPPING.put("address.city", "initcap(traits.address.city)");
        WIDE_MAPPING.put("address.country", "if(eq(len(traits.address.country), 2), upper(traits.address.country))");
        WIDE_MAPPING.put("preferences", "json_parse(traits.preferences)");
    }

    private MappingBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        List<Map<String, Object>> events = events(10_000);
        System.out.printf("java %s on %s, %d cores; %d distinct events, one thread, %.0f s per mapping after a warm-up%n",
                System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), events.size(), seconds);
        run("default user schema (4 properties)", Mapping.compile(SegmentIdentifyMappingTest.MAPPING, null,
                UserSchemas.DEFAULT_SCHEMA), events, seconds);
        run("wide (13 properties, 14 paths, nested object, json_parse)", Mapping.compile(WIDE_MAPPING, null, WIDE),
                events, seconds);
        System.out.println("the wide mapping's properties one by one:");
        for (Map.Entry<String, String> p : WIDE_MAPPING.entrySet()) {
            run("  " + p.getKey() + " = " + p.getValue(), Mapping.compile(Map.of(p.getKey(), p.getValue()), null, WIDE),
                    events, Math.max(1, seconds / 10));
        }
    }

    private static void run(String name, Mapping mapping, List<Map<String, Object>> events, double seconds) {
        loop(mapping, events, (long) (seconds * 0.5e9)); // warm-up: the JIT compiles the tree
        long[] measured = loop(mapping, events, (long) (seconds * 1e9));
        double perSecond = measured[0] / (measured[2] / 1e9);
        System.out.printf("%-70s %,11.0f records/s = %,6.1f M/min  (%5.2f µs/record; %,d of %,d failed)%n",
                name.length() > 70 ? name.substring(0, 67) + "..." : name, perSecond, perSecond * 60 / 1e6,
                1e6 / perSecond, measured[1], measured[0]);
    }

    /** Maps records for about {@code nanos}; returns {records, failed, elapsed nanos}. */
    private static long[] loop(Mapping mapping, List<Map<String, Object>> events, long nanos) {
        long start = System.nanoTime();
        long records = 0;
        long failed = 0;
        long sink = 0;
        while (System.nanoTime() - start < nanos) {
            for (Map<String, Object> e : events) {
                MappingResult r = mapping.evaluate(e);
                sink += r.values().size();
                failed += r.failed() ? 1 : 0;
            }
            records += events.size();
        }
        if (sink == 42) {
            System.out.print(""); // keeps the results alive
        }
        return new long[]{records, failed, System.nanoTime() - start};
    }

    /** Identify events like analytics.js sends, with varied traits (some only in context.traits, some numbers). */
    static List<Map<String, Object>> events(int n) throws Exception {
        Map<String, Object> template = JSON.readValue(SegmentIdentifyMappingTest.IDENTIFY, new TypeReference<>() { });
        String[] first = {"ADA", "grace", "Élodie", "jean-luc", "ΣΟΦΊΑ", "o'neil", "Zoë", "Björn"};
        String[] last = {"lovelace", "HOPPER", "dupont", "Picard", "παπαδοπούλου", "mcdonald", "Ng", "Borg"};
        SplittableRandom random = new SplittableRandom(1);
        List<Map<String, Object>> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> e = JSON.convertValue(template, new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> traits = (Map<String, Object>) e.get("traits");
            String f = first[random.nextInt(first.length)];
            traits.put("email", "  " + f + "." + i + "@Example.COM ");
            traits.put("firstName", f);
            traits.put("last_name", last[random.nextInt(last.length)]);
            traits.put("phone", random.nextBoolean() ? "+44 20 7946 " + (1000 + i % 9000) : 442079460000L + i);
            traits.put("plan", random.nextInt(3) == 0 ? null : random.nextBoolean() ? "free" : "Enterprise");
            traits.put("logins", random.nextBoolean() ? random.nextInt(1000) : String.valueOf(random.nextInt(1000)));
            traits.put("ltv", random.nextInt(100_000) / 100.0);
            traits.put("preferences", "{\"newsletter\":" + random.nextBoolean() + ",\"channels\":[\"email\",\"sms\"]}");
            if (random.nextInt(4) == 0) {
                e.put("context", Map.of("traits", Map.of("email", "Other." + i + "@example.org")));
            }
            events.add(e);
        }
        return events;
    }
}
