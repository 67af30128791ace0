package com.krenalis.transform.javascript.internal;

import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what the engine costs (not a test; figures for the README): engine creation, compile, and the per-record
 * time of a small transform, on one thread and on two. Run: see README.md, "Measured costs".
 */
public final class CostProbe {
    private static final String SOURCE = """
            function transform(record) {
              const t = record.traits || {};
              if (!t.email) return null;
              return {
                userId: record.userId,
                email: t.email.trim().toLowerCase(),
                name: [t.firstName, t.lastName].filter(Boolean).join(' '),
                plan: (t.plan || 'free').toUpperCase(),
                tags: (t.tags || []).filter((x) => x !== 'test'),
                score: Math.round(t.score * 100) / 100,
              };
            }
            """;

    private CostProbe() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        long t0 = System.nanoTime();
        JavaScriptEngine engine = new JavaScriptEngine(512L << 20, Duration.ofSeconds(1));
        print("engine creation, first in this JVM", t0);
        t0 = System.nanoTime();
        new JavaScriptEngine(512L << 20, Duration.ofSeconds(1)).close();
        print("engine creation, second in this JVM", t0);

        t0 = System.nanoTime();
        TransformationFunction f = engine.compile(SOURCE, TransformationLimits.DEFAULT);
        print("first compile (first context: JavaScript realm set up)", t0);
        t0 = System.nanoTime();
        engine.compile(SOURCE, TransformationLimits.DEFAULT).close();
        print("second compile", t0);

        Map<String, Object> record = record();
        t0 = System.nanoTime();
        f.apply(record);
        print("first record", t0);
        perRecord("one thread, after " + records + " warm-up records", f, record, records);
        perRecord("one thread, again", f, record, records);

        Thread[] threads = new Thread[2];
        long[] nanos = new long[2];
        for (int i = 0; i < 2; i++) {
            int slot = i;
            TransformationFunction own = engine.compile(SOURCE, TransformationLimits.DEFAULT);
            threads[i] = new Thread(() -> {
                try {
                    run(own, record, records); // warm-up
                    long s = System.nanoTime();
                    run(own, record, records);
                    nanos[slot] = System.nanoTime() - s;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        long wall = System.nanoTime();
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("two threads, a function each: %.1f us per record per thread, %.0f records/s in all%n",
                (nanos[0] + nanos[1]) / 2.0 / records / 1000, 2.0 * records * 2 / ((System.nanoTime() - wall) / 1e9));
        engine.close();
    }

    private static void perRecord(String what, TransformationFunction f, Map<String, Object> record, int n) throws Exception {
        run(f, record, n);
        long t0 = System.nanoTime();
        run(f, record, n);
        double us = (System.nanoTime() - t0) / 1000.0 / n;
        System.out.printf("%s: %.1f us per record (%.0f records/s)%n", what, us, 1e6 / us);
    }

    private static void run(TransformationFunction f, Map<String, Object> record, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            f.apply(record);
        }
    }

    private static Map<String, Object> record() {
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("email", "  Ada.Lovelace@Example.COM ");
        traits.put("firstName", "Ada");
        traits.put("lastName", "Lovelace");
        traits.put("plan", "pro");
        traits.put("tags", List.of("vip", "test", "beta"));
        traits.put("score", 12.3456);
        traits.put("address", Map.of("city", "London", "country", "GB"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("userId", "u-123");
        r.put("anonymousId", "a-456");
        r.put("traits", traits);
        return r;
    }

    private static void print(String what, long t0) {
        System.out.printf("%s: %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
    }
}
