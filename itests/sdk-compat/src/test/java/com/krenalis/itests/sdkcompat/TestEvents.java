package com.krenalis.itests.sdkcompat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events every SDK sends, from {@code sdk-events.json}: one of each type, with nested objects and arrays, unicode,
 * escapes, integers and decimals, booleans, nulls and empty values. Each entry has the shape of the Node SDKs' call
 * arguments plus {@code type}; the Java tests map it to the SDK's message builders. All text is already in Unicode NFC
 * (the collector normalises to NFC by design, which must not be mistaken for an alteration), and no two entries have
 * the same type and ids, so that an event the SDK sent can be told apart from the others by content.
 */
final class TestEvents {
    private static final String RESOURCE = "/sdk-events.json";
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** One event to send; {@code index} is its place in the file. */
    record Event(int index, ObjectNode json) {
        String type() {
            return json.path("type").asText();
        }

        boolean has(String field) {
            return json.hasNonNull(field);
        }

        String text(String field) {
            return has(field) ? json.get(field).asText() : null;
        }

        /** {@code traits} for identify and group, {@code properties} for the others. */
        String payloadField() {
            return type().equals("identify") || type().equals("group") ? "traits" : "properties";
        }

        /** An object field as the plain Java map (Integer, Long, Double, List, Map, null) a Java caller would pass. */
        Map<String, Object> map(String field) {
            if (!has(field)) {
                return null;
            }
            try {
                return PLAIN.readValue(PLAIN.writeValueAsString(json.get(field)), new TypeReference<>() { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Instant timestamp() {
            return has("timestamp") ? Instant.parse(text("timestamp")) : null;
        }

        /** For messages: {@code #2 track "Order Completed"}. */
        String describe() {
            String what = text("event") != null ? text("event") : text("name") != null ? text("name")
                    : text("groupId") != null ? text("groupId") : text("previousId");
            return "#" + index + " " + type() + (what == null ? "" : " \"" + what + "\"");
        }
    }

    private TestEvents() {
    }

    static List<Event> load() {
        try {
            JsonNode all = ExactJson.read(Files.readString(file(), StandardCharsets.UTF_8));
            List<Event> events = new ArrayList<>();
            for (JsonNode e : all) {
                assertNfc(e, "#" + events.size());
                events.add(new Event(events.size(), (ObjectNode) e));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file itself, which the Node script reads too. */
    static Path file() {
        try {
            return Path.of(TestEvents.class.getResource(RESOURCE).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no " + RESOURCE + " on the test class path", e);
        }
    }

    private static void assertNfc(JsonNode node, String path) {
        if (node.isTextual() && !Normalizer.isNormalized(node.textValue(), Normalizer.Form.NFC)) {
            throw new IllegalStateException(RESOURCE + " " + path + " is not in Unicode NFC: " + node);
        }
        node.properties().forEach(e -> {
            assertNfc(PLAIN.getNodeFactory().textNode(e.getKey()), path + " key");
            assertNfc(e.getValue(), path + "." + e.getKey());
        });
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            assertNfc(node.get(i), path + "[" + i + "]");
        }
    }
}
