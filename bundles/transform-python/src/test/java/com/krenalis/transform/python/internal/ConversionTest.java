package com.krenalis.transform.python.internal;

import static com.krenalis.transform.python.internal.Engines.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.transform.TransformationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records become plain Python values and results become records, both ways with the documented kinds. */
class ConversionTest {

    private static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void recordValuesArePythonTypesNotJavaObjects() throws Exception {
        Map<String, Object> in = record("s", "text", "small", 42L, "big", 1L << 40, "f", 1.5, "d", new BigDecimal("12.50"),
                "whole", new BigDecimal("7.00"), "huge", new BigInteger("123456789012345678901234567890"),
                "t", true, "n", null, "l", List.of(1L, "x"), "m", Map.of("k", "v"));
        Map<String, Object> out = run(in, "return dict((k, type(v).__name__) for k, v in record.items())");
        assertEquals(record("s", "unicode", "small", "int", "big", "long", "f", "float", "d", "float", "whole", "int",
                "huge", "long", "t", "bool", "n", "NoneType", "l", "list", "m", "dict"), new HashMap<>(out));
    }

    @Test
    void pythonMethodsWorkOnRecordValues() throws Exception {
        Map<String, Object> in = record("traits", record("email", " Ann@Example.COM "), "tags", List.of("b", "a"));
        Map<String, Object> out = run(in, "import json",
                "traits = record['traits']",
                "return {'email': traits['email'].strip().lower(), 'missing': traits.get('phone', 'none'),",
                "        'tags': sorted(record['tags']), 'json': json.dumps(record['tags']),",
                "        'keys': list(traits.keys()), 'isdict': isinstance(record, dict)}");
        assertEquals("ann@example.com", out.get("email"));
        assertEquals("none", out.get("missing"));
        assertEquals(List.of("a", "b"), out.get("tags"));
        assertEquals("[\"b\", \"a\"]", out.get("json"));
        assertEquals(List.of("email"), out.get("keys"));
        assertEquals(true, out.get("isdict"));
    }

    @Test
    void resultsComeBackAsRecordKinds() throws Exception {
        Map<String, Object> out = run(Map.of(),
                "return {'i': 1, 'l': 2 ** 40, 'huge': 10 ** 30, 'neg': -3, 'f': 0.25, 'b': False, 'n': None,",
                "        's': 'text', 'bytes': b'ascii', 'list': [1, [2]], 'tuple': (1, 'a'), 'd': {'x': {'y': 1}},",
                "        'div': 1 / 2, 'intdiv': 7 // 2}");
        assertEquals(1L, out.get("i"));
        assertEquals(1L << 40, out.get("l"));
        assertEquals(new BigDecimal("1000000000000000000000000000000"), out.get("huge"));
        assertEquals(-3L, out.get("neg"));
        assertEquals(0.25, out.get("f"));
        assertEquals(false, out.get("b"));
        assertTrue(out.containsKey("n"));
        assertNull(out.get("n"));
        assertEquals("text", out.get("s"));
        assertEquals("ascii", out.get("bytes"));
        assertEquals(List.of(1L, List.of(2L)), out.get("list"));
        assertEquals(List.of(1L, "a"), out.get("tuple"));
        assertEquals(Map.of("x", Map.of("y", 1L)), out.get("d"));
        assertEquals(0.5, out.get("div"), "true division");
        assertEquals(3L, out.get("intdiv"));
        assertInstanceOf(LinkedHashMap.class, out);
        assertInstanceOf(LinkedHashMap.class, out.get("d"));
        assertInstanceOf(List.class, out.get("tuple"));
    }

    @Test
    void theInputRecordRoundTripsUnchanged() throws Exception {
        Map<String, Object> in = record("s", "x", "i", 5L, "f", 2.5, "t", false, "n", null,
                "l", new ArrayList<>(Arrays.asList(1L, null, "y")), "m", record("a", record("b", List.of())));
        assertEquals(in, run(in, "return record"));
    }

    @Test
    void unicodeSurvivesBothWays() throws Exception {
        String text = "Zoë 東京 😀 e\u0301";
        Map<String, Object> out = run(Map.of("s", text), "import unicodedata",
                "s = record['s']",
                "return {'same': s, 'upper': s.upper(), 'len': len(s), 'emoji': s[7], 'nfc': unicodedata.normalize('NFC', s),",
                "        'literal': 'é', 'utf8': s.encode('utf-8'), 'str': str(s), 'key_é': 1}");
        assertEquals(text, out.get("same"));
        assertEquals("ZOË 東京 😀 E\u0301", out.get("upper"));
        assertEquals(11L, out.get("len"), "code points, not UTF-16 units");
        assertEquals("😀", out.get("emoji"));
        assertEquals("Zoë 東京 😀 é", out.get("nfc"));
        assertEquals("é", out.get("literal"), "string literals are unicode");
        assertEquals(text, out.get("utf8"), "UTF-8 byte strings become text");
        assertEquals(text, out.get("str"), "str is unicode");
        assertEquals(1L, out.get("key_é"));
    }

    @Test
    void noneDropsTheRecord() throws Exception {
        assertNull(run(Map.of("a", 1L), "return None"));
        assertNull(run(Map.of("a", 1L), "pass"), "falling off the end returns None");
    }

    @Test
    void resultsThatAreNotRecordsAreErrors() {
        assertMessage("transform must return a dict (the output record) or None (to drop the record), not list",
                "return [1]");
        assertMessage("transform must return a dict (the output record) or None (to drop the record), not unicode",
                "return 'x'");
        assertMessage("output field 's' is a set, which is not a record value (use str, int, float, bool, None, list"
                + " or dict)", "return {'s': set([1])}");
        assertMessage("output field 'a.b[1]' is a function, which is not a record value (use str, int, float, bool,"
                + " None, list or dict)", "return {'a': {'b': [1, transform]}}");
        assertMessage("output field 'k' has a key of type int; keys of records are strings", "return {'k': {1: 2}}");
        assertMessage("output field 'b' is a byte string that is not UTF-8; decode it to text first",
                "return {'b': 'é'.encode('latin-1')}");
        assertMessage("output field 'me.me.me", "d = {}", "d['me'] = d", "return d");
    }

    private static void assertMessage(String expectedStart, String... body) {
        TransformationException e = assertThrows(TransformationException.class, () -> run(Map.of(), body));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void inputValuesThatAreNotRecordValuesAreRefused() {
        TransformationException e = assertThrows(TransformationException.class,
                () -> run(Map.of("when", java.time.Instant.EPOCH), "return record"));
        assertEquals("record field 'when' has a value of type java.time.Instant, which is not a record value",
                e.getMessage());
    }

    @Test
    void recordFieldsChangeInPlace() throws Exception {
        assertEquals(Map.of("x", 3L, "y", "new"), run(Map.of("x", 1L), "record['x'] += 2", "record['y'] = 'new'",
                "return record"));
    }
}
