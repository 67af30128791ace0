package com.krenalis.transform.javascript.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CompileTest {

    private static String compileError(String source) {
        return assertThrows(TransformationException.class, () -> Engines.compile(source)).getMessage();
    }

    @Test
    void languageAndName() {
        assertEquals("javascript", Engines.SHARED.language());
        assertTrue(Engines.SHARED.name().startsWith("JavaScript (GraalJS 25."), Engines.SHARED.name());
    }

    @Test
    void aSyntaxErrorNamesItsLineAndColumn() {
        String message = compileError("""
                // a comment
                function transform(record) {
                  return { a: record.a +* 2 };
                }
                """);
        assertTrue(message.startsWith("SyntaxError: "), message);
        assertTrue(message.endsWith("(line 3, column 25)"), message);
        assertTrue(!message.contains("\n") && !message.contains("transform.js:"), message);
    }

    @Test
    void aSourceWithoutTransformIsRefused() {
        assertEquals("the source defines no function transform(record)", compileError("function transfrom(r) { return r; }"));
        assertEquals("the source defines no function transform(record)", compileError(""));
        assertEquals("transform must be a function, not a number", compileError("var transform = 42;"));
        assertTrue(compileError("async function transform(r) { return r; }").contains("not an AsyncFunction"));
        assertTrue(compileError("function* transform(r) { yield r; }").contains("not an GeneratorFunction"));
    }

    @Test
    void aThrowInTopLevelCodeNamesItsLine() {
        assertEquals("Error: no config (line 2)", compileError("const config = null;\nif (!config) throw new Error('no config');\n"
                + "function transform(r) { return r; }"));
        assertEquals("ReferenceError: lodash is not defined (line 1)", compileError("const _ = lodash; function transform(r) { return r; }"));
    }

    @Test
    void transformMayBeDeclaredAnyWayAndUseTopLevelState() throws Exception {
        for (String source : List.of(
                "function transform(r) { return { n: r.n + 1 }; }",
                "const transform = (r) => ({ n: r.n + 1 });",
                "let transform = function (r) { return { n: r.n + 1 }; };",
                "var transform = (r) => ({ n: r.n + 1 });",
                "const step = 1; const add = (n) => n + step; function transform({ n }) { return { n: add(n) }; }")) {
            try (TransformationFunction f = Engines.compile(source)) {
                assertEquals(Map.of("n", 2L), f.apply(Map.of("n", 1L)), source);
            }
        }
    }

    @Test
    void aRuntimeErrorNamesItsLineAndTheFunctionGoesOn() throws Exception {
        try (TransformationFunction f = Engines.compile("""
                function transform(record) {
                  return { email: record.traits.email.toLowerCase() };
                }
                """)) {
            TransformationException e = assertThrows(TransformationException.class, () -> f.apply(Map.of("traits", Map.of())));
            assertTrue(e.getMessage().startsWith("TypeError: ") && e.getMessage().endsWith("(line 2)"), e.getMessage());
            assertEquals(Map.of("email", "a@b.c"), f.apply(Map.of("traits", Map.of("email", "A@B.C"))));
        }
    }

    @Test
    void thrownValuesThatAreNotErrorsAreReported() throws Exception {
        try (TransformationFunction f = Engines.compile("function transform(r) { throw 'invalid record ' + r.id; }")) {
            TransformationException e = assertThrows(TransformationException.class, () -> f.apply(Map.of("id", 7L)));
            assertTrue(e.getMessage().contains("invalid record 7"), e.getMessage());
        }
    }

    @Test
    void functionsAreIsolatedFromEachOther() throws Exception {
        try (TransformationFunction a = Engines.compile("globalThis.shared = 'a'; function transform(r) { return { seen: globalThis.shared }; }");
             TransformationFunction b = Engines.compile("function transform(r) { return { seen: typeof globalThis.shared }; }")) {
            assertEquals(Map.of("seen", "a"), a.apply(Map.of()));
            assertEquals(Map.of("seen", "undefined"), b.apply(Map.of()));
        }
    }

    @Test
    void compileIsThreadSafeAndEachThreadUsesItsOwnFunction() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long offset = t;
                results.add(pool.submit((Callable<Long>) () -> {
                    try (TransformationFunction f = Engines.compile("const offset = " + offset + ";"
                            + "function transform(r) { let s = 0; for (let i = 0; i < 100; i++) s += i; return { v: r.v + offset + s }; }")) {
                        long sum = 0;
                        for (int i = 0; i < 200; i++) {
                            sum += (Long) f.apply(Map.of("v", (long) i)).get("v");
                        }
                        return sum;
                    }
                }));
            }
            for (int t = 0; t < 8; t++) {
                assertEquals(199L * 200 / 2 + 200L * (t + 4950), results.get(t).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedFunctionCannotBeUsed() throws Exception {
        TransformationFunction f = Engines.compile("function transform(r) { return r; }");
        f.close();
        assertThrows(IllegalStateException.class, () -> f.apply(Map.of()));
    }

    @Test
    void aStoppedEngineRefusesToCompileAndItsFunctionsFailPerRecord() throws Exception {
        JavaScriptEngine engine = new JavaScriptEngine(0, Duration.ofMillis(500));
        TransformationFunction f = engine.compile("function transform(r) { return r; }", com.krenalis.api.transform.TransformationLimits.DEFAULT);
        assertEquals(Map.of("a", 1L), f.apply(Map.of("a", 1L)));
        engine.close();
        assertEquals("the JavaScript engine was stopped", assertThrows(TransformationException.class, () -> f.apply(Map.of())).getMessage());
        assertThrows(TransformationException.class, () -> engine.compile("function transform(r) { return r; }",
                com.krenalis.api.transform.TransformationLimits.DEFAULT));
    }
}
