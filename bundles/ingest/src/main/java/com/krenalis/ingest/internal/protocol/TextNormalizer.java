package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings every key and string value of an event to Unicode NFC, so that text typed on different devices compares and
 * groups equal in the warehouse (e followed by U+0301, the combining acute accent, becomes U+00E9). Text that cannot
 * be stored is replaced by U+FFFD: an unpaired surrogate (it has no UTF-8 form; Go's JSON decoder replaces it too) and
 * U+0000 (PostgreSQL text and jsonb refuse it).
 */
final class TextNormalizer {
    private static final char REPLACEMENT = '\uFFFD';

    private TextNormalizer() {
    }

    /**
     * Normalises {@code event} in place, keeping the order of keys. When two keys of an object become equal, the first
     * keeps its place and the dotted path of the second is returned, so that the caller can refuse the event rather
     * than guess which one was meant.
     */
    static List<String> normalize(ObjectNode event) {
        List<String> collisions = new ArrayList<>();
        object(event, "", collisions);
        return collisions;
    }

    /** {@code s} in NFC with unstorable characters replaced; {@code s} itself when it needs nothing. */
    static String normalize(String s) {
        if (isPlain(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        String stored = b.toString();
        return Normalizer.isNormalized(stored, Normalizer.Form.NFC) ? stored
                : Normalizer.normalize(stored, Normalizer.Form.NFC);
    }

    /** No NUL and nothing from U+0300 up, where the first characters that NFC may change (combining marks) start. */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c >= '\u0300') {
                return false;
            }
        }
        return true;
    }

    /** The normalised value: a new node for changed text, else {@code node} itself, normalised in place. */
    private static JsonNode value(JsonNode node, String path, List<String> collisions) {
        if (node.isTextual()) {
            String s = normalize(node.textValue());
            return s.equals(node.textValue()) ? node : TextNode.valueOf(s);
        }
        if (node.isObject()) {
            object((ObjectNode) node, path, collisions);
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                String itemPath = item.isContainerNode() ? path + "[" + i + "]" : path; // paths matter only below
                JsonNode v = value(item, itemPath, collisions);
                if (v != item) {
                    array.set(i, v);
                }
            }
        }
        return node;
    }

    /**
     * Normalises the keys and values of {@code node}. Nearly always no key changes: then only changed values are
     * replaced, each in its place. Only when a key changes is the object rebuilt, to keep its order.
     */
    private static void object(ObjectNode node, String path, List<String> collisions) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!isPlain(e.getKey()) && !normalize(e.getKey()).equals(e.getKey())) {
                rebuild(node, path, collisions);
                return;
            }
        }
        List<Map.Entry<String, JsonNode>> changed = null;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            JsonNode n = value(v, v.isContainerNode() ? join(path, e.getKey()) : path, collisions);
            if (n != v) {
                if (changed == null) {
                    changed = new ArrayList<>();
                }
                changed.add(Map.entry(e.getKey(), n));
            }
        }
        if (changed != null) {
            changed.forEach(e -> node.set(e.getKey(), e.getValue())); // an existing key keeps its place
        }
    }

    /** Rebuilds an object of which a key changes; a key that becomes equal to an earlier one is a collision. */
    private static void rebuild(ObjectNode node, String path, List<String> collisions) {
        Map<String, JsonNode> rebuilt = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = normalize(e.getKey());
            JsonNode v = value(e.getValue(), e.getValue().isContainerNode() ? join(path, key) : path, collisions);
            if (rebuilt.putIfAbsent(key, v) != null) {
                collisions.add(join(path, key));
            }
        }
        node.removeAll();
        node.setAll(rebuilt);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
