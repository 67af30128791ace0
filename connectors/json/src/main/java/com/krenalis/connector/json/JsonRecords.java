package com.krenalis.connector.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.connector.format.support.ColumnNames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the records of a JSON file one at a time and hands them to a {@link Visitor}: in an array, element by element
 * with a streaming parser (never the whole array); in NDJSON, line by line. A record's position is {@code element N}
 * in an array (several may share a line) and {@code line N} in NDJSON. Its keys become property names by
 * {@link ColumnNames}; nested objects and arrays stay as maps and lists (json values).
 */
final class JsonRecords {
    /** What receives the records; {@link #stop} is asked before each. */
    interface Visitor {
        void record(String position, Map<String, Object> properties);

        void malformed(String position, String message);

        boolean stop();
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE) // the caller's stream
            .build();

    private JsonRecords() {
    }

    /** Reads the file's records in the layout given, or the detected one when it is null; returns how many it saw. */
    static long visit(InputStream in, JsonLayout layout, Visitor visitor) throws ConnectorException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        JsonLayout actual = layout != null ? layout : JsonLayout.detect(buffered);
        try {
            return actual == JsonLayout.ARRAY ? array(buffered, visitor) : ndjson(buffered, visitor);
        } catch (IOException e) {
            throw new ConnectorException("cannot read the JSON file: " + e.getMessage(), e);
        }
    }

    private static long array(InputStream in, Visitor visitor) throws IOException, ConnectorException {
        long n = 0;
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return 0; // an empty file holds no records
            }
            if (first != JsonToken.START_ARRAY) {
                throw new ConnectorException("not a JSON array: the file starts with " + JsonValues.describe(first)
                        + "; set the layout to ndjson for one object per line");
            }
            while (!visitor.stop()) {
                String position = "element " + (n + 1);
                JsonToken t;
                try {
                    t = p.nextToken();
                    if (t == JsonToken.END_ARRAY) {
                        return n;
                    }
                    if (t == null) {
                        visitor.malformed(position, "the file ends before the array is closed");
                        return n;
                    }
                    n++;
                    if (t != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        visitor.malformed(position, "is " + JsonValues.describe(t) + ", not an object");
                        continue;
                    }
                    visitor.record(position, properties(p));
                } catch (JsonProcessingException e) {
                    // the parser cannot find where the next element starts: the rest of the file is lost
                    visitor.malformed(position, "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
                    return n + 1;
                }
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ConnectorException("not a JSON file: " + e.getOriginalMessage(), e);
        }
    }

    private static long ndjson(InputStream in, Visitor visitor) throws IOException {
        LineReader reader = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long n = 0;
        for (String text; !visitor.stop() && (text = reader.next()) != null; ) {
            if (reader.number() == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            String position = "line " + reader.number();
            if (text == LineReader.TOO_LONG) {
                n++;
                visitor.malformed(position, "is longer than " + LineReader.MAX_CHARS + " characters");
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            n++;
            try (JsonParser p = FACTORY.createParser(text)) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    visitor.malformed(position, "is " + JsonValues.describe(t) + ", not an object");
                    continue;
                }
                Map<String, Object> properties = properties(p);
                JsonToken after = p.nextToken();
                if (after != null) {
                    visitor.malformed(position, "holds more than one JSON value (" + JsonValues.describe(after) + " after the object)");
                    continue;
                }
                visitor.record(position, properties);
            } catch (JsonProcessingException e) {
                visitor.malformed(position, "invalid JSON at column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
            }
        }
        return n;
    }

    /** The object at the parser (on its START_OBJECT), its keys made property names. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(JsonParser p) throws IOException {
        Map<String, Object> object = (Map<String, Object>) JsonValues.read(p);
        List<String> keys = new ArrayList<>(object.keySet());
        List<String> names = ColumnNames.of(keys);
        if (names.equals(keys)) {
            return object;
        }
        Map<String, Object> renamed = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            renamed.put(names.get(i), object.get(keys.get(i)));
        }
        return renamed;
    }
}
