package com.krenalis.transform.javascript.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.transform.TransformationException;
import com.krenalis.api.transform.TransformationFunction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records into plain JavaScript values and back, through the real engine. */
class ConversionTest {

    private static Map<String, Object> record() {
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("email", "Ada@Example.COM");
        traits.put("age", 36L);
        traits.put("score", 4.5);
        traits.put("vip", true);
        traits.put("nickname", null);
        traits.put("tags", List.of("a", "b"));
        traits.put("address", Map.of("city", "London"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("userId", "u1");
        r.put("traits", traits);
        return r;
    }

    private static Map<String, Object> run(String source, Map<String, Object> record) throws TransformationException {
        try (TransformationFunction f = Engines.compile(source)) {
            return f.apply(record);
        }
    }

    @Test
    void identityKeepsEveryKindAndTheKeyOrder() throws Exception {
        Map<String, Object> out = run("function transform(r) { return r; }", record());
        assertEquals(record(), out);
        assertEquals(List.of("userId", "traits"), new ArrayList<>(out.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> traits = (Map<String, Object>) out.get("traits");
        assertEquals(List.of("email", "age", "score", "vip", "nickname", "tags", "address"), new ArrayList<>(traits.keySet()));
        assertInstanceOf(LinkedHashMap.class, traits);
        assertInstanceOf(Long.class, traits.get("age"));
        assertInstanceOf(Double.class, traits.get("score"));
        assertInstanceOf(List.class, traits.get("tags"));
        assertTrue(traits.containsKey("nickname"));
    }

    @Test
    void theRecordIsPlainJavaScript() throws Exception {
        Map<String, Object> out = run("""
                function transform(record) {
                  const copy = { ...record, extra: 1 };
                  return {
                    email: record.traits.email.toLowerCase(),
                    keys: Object.keys(record.traits),
                    json: JSON.stringify(record.traits.address),
                    plain: Object.getPrototypeOf(record) === Object.prototype && Array.isArray(record.traits.tags),
                    spread: Object.keys(copy).length,
                    tags: [...record.traits.tags, 'c'],
                    typeOfAge: typeof record.traits.age,
                  };
                }
                """, record());
        assertEquals("ada@example.com", out.get("email"));
        assertEquals(List.of("email", "age", "score", "vip", "nickname", "tags", "address"), out.get("keys"));
        assertEquals("{\"city\":\"London\"}", out.get("json"));
        assertEquals(true, out.get("plain"));
        assertEquals(3L, out.get("spread"));
        assertEquals(List.of("a", "b", "c"), out.get("tags"));
        assertEquals("number", out.get("typeOfAge"));
    }

    @Test
    void integralNumbersComeBackAsLongOthersAsDouble() throws Exception {
        Map<String, Object> out = run("""
                function transform(r) {
                  return { three: r.x * 2, half: r.x / 3, big: 2 ** 53, huge: 1e20, tiny: 1e-7, negZero: -0, fromDecimal: r.d };
                }
                """, Map.of("x", 1.5, "d", new BigDecimal("12.25")));
        assertEquals(3L, out.get("three"));
        assertEquals(0.5, out.get("half"));
        assertEquals(9007199254740992L, out.get("big"));
        assertEquals(1e20, out.get("huge")); // integral but beyond a long
        assertEquals(1e-7, out.get("tiny"));
        assertEquals(0L, out.get("negZero"));
        assertEquals(12.25, out.get("fromDecimal"));
    }

    @Test
    void javaScriptOnlyValuesFollowJsonStringify() throws Exception {
        Map<String, Object> out = run("""
                function transform(r) {
                  return { when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), gone: undefined, fn() {}, nan: NaN,
                           inArray: [undefined, Infinity], set: new Set([1]), bad: new Date(NaN) };
                }
                """, Map.of());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("when", "2024-01-02T03:04:05.000Z");
        expected.put("nan", null);
        expected.put("inArray", Arrays.asList(null, null));
        expected.put("set", Map.of());
        expected.put("bad", null);
        assertEquals(expected, out);
        assertEquals(List.of("when", "nan", "inArray", "set", "bad"), new ArrayList<>(out.keySet()));
    }

    @Test
    void integerLikeKeysComeFirstAsJavaScriptOrdersThem() throws Exception {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("b", 1L);
        in.put("2", 2L);
        in.put("a", 3L);
        in.put("1", 4L);
        assertEquals(List.of("1", "2", "b", "a"), new ArrayList<>(run("function transform(r) { return r; }", in).keySet()));
    }

    @Test
    void stringsSurviveEscapesAndUnicode() throws Exception {
        String tricky = "quote \" backslash \\ newline \n tab \t nul \u0000 é 日本 😀 \u2028";
        Map<String, Object> out = run("function transform(r) { return { s: r.s, n: r.s.length }; }", Map.of("s", tricky));
        assertEquals(tricky, out.get("s"));
        assertEquals((long) tricky.length(), out.get("n"));
    }

    @Test
    void longsBeyondDoublePrecisionAreRoundedLikeAnyJavaScriptNumber() throws Exception {
        Map<String, Object> out = run("function transform(r) { return r; }", Map.of("id", 9007199254740993L));
        assertEquals(9007199254740992L, out.get("id"));
    }

    @Test
    void nullOrUndefinedDropsTheRecord() throws Exception {
        try (TransformationFunction f = Engines.compile("function transform(r) { return r.keep ? r : (r.undef ? undefined : null); }")) {
            assertNull(f.apply(Map.of("keep", false)));
            assertNull(f.apply(Map.of("keep", false, "undef", true)));
            assertEquals(Map.of("keep", true), f.apply(Map.of("keep", true)));
        }
    }

    @Test
    void aReturnThatIsNotAnObjectFailsThatRecordOnly() throws Exception {
        try (TransformationFunction f = Engines.compile("""
                function transform(r) {
                  switch (r.kind) {
                    case 'string': return 'x';
                    case 'number': return 42;
                    case 'boolean': return true;
                    case 'array': return [r];
                    case 'date': return new Date();
                    case 'function': return () => r;
                    case 'promise': return Promise.resolve(r);
                    case 'toJSON': return { toJSON() { return 'text'; } };
                    default: return { ok: true };
                  }
                }
                """)) {
            for (String kind : List.of("string", "number", "boolean", "array", "date", "function", "promise", "toJSON")) {
                TransformationException e = assertThrows(TransformationException.class, () -> f.apply(Map.of("kind", kind)), kind);
                assertTrue(e.getMessage().startsWith("transform must return an object"), e.getMessage());
                assertEquals(Map.of("ok", true), f.apply(Map.of("kind", "none")));
            }
        }
    }

    @Test
    void aRecordWithAnUnsupportedValueIsRefusedNamingThePath() throws Exception {
        try (TransformationFunction f = Engines.compile("function transform(r) { return r; }")) {
            TransformationException e = assertThrows(TransformationException.class,
                    () -> f.apply(Map.of("traits", Map.of("created", java.time.Instant.EPOCH))));
            assertTrue(e.getMessage().contains("'traits.created'") && e.getMessage().contains("java.time.Instant"), e.getMessage());
            Map<String, Object> cyclic = new HashMap<>();
            cyclic.put("self", cyclic);
            assertTrue(assertThrows(TransformationException.class, () -> f.apply(cyclic)).getMessage().contains("nested deeper"));
            assertEquals(Map.of("a", 1L), f.apply(Map.of("a", 1)));
        }
    }

    @Test
    void nonFiniteDoublesArriveAsNull() throws Exception {
        Map<String, Object> in = new HashMap<>();
        in.put("x", Double.NaN);
        Map<String, Object> out = run("function transform(r) { return { isNull: r.x === null }; }", in);
        assertEquals(true, out.get("isNull"));
    }
}
