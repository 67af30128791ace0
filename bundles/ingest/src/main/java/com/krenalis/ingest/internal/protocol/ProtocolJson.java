package com.krenalis.ingest.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes event JSON the same way everywhere: nesting capped, duplicate keys refused (JSON parsers disagree on
 * which one wins, and a second messageId must not slip past deduplication), nothing after the value, and numbers kept
 * exactly as sent (decimals as BigDecimal, trailing zeros kept) so that storing an event never changes it.
 */
final class ProtocolJson {
    private static final JsonMapper WRITER = JsonMapper.builder().build();

    private final JsonMapper reader;
    private final int maxDepth;

    ProtocolJson(Limits limits) {
        this.maxDepth = limits.maxDepth();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.reader = JsonMapper.builder(factory)
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
            throw ProtocolException.malformed("invalid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
        if (node == null || node.isMissingNode()) {
            throw ProtocolException.malformed("the body is empty");
        }
        return node;
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
