import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.transform.TransformationLimits;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.core.internal.mapping.Mapping;
import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * bench/transform: records per second through the three transformations a pipeline can have — the visual mapping,
 * a JavaScript function (GraalJS engine bundle) and a Python function (Jython engine bundle) — on the same small
 * records doing the same work, one thread, plus what each language's sandbox costs per record: the same function in a
 * bare interpreter of the language (no sandbox, no watchdog, no guards; records crossing as JSON text) as the baseline.
 * Prints figures and the machine; asserts nothing. Run with bench/transform/run (see README.md).
 */
public final class TransformBench {
    static final ObjectMapper JSON = new ObjectMapper();

    static final Map<String, String> MAPPING = new LinkedHashMap<>();
    static {
        MAPPING.put("email", "lower(trim(traits.email))");
        MAPPING.put("first_name", "initcap(traits.first_name)");
        MAPPING.put("last_name", "upper(traits.last_name)");
        MAPPING.put("phone", "coalesce(traits.phone, context.traits.phone)");
    }

    static final String JS = """
            function transform(event) {
              const t = event.traits || {};
              const first = t.first_name || '';
              return {
                email: t.email.trim().toLowerCase(),
                first_name: first.charAt(0).toUpperCase() + first.slice(1).toLowerCase(),
                last_name: (t.last_name || '').toUpperCase(),
                phone: t.phone !== undefined ? t.phone : ((event.context || {}).traits || {}).phone,
              };
            }
            """;

    static final String PY = """
            def transform(event):
                t = event.get("traits") or {}
                first = t.get("first_name") or ""
                phone = t.get("phone")
                if phone is None:
                    phone = ((event.get("context") or {}).get("traits") or {}).get("phone")
                return {
                    "email": t["email"].strip().lower(),
                    "first_name": first[:1].upper() + first[1:].lower(),
                    "last_name": (t.get("last_name") or "").upper(),
                    "phone": phone,
                }
            """;

    public static void main(String[] args) throws Exception {
        int records = 1_000_000;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("usage: TransformBench [--records N] [--only mapping,javascript,python]");
            }
        }
        System.out.println(machine());
        List<Map<String, Object>> pool = records(10_000);
        System.out.printf("%,d records per transformation (10,000 distinct identify events, cycled), one thread%n%n", records);
        List<String> rows = new ArrayList<>();

        if (only.isEmpty() || only.contains("mapping")) {
            ObjectType schema = Type.object(List.of(Property.of("email", Type.string(320)),
                    Property.of("first_name", Type.string(100)), Property.of("last_name", Type.string(100)),
                    Property.of("phone", Type.string(50))));
            Mapping m = Mapping.compile(MAPPING, "mapping", null, schema);
            rows.add(row("visual mapping (core)", measure(records, pool, r -> call(m, r)), null));
        }
        if (only.isEmpty() || only.contains("javascript")) {
            TransformationEngine js = newEngine("com.krenalis.transform.javascript.internal.JavaScriptEngine");
            long t0 = System.nanoTime();
            TransformationFunction f = js.compile(JS, TransformationLimits.DEFAULT);
            System.out.printf("javascript: engine + first compile %.2f s%n", (System.nanoTime() - t0) / 1e9);
            double sandboxed = measure(records, pool, r -> call(f, r));
            double bare = measure(records, pool, BareJavaScript.function(JS));
            rows.add(row("JavaScript (GraalJS, sandboxed engine)", sandboxed, bare));
            f.close();
        }
        if (only.isEmpty() || only.contains("python")) {
            TransformationEngine py = newEngine("com.krenalis.transform.python.internal.PythonEngine");
            long t0 = System.nanoTime();
            TransformationFunction f = py.compile(PY, TransformationLimits.DEFAULT);
            System.out.printf("python: engine + first compile %.2f s%n", (System.nanoTime() - t0) / 1e9);
            double sandboxed = measure(records, pool, r -> call(f, r));
            double bare = measure(records, pool, BarePython.function(PY));
            rows.add(row("Python (Jython, sandboxed engine)", sandboxed, bare));
            f.close();
        }
        System.out.println("\n| transformation | records/s | µs per record | bare interpreter, µs per record | sandbox cost per record |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println("\nLoad average after the runs: " + loadAverage());
    }

    static String row(String name, double perSecond, Double bareNanos) {
        double us = 1e6 / perSecond;
        String bare = bareNanos == null ? "—" : String.format("%.1f", 1e6 / bareNanos);
        String cost = bareNanos == null ? "—" : String.format("%+.1f µs", us - 1e6 / bareNanos);
        return String.format("| %s | %,.0f | %.1f | %s | %s |", name, perSecond, us, bare, cost);
    }

    static TransformationEngine newEngine(String className) throws Exception {
        Class<?> c = Class.forName(className);
        for (var k : c.getConstructors()) {
            if (k.getParameterCount() == 0) {
                return (TransformationEngine) k.newInstance();
            }
            if (k.getParameterCount() == 1 && k.getParameterTypes()[0].isAnnotation()) {
                Class<?> config = k.getParameterTypes()[0];
                Object defaults = java.lang.reflect.Proxy.newProxyInstance(c.getClassLoader(), new Class<?>[] {config},
                        (proxy, method, a) -> method.getName().equals("annotationType") ? config : method.getDefaultValue());
                return (TransformationEngine) k.newInstance(defaults);
            }
        }
        throw new IllegalStateException("no usable constructor on " + className);
    }

    static Map<String, Object> call(TransformationFunction f, Map<String, Object> r) {
        try {
            Map<String, Object> out = f.apply(r);
            if (out == null || out.get("email") == null) {
                throw new IllegalStateException("unexpected output " + out);
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records per second; a warm-up of a tenth of the records first (the interpreters and the JIT settle). */
    static double measure(int records, List<Map<String, Object>> pool, UnaryOperator<Map<String, Object>> f) {
        int warm = Math.max(10_000, records / 10);
        for (int i = 0; i < warm; i++) {
            f.apply(pool.get(i % pool.size()));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < records; i++) {
            f.apply(pool.get(i % pool.size()));
        }
        return records / ((System.nanoTime() - t0) / 1e9);
    }

    static List<Map<String, Object>> records(int n) {
        Random r = new Random(1);
        String[] first = {"anna", "BOB", "Chloé", "dmitri", "Émile", "fatima", "guo", "Hélène"};
        String[] last = {"smith", "O'Neil", "müller", "Rossi", "nguyen", "García"};
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> traits = new LinkedHashMap<>();
            traits.put("email", "  User" + i + "@Example.COM ");
            traits.put("first_name", first[r.nextInt(first.length)]);
            traits.put("last_name", last[r.nextInt(last.length)]);
            if (r.nextBoolean()) {
                traits.put("phone", "+3906" + (1_000_000 + r.nextInt(9_000_000)));
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "identify");
            event.put("messageId", "m-" + i);
            event.put("userId", "u-" + i);
            event.put("traits", traits);
            event.put("context", Map.of("traits", Map.of("phone", "+1555" + i), "locale", "it-IT"));
            event.put("timestamp", "2026-12-04T10:00:00Z");
            out.add(event);
        }
        return out;
    }

    static String machine() {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append("CPU: ").append(Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("?"));
        } catch (Exception e) {
            sb.append("CPU: ?");
        }
        sb.append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores available\n");
        sb.append("Java: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.vm.version"))
                .append(", max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MB\n");
        sb.append("Load average before: ").append(loadAverage());
        return sb.toString();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** The same JavaScript in a plain GraalJS context: no sandbox policy, no watchdog; records as JSON text. */
    static final class BareJavaScript {
        static UnaryOperator<Map<String, Object>> function(String source) {
            var context = org.graalvm.polyglot.Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
            context.eval("js", source);
            var call = context.eval("js", "(json) => JSON.stringify(transform(JSON.parse(json)))");
            return r -> {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> out = JSON.readValue(call.execute(JSON.writeValueAsString(r)).asString(), Map.class);
                    return out;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
        }
    }

    /**
     * The same Python in a plain Jython interpreter on the calling thread: no source checks or guards, no trace
     * function for the deadline, no worker thread; records converted to Python values and back by plain recursion.
     */
    static final class BarePython {
        static UnaryOperator<Map<String, Object>> function(String source) {
            var interpreter = new org.python.util.PythonInterpreter();
            interpreter.exec(source);
            var call = interpreter.get("transform");
            return r -> {
                Object out = toJava(call.__call__(toPython(r)));
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) out;
                return map;
            };
        }

        static org.python.core.PyObject toPython(Object v) {
            if (v == null) {
                return org.python.core.Py.None;
            }
            if (v instanceof String s) {
                return new org.python.core.PyUnicode(s);
            }
            if (v instanceof Boolean b) {
                return b ? org.python.core.Py.True : org.python.core.Py.False;
            }
            if (v instanceof Integer || v instanceof Long) {
                return new org.python.core.PyLong(((Number) v).longValue());
            }
            if (v instanceof Number n) {
                return new org.python.core.PyFloat(n.doubleValue());
            }
            if (v instanceof List<?> list) {
                org.python.core.PyList out = new org.python.core.PyList();
                list.forEach(x -> out.append(toPython(x)));
                return out;
            }
            if (v instanceof Map<?, ?> map) {
                org.python.core.PyDictionary out = new org.python.core.PyDictionary();
                map.forEach((k, x) -> out.__setitem__(new org.python.core.PyUnicode(String.valueOf(k)), toPython(x)));
                return out;
            }
            throw new IllegalArgumentException(v.getClass().getName());
        }

        static Object toJava(org.python.core.PyObject v) {
            if (v == org.python.core.Py.None) {
                return null;
            }
            if (v instanceof org.python.core.PyDictionary d) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Object k : d.keys()) {
                    out.put(k.toString(), toJava(d.__getitem__(org.python.core.Py.java2py(k))));
                }
                return out;
            }
            if (v instanceof org.python.core.PyList l) {
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    out.add(toJava(l.pyget(i)));
                }
                return out;
            }
            if (v instanceof org.python.core.PyBoolean b) {
                return b.getBooleanValue();
            }
            if (v instanceof org.python.core.PyInteger || v instanceof org.python.core.PyLong) {
                return v.asLong();
            }
            if (v instanceof org.python.core.PyFloat f) {
                return f.getValue();
            }
            return v.toString();
        }
    }
}
