package com.krenalis.ingest.internal.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ProtocolJson#size} must be the length of what {@link ProtocolJson#write} writes, byte for byte. */
class ProtocolJsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Characters where escaping and UTF-8 lengths change, plus plain ones. */
    private static final String CHARS = "aZ09 ~\u007f\"\\/\b\t\n\f\r\u0000\u0001\u001f\u0080\u00e9\u07ff\u0800\u20ac"
            + "\u2028\uffff\ud83d\ude00\ud800\udc00\udbff\udfff";

    @Test
    void theSizeOfEveryKindOfValueIsWhatIsWritten() throws ProtocolException {
        for (String json : new String[] {"{}", "[]", "\"\"", "true", "false", "null", "0", "-1", "2147483648",
                "-9223372036854775808", "123456789012345678901234567890", "1.50", "1.0E+10", "-0.000001",
                "1e-7", "{\"a\":[1,{},[],\"\"],\"b\":{\"c\":null}}", "\"\\u0000\\b\\u001f\\\"\\\\/\"",
                "\"\u00e9\u20ac\ud83d\ude00\""}) {
            JsonNode node = new ProtocolJson(Limits.DEFAULT).read(json.getBytes(UTF_8));
            assertEquals(ProtocolJson.write(node).length, ProtocolJson.size(node), json);
        }
    }

    @Test
    void theSizeOfRandomTreesIsWhatIsWritten() {
        Random random = new Random(20261205);
        for (int i = 0; i < 2000; i++) {
            JsonNode node = random(random, 0);
            assertEquals(ProtocolJson.write(node).length, ProtocolJson.size(node),
                    () -> new String(ProtocolJson.write(node), UTF_8));
        }
    }

    @Test
    void nodesParsedEventsDoNotHoldAreMeasuredToo() {
        ArrayNode odd = NODES.arrayNode().add(1.5d).add(1e300).add(0.1f).add(new byte[] {1, 2, 3}).add((short) 7);
        assertEquals(ProtocolJson.write(odd).length, ProtocolJson.size(odd));
    }

    private static JsonNode random(Random r, int depth) {
        int kind = r.nextInt(depth > 4 ? 7 : 9);
        switch (kind) {
            case 0: return NODES.textNode(text(r));
            case 1: return NODES.numberNode(r.nextInt());
            case 2: return NODES.numberNode(r.nextLong());
            case 3: return NODES.numberNode(new BigInteger(100, r).negate());
            case 4: return NODES.numberNode(new BigDecimal(new BigInteger(60, r), r.nextInt(40) - 20));
            case 5: return NODES.booleanNode(r.nextBoolean());
            case 6: return NODES.nullNode();
            case 7: {
                ObjectNode o = NODES.objectNode();
                for (int i = r.nextInt(6); i > 0; i--) {
                    o.set(text(r), random(r, depth + 1));
                }
                return o;
            }
            default: {
                ArrayNode a = NODES.arrayNode();
                for (int i = r.nextInt(6); i > 0; i--) {
                    a.add(random(r, depth + 1));
                }
                return a;
            }
        }
    }

    /** Random text of whole code points from {@link #CHARS} (surrogate pairs stay pairs). */
    private static String text(Random r) {
        int[] points = CHARS.codePoints().toArray();
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            b.appendCodePoint(points[r.nextInt(points.length)]);
        }
        return b.toString();
    }
}
