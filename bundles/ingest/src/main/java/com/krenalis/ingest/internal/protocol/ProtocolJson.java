package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes event JSON the same way everywhere: nesting capped, duplicate keys refused (JSON parsers disagree on
 * which one wins, and a second messageId must not slip past deduplication), nothing after the value, and numbers kept
 * exactly as sent (decimals as BigDecimal, trailing zeros kept) so that storing an event never changes it.
 */
final class ProtocolJson {
    private static final JsonMapper WRITER = JsonMapper.builder().build();
    /** How FAIL_ON_READING_DUP_TREE_KEY names the key (Jackson 2's wording). */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)' for `ObjectNode`", Pattern.DOTALL);

    private final JsonMapper reader;
    private final int maxDepth;

    ProtocolJson(Limits limits) {
        this.maxDepth = limits.maxDepth();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        // Duplicate keys are caught as the tree is built (the map insert returns the earlier value), not by the
        // parser's STRICT_DUPLICATE_DETECTION, whose separate key set per object was 9 % of a request thread's time.
        this.reader = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** The JSON value of {@code bytes} (UTF-8, or UTF-16/32 as detected). */
    JsonNode read(byte[] bytes) throws ProtocolException {
        JsonNode node;
        try {
            node = reader.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw ProtocolException.malformed("JSON nested deeper than " + maxDepth + " levels, or over a size limit");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            throw ProtocolException.malformed("invalid JSON" + where + ": " + (e instanceof MismatchedInputException
                    && duplicate.find() ? "the key \"" + duplicate.group(1) + "\" is given twice in one object"
                    : e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
        if (node == null || node.isMissingNode()) {
            throw ProtocolException.malformed("the body is empty");
        }
        return node;
    }

    /**
     * The length in bytes of {@link #write}{@code (node)}, counted without writing it: the validator measures every
     * event before enrichment, and writing each one twice (measured, then stored) cost a fifth of a request thread's
     * time. It counts what Jackson's default UTF-8 generator writes: a quote, a backslash and the control characters
     * backspace, tab, line feed, form feed and carriage return as two bytes (a backslash and a letter), other control
     * characters and each half of a surrogate pair as six (a Unicode escape: Jackson 2 escapes characters beyond
     * U+FFFF unless told otherwise), everything else as its UTF-8 length; integers and
     * decimals by their {@code toString}. Other nodes (doubles, binary, POJOs), which parsed events
     * do not hold, are written to be measured. ProtocolJsonTest checks it against {@link #write} on random trees.
     */
    static long size(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                long n = node.size() == 0 ? 2 : 1 + node.size(); // braces and commas
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    n += string(e.getKey()) + 1 + size(e.getValue()); // 1: the colon
                }
                return n;
            }
            case ARRAY: {
                long n = node.size() == 0 ? 2 : 1 + node.size();
                for (JsonNode item : node) {
                    n += size(item);
                }
                return n;
            }
            case STRING:
                return string(node.textValue());
            case BOOLEAN:
                return node.booleanValue() ? 4 : 5;
            case NULL:
                return 4;
            case NUMBER:
                if (node instanceof IntNode || node instanceof LongNode || node instanceof ShortNode) {
                    return Long.toString(node.longValue()).length();
                }
                if (node instanceof BigIntegerNode || node instanceof DecimalNode) {
                    return node.numberValue().toString().length();
                }
                return write(node).length;
            default:
                return write(node).length;
        }
    }

    private static long string(String s) {
        long n = 2;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 ? 2 : Character.isSurrogate(c) ? 6 : 3;
            } else if (c >= 0x20) {
                n += c == '"' || c == '\\' ? 2 : 1;
            } else {
                n += c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ? 2 : 6;
            }
        }
        return n;
    }

    /** Compact UTF-8 JSON. */
    static byte[] write(JsonNode node) {
        try {
            return WRITER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event", e);
        }
    }
}
