package com.krenalis.connector.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.RecordDestination;
import com.krenalis.api.connector.RecordSink;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.conformance.RecordingSink;
import com.krenalis.conformance.RecordingSink.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JsonConnectorTest {
    private final JsonConnector json = new JsonConnector();

    private Settings layout(String layout) throws Exception {
        return json.spec().settings().validate(Map.of("layout", layout));
    }

    private RecordingSink read(String text, String layout) throws Exception {
        RecordingSink sink = new RecordingSink();
        json.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), layout(layout), sink);
        return sink;
    }

    private static List<String> ids(RecordingSink sink) {
        return sink.records().stream().map(SourceRecord::id).toList();
    }

    @Test
    void autoDetectsTheLayoutFromTheFirstCharacter() throws Exception {
        assertEquals(List.of("element 1", "element 2"), ids(read("\uFEFF \n [{\"a\":1}, {\"a\":2}]", "auto")));
        assertEquals(List.of("line 2", "line 3"), ids(read("\n{\"a\":1}\n{\"a\":2}", "auto")));
        assertEquals(List.of(), ids(read("", "auto")));
    }

    @Test
    void aPrettyPrintedObjectIsNotNdjson() throws Exception {
        RecordingSink sink = read("{\n  \"a\": 1\n}\n", "auto");
        assertEquals(List.of(), sink.records());
        assertEquals(List.of("line 1", "line 2", "line 3"), sink.rejections().stream().map(Rejection::key).toList());
    }

    @Test
    void anArrayElementThatIsNotAnObjectIsRejectedAndTheNextRead() throws Exception {
        RecordingSink sink = read("[{\"a\":1}, [1, {\"b\": 2}], \"x\", null, {\"a\":2}]", "array");
        assertEquals(List.of(new Rejection("element 2", "is an array, not an object"),
                new Rejection("element 3", "is a string, not an object"), new Rejection("element 4", "is null, not an object")),
                sink.rejections());
        assertEquals(List.of("element 1", "element 5"), ids(sink));
    }

    @Test
    void aSyntaxErrorInAnArrayEndsTheReadWithOneRejection() throws Exception {
        RecordingSink sink = read("[{\"a\":1},\n {\"a\": 2,, }, {\"a\":3}]", "array");
        assertEquals(List.of("element 1"), ids(sink));
        assertEquals(1, sink.rejections().size());
        assertEquals("element 2", sink.rejections().get(0).key());
        assertTrue(sink.rejections().get(0).message().startsWith("invalid JSON at line 2"), sink.rejections().get(0).message());
    }

    @Test
    void aFileThatIsNotAnArrayInArrayLayoutIsAnError() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read("{\"a\":1}", "array"));
        assertTrue(e.getMessage().contains("ndjson"), e.getMessage());
    }

    @Test
    void ndjsonSkipsBlankLinesAndRejectsWhatIsNotOneObject() throws Exception {
        RecordingSink sink = read("{\"a\":1}\r\n\r\n  \n{\"a\":\n42\n{\"a\":2} {\"a\":3}\n{\"a\":4}", "ndjson");
        assertEquals(List.of("line 1", "line 7"), ids(sink));
        assertEquals(List.of("line 4", "line 5", "line 6"), sink.rejections().stream().map(Rejection::key).toList());
        assertEquals("is a number, not an object", sink.rejections().get(1).message());
        assertTrue(sink.rejections().get(2).message().startsWith("holds more than one JSON value"));
    }

    @Test
    void nestedValuesAreMapsAndListsAndKeysBecomeIdentifiers() throws Exception {
        Map<String, Object> row = read("{\"First Name\": \"Ada\", \"tags\": [\"a\", 1, 2.5], \"address\": {\"city\": \"Rome\", \"zip code\": null}}",
                "ndjson").records().get(0).properties();
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Rome");
        address.put("zip code", null);
        assertEquals(Map.of("first_name", "Ada", "tags", List.of("a", 1L, 2.5), "address", address), row);
    }

    @Test
    void discoverInfersTypesAndWidensMixedOnes() throws Exception {
        String text = """
                {"i": 1, "f": 1.5, "n": 1, "b": true, "s": "x", "o": {"k": 1}, "a": [1], "m": 1, "z": null, "j": 1}
                {"i": 2, "f": 2.0, "n": 2.5, "b": false, "s": null, "o": null, "a": [], "m": "two", "z": null, "j": [2]}
                {"Late Key": 3}
                """;
        ObjectType schema = json.discover(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), layout("auto"));
        assertEquals(Type.object(List.of(Property.of("i", Type.int64()), Property.of("f", Type.float64()),
                Property.of("n", Type.float64()), Property.of("b", Type.bool()), Property.of("s", Type.string()),
                Property.of("o", Type.json()), Property.of("a", Type.json()), Property.of("m", Type.string()),
                Property.of("z", Type.json()), Property.of("j", Type.json()), Property.of("late_key", Type.int64()))), schema);
    }

    @Test
    void discoverLooksAtASampleOnly() throws Exception {
        String first = String.join("\n", Collections.nCopies(JsonConnector.SAMPLE, "{\"a\": 1}"));
        ObjectType schema = json.discover(new ByteArrayInputStream((first + "\n{\"b\": 2}\n").getBytes(StandardCharsets.UTF_8)),
                layout("ndjson"));
        assertEquals(List.of("a"), schema.properties().stream().map(Property::name).toList());
    }

    @Test
    void theWriterWritesEachLayout() throws Exception {
        ObjectType schema = Type.object(List.of(Property.of("id", Type.string()), Property.of("at", Type.datetime()),
                Property.of("amount", Type.decimal(10, 5)), Property.of("day", Type.date()), Property.of("tags", Type.json())));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", "u\"1");
        row.put("at", Instant.parse("2026-03-01T10:00:00.120Z"));
        row.put("amount", new BigDecimal("1E-5"));
        row.put("day", LocalDate.parse("1988-02-29"));
        row.put("tags", List.of("x", 1L, Map.of("k", true)));
        String line = "{\"id\":\"u\\\"1\",\"at\":\"2026-03-01T10:00:00.120Z\",\"amount\":0.00001,\"day\":\"1988-02-29\","
                + "\"tags\":[\"x\",1,{\"k\":true}]}";
        String empty = "{\"id\":\"u2\",\"at\":null,\"amount\":null,\"day\":null,\"tags\":null}";
        assertEquals(line + "\n" + empty + "\n", write("ndjson", schema, row, Map.of("id", "u2")));
        assertEquals(line + "\n" + empty + "\n", write("auto", schema, row, Map.of("id", "u2")));
        assertEquals("[\n" + line + ",\n" + empty + "\n]\n", write("array", schema, row, Map.of("id", "u2")));
        assertEquals("[\n\n]\n", write("array", schema));
    }

    @SafeVarargs
    private String write(String layout, ObjectType schema, Map<String, Object>... rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RecordDestination.RecordWriter writer = json.openWriter(out, layout(layout), schema)) {
            for (Map<String, Object> row : rows) {
                writer.write(row);
            }
            writer.commit();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A million array elements read under a 96 MB heap (pom.xml): the array is never held whole. */
    @Test
    void aLargeArrayIsStreamed() throws Exception {
        int count = 1_000_000;
        long[] seen = {0};
        RecordSink sink = new RecordSink() {
            @Override public void accept(SourceRecord record) { seen[0]++; }
            @Override public void reject(String key, String message) { throw new AssertionError(key + ": " + message); }
            @Override public boolean cancelled() { return false; }
        };
        java.util.Iterator<InputStream> parts = IntStream.rangeClosed(0, count + 1).mapToObj(i ->
                (InputStream) new ByteArrayInputStream((i == 0 ? "[" : i == count + 1 ? "]" : (i > 1 ? "," : "")
                        + "{\"id\":\"u" + i + "\",\"email\":\"user" + i + "@example.com\",\"score\":" + i + "}\n")
                        .getBytes(StandardCharsets.UTF_8))).iterator();
        InputStream in = new SequenceInputStream(new java.util.Enumeration<>() { // lazy: one part at a time
            @Override public boolean hasMoreElements() { return parts.hasNext(); }
            @Override public InputStream nextElement() { return parts.next(); }
        });
        long start = System.nanoTime();
        json.read(in, layout("auto"), sink);
        System.out.printf("JSON: %d array elements read in %d ms%n", count, (System.nanoTime() - start) / 1_000_000);
        assertEquals(count, seen[0]);
    }
}
