package com.krenalis.transform.javascript.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-record limits: time, output size and allocation. Each failure concerns one record; the next one works. */
class LimitsTest {
    private static final Duration LIMIT = Duration.ofMillis(300);

    private static TransformationFunction compile(String body) throws TransformationException {
        return compile(body, LIMIT);
    }

    /** Memory attacks get a long time limit, so that what stops them is the memory limit, not the clock. */
    private static TransformationFunction compileWithTime(String body) throws TransformationException {
        return compile(body, Duration.ofSeconds(20));
    }

    private static TransformationFunction compile(String body, Duration limit) throws TransformationException {
        return Engines.compile("""
                function transform(record) {
                  if (record.attack) {
                    %s
                  }
                  return { ok: true, n: record.n };
                }
                """.formatted(body), limit, 1000);
    }

    /** Fails the attacking record within a few limits' time, then transforms ten records. */
    private static String failsThenRecovers(TransformationFunction f) throws Exception {
        long t0 = System.nanoTime();
        TransformationException e = assertThrows(TransformationException.class, () -> f.apply(Map.of("attack", true)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 30_000, "stopped only after " + ms + " ms: " + e.getMessage());
        System.out.println("stopped after " + ms + " ms: " + e.getMessage()); // figures for the README, not assertions
        for (long n = 0; n < 10; n++) {
            assertEquals(Map.of("ok", true, "n", n), f.apply(Map.of("n", n)));
        }
        return e.getMessage();
    }

    @Test
    void anInfiniteLoopIsStoppedAtTheTimeLimit() throws Exception {
        try (TransformationFunction f = compile("while (true) {}")) {
            assertEquals("transform took longer than the time limit of 300 ms", failsThenRecovers(f));
            assertEquals("transform took longer than the time limit of 300 ms", failsThenRecovers(f)); // and again
        }
    }

    @Test
    void catchingTheStopDoesNotHelp() throws Exception {
        try (TransformationFunction f = compile("while (true) { try { while (true) {} } catch (e) {} }")) {
            assertEquals("transform took longer than the time limit of 300 ms", failsThenRecovers(f));
        }
    }

    @Test
    void aFinallyThatLoopsIsCancelledAndTheContextRebuilt() throws Exception {
        try (TransformationFunction f = compile("for (;;) { try { while (true) {} } finally { continue; } }")) {
            assertEquals("transform took longer than the time limit of 300 ms", failsThenRecovers(f));
        }
    }

    @Test
    void deepRecursionFailsItsRecord() throws Exception {
        try (TransformationFunction f = compile("const f = (n) => f(n + 1) + 1; return { v: f(0) };")) {
            assertTrue(failsThenRecovers(f).startsWith("RangeError: Maximum call stack size exceeded"));
        }
    }

    @Test
    void slowRegularExpressionsAreStopped() throws Exception {
        // A back-reference forces TRegex to backtrack: exponential in the input.
        try (TransformationFunction f = compile("return { m: /^(a+)+\\1b$/.test('a'.repeat(40) + 'c') };")) {
            String message = failsThenRecovers(f);
            assertTrue(message.startsWith("transform took longer"), message);
        }
    }

    @Test
    void anInfiniteLoopInTopLevelCodeFailsTheCompile() {
        long t0 = System.nanoTime();
        TransformationException e = assertThrows(TransformationException.class, () ->
                Engines.compile("while (true) {} function transform(r) { return r; }", LIMIT, 1000));
        assertEquals("took longer than the time limit of 300 ms while running the source's top-level code", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    void anOutputOverTheLimitFailsItsRecord() throws Exception {
        try (TransformationFunction f = compile("return { s: 'x'.repeat(2000) };")) {
            assertEquals("the output record is 2008 characters as JSON, more than the limit of 1000 bytes", failsThenRecovers(f));
        }
        // 600 two-byte characters: under the limit in characters, over it in UTF-8 bytes.
        try (TransformationFunction f = compile("return { s: 'é'.repeat(600) };")) {
            assertEquals("the output record is 1208 bytes as JSON, more than the limit of 1000 bytes", failsThenRecovers(f));
        }
        try (TransformationFunction f = compile("return { s: 'x'.repeat(1000 - 8) };")) {
            assertEquals(1000 - 8, ((String) f.apply(Map.of("attack", true)).get("s")).length()); // exactly at the limit
        }
    }

    @Test
    void aHugeOutputIsRefusedWithoutReachingTheHost() throws Exception {
        try (TransformationFunction f = compileWithTime("return { s: 'x'.repeat(50 * 1024 * 1024) };")) {
            String message = failsThenRecovers(f);
            assertTrue(message.startsWith("the output record is") || message.startsWith("transform allocated"), message);
        }
    }

    @Test
    void aGrowingArrayIsStoppedBeforeTheHeapRunsOut() throws Exception {
        try (TransformationFunction f = compileWithTime("const a = []; while (true) a.push('x'.repeat(100) + a.length);")) {
            assertEquals("transform allocated more than the limit of 128 MB", failsThenRecovers(f));
        }
    }

    @Test
    void oneHugeAllocationFailsItsRecord() throws Exception {
        // 400 million doubles (3.2 GB) cannot fit a 768 MB heap: GraalJS turns the OutOfMemoryError into an error.
        try (TransformationFunction f = compileWithTime("return { n: new Array(400000000).fill(1.5).length };")) {
            String message = failsThenRecovers(f);
            assertTrue(message.startsWith("transform ran out of resources") || message.startsWith("transform allocated")
                    || message.startsWith("RangeError"), message);
        }
    }

    @Test
    void aHugeStringFailsItsRecord() throws Exception {
        try (TransformationFunction f = compileWithTime("let s = 'x'; while (true) s = s + s; ")) {
            String message = failsThenRecovers(f);
            assertTrue(message.startsWith("RangeError") || message.startsWith("transform"), message);
        }
    }
}
