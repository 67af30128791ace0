package com.krenalis.transform.python.internal;

import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.Py;
import org.python.core.PyObject;
import org.python.core.PyStringMap;
import org.python.core.ThreadState;

/**
 * Prints what the Python engine costs (bench/transform-python/run): interpreter start (cold, in this fresh JVM, then
 * warm), compile, and per-record time of a small transform, sequential and on two threads, against a bare Jython call
 * of the same function. Not a test: it asserts nothing.
 */
final class PythonEngineBench {
    private static final String SOURCE = """
            import hashlib
            def transform(record):
                traits = record['traits']
                email = traits.get('email', '').strip().lower()
                return {'userId': record['userId'], 'email': email,
                        'emailHash': hashlib.sha256(email.encode('utf-8')).hexdigest(),
                        'name': (traits.get('first_name', '') + ' ' + traits.get('last_name', '')).strip(),
                        'plan': traits.get('plan') or 'free', 'events': len(record['events'])}
            """;

    private PythonEngineBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        machine();
        ClassLoader loader = PythonEngineBench.class.getClassLoader();

        long t0 = System.nanoTime();
        PythonRuntime.start(loader);
        long cold = System.nanoTime() - t0;
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            t0 = System.nanoTime();
            PythonRuntime.start(loader);
            warm.add(System.nanoTime() - t0);
        }
        System.out.printf("interpreter start: cold (first in the JVM) %d ms; warm %s ms%n", cold / 1_000_000,
                warm.stream().map(n -> Long.toString(n / 1_000_000)).toList());

        PythonEngine engine = new PythonEngine();
        TransformationLimits limits = TransformationLimits.DEFAULT;
        t0 = System.nanoTime();
        engine.compile(SOURCE, limits).close();
        System.out.printf("engine: first compile (starts its interpreter) %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        long[] compiles = new long[50];
        for (int i = 0; i < compiles.length; i++) {
            t0 = System.nanoTime();
            engine.compile(SOURCE, limits).close();
            compiles[i] = System.nanoTime() - t0;
        }
        System.out.printf("compile of a small function: median %.2f ms (%d compiles)%n", median(compiles) / 1e6,
                compiles.length);

        List<Map<String, Object>> input = input(records);
        try (TransformationFunction f = engine.compile(SOURCE, limits)) {
            run(f, input); // warm-up: JIT
            long elapsed = run(f, input);
            System.out.printf("apply, one thread: %.1f µs/record (%d records)%n", elapsed / 1e3 / records, records);
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                long start = System.nanoTime();
                List<Future<Long>> done = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    done.add(two.submit(() -> {
                        try (TransformationFunction f = engine.compile(SOURCE, limits)) {
                            return run(f, input);
                        }
                    }));
                }
                for (Future<Long> d : done) {
                    d.get();
                }
                long elapsed = System.nanoTime() - start;
                if (round == 1) {
                    System.out.printf("apply, two threads (one function each): %.0f records/s in total%n",
                            2.0 * records / (elapsed / 1e9));
                }
            }
        } finally {
            two.shutdownNow();
        }
        System.out.println("breakdown, on the calling thread:");
        breakdown(engine.runtime(), input);
        engine.deactivate();
    }

    /**
     * Where the time of a record goes: the same function called straight on this thread, bare (no sandbox rewrite,
     * no trace, no conversion), then sandboxed, then traced, then with the record converted both ways; what remains
     * up to apply() is the hand-off to a worker thread and back.
     */
    private static void breakdown(PythonRuntime runtime, List<Map<String, Object>> input) throws Exception {
        runtime.enter();
        PyStringMap bare = new PyStringMap();
        Py.runCode(Py.compile_flags(SOURCE, "bare.py", CompileMode.exec, new CompilerFlags()), bare, bare);
        PyObject sandboxed = new FunctionScope(runtime).newGlobals();
        Py.runCode(runtime.prepare(SOURCE, PythonFunction.FILENAME), sandboxed, sandboxed);
        List<PyObject> records = input.stream().<PyObject>map(PythonValues::record).toList();
        measure("bare Jython call", records, bare.__finditem__("transform"), false, null);
        measure("sandboxed code", records, sandboxed.__finditem__("transform"), false, null);
        measure("sandboxed code, traced", records, sandboxed.__finditem__("transform"), true, null);
        measure("sandboxed code, traced, record converted both ways", records, sandboxed.__finditem__("transform"),
                true, input);
    }

    private static void measure(String what, List<PyObject> records, PyObject transform, boolean traced,
                                List<Map<String, Object>> convert) throws Exception {
        ThreadState thread = Py.getThreadState();
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < records.size(); i++) {
                thread.tracefunc = traced ? new CallDeadline(System.nanoTime() + 1_000_000_000L) : null;
                PyObject record = convert == null ? records.get(i) : PythonValues.record(convert.get(i));
                PyObject result = transform.__call__(record);
                if (convert != null) {
                    RecordOutput.convert(result, 1 << 20);
                }
            }
            thread.tracefunc = null;
            if (round == 1) {
                System.out.printf("  %s: %.1f µs/record%n", what, (System.nanoTime() - t0) / 1e3 / records.size());
            }
        }
    }

    private static long run(TransformationFunction f, List<Map<String, Object>> input) throws Exception {
        long t0 = System.nanoTime();
        for (Map<String, Object> record : input) {
            f.apply(record);
        }
        return System.nanoTime() - t0;
    }

    private static List<Map<String, Object>> input(int n) {
        List<Map<String, Object>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> traits = new LinkedHashMap<>();
            traits.put("email", " User" + i + "@Example.COM ");
            traits.put("first_name", "Ann");
            traits.put("last_name", "Lee" + i);
            traits.put("plan", i % 3 == 0 ? null : "pro");
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("userId", "u" + i);
            record.put("traits", traits);
            record.put("events", List.of(Map.of("type", "track", "event", "Signed Up"), Map.of("type", "page")));
            records.add(record);
        }
        return records;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void machine() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
        System.out.printf("machine: %s, %d cores, load average %s; java %s%n", cpu,
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim(), System.getProperty("java.version"));
        System.out.println("JVM: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
