package com.krenalis.ingest.internal.protocol;

import static com.krenalis.ingest.internal.protocol.TestJson.object;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    private static final String DECOMPOSED = "e\u0301"; // e + combining acute accent
    private static final String COMPOSED = "\u00e9"; // é

    @Test
    void keysAndValuesBecomeNfcAtEveryDepth() {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("caf" + DECOMPOSED, "cr" + DECOMPOSED + "me");
        ArrayNode items = event.putObject("properties").putArray("items");
        items.addObject().put("n" + DECOMPOSED, "caf" + DECOMPOSED);
        items.add("r" + DECOMPOSED + "sum" + DECOMPOSED);
        assertEquals(List.of(), TextNormalizer.normalize(event));
        assertEquals(object("{\"caf" + COMPOSED + "\":\"cr" + COMPOSED + "me\",\"properties\":{\"items\":[{\"n"
                + COMPOSED + "\":\"caf" + COMPOSED + "\"},\"r" + COMPOSED + "sum" + COMPOSED + "\"]}}"), event);
    }

    @Test
    void theOrderOfKeysIsKept() {
        ObjectNode event = object("{\"z\":1,\"a" + DECOMPOSED + "\":2,\"m\":3}");
        TextNormalizer.normalize(event);
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("z", "a" + COMPOSED, "m"), names);
    }

    @Test
    void changedValuesKeepTheirPlaceAndUnchangedNodesAreKept() {
        ObjectNode event = object("{\"a\":\"x\",\"b\":\"" + DECOMPOSED + "\",\"c\":{\"d\":[\"" + DECOMPOSED
                + "\",1]},\"e\":\"y\"}");
        var a = event.get("a");
        var c = event.get("c");
        assertEquals(List.of(), TextNormalizer.normalize(event));
        assertEquals("{\"a\":\"x\",\"b\":\"" + COMPOSED + "\",\"c\":{\"d\":[\"" + COMPOSED + "\",1]},\"e\":\"y\"}",
                new String(ProtocolJson.write(event), UTF_8));
        assertSame(a, event.get("a"));
        assertSame(c, event.get("c"), "a nested object is normalised in place");
    }

    @Test
    void keysThatBecomeEqualAreReportedByPath() {
        ObjectNode event = object("{\"properties\":{\"" + COMPOSED + "\":1,\"" + DECOMPOSED + "\":2},"
                + "\"context\":{\"list\":[0,{\"" + DECOMPOSED + "\":1,\"" + COMPOSED + "\":2}]}}");
        assertEquals(List.of("properties." + COMPOSED, "context.list[1]." + COMPOSED),
                TextNormalizer.normalize(event));
        assertEquals(1, event.at("/properties/" + COMPOSED).intValue(), "the first keeps its place");
    }

    @Test
    void plainTextIsLeftAsItIs() {
        String ascii = "Order Completed";
        assertSame(ascii, TextNormalizer.normalize(ascii));
        String latin = "Gr\u00fc\u00dfe, na\u00efve"; // precomposed, below U+0300
        assertSame(latin, TextNormalizer.normalize(latin));
        String cjk = "\u6771\u4eac";
        assertEquals(cjk, TextNormalizer.normalize(cjk));
    }

    @Test
    void otherCompositions() {
        assertEquals("\uAC00", TextNormalizer.normalize("\u1100\u1161"), "Hangul jamo compose");
        assertEquals("\u00C5", TextNormalizer.normalize("\u212B"), "the Angstrom sign becomes A with ring");
        assertEquals("\u1E69", TextNormalizer.normalize("s\u0323\u0307"), "marks are reordered, then composed");
    }

    @Test
    void unstorableCharactersBecomeTheReplacementCharacter() {
        assertEquals("a\uFFFDb", TextNormalizer.normalize("a\u0000b"));
        assertEquals("a\uFFFDb", TextNormalizer.normalize("a\uD800b"), "lone high surrogate");
        assertEquals("a\uFFFD", TextNormalizer.normalize("a\uDC00"), "lone low surrogate");
        assertEquals("\uFFFD\uFFFD", TextNormalizer.normalize("\uDC00\uD800"), "reversed pair");
        String emoji = "\uD83D\uDE00";
        assertEquals(emoji, TextNormalizer.normalize(emoji), "a real pair is kept");
    }

    @Test
    void aNormalisedEventAlwaysSerialises() {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("k\uD800", "v\uDFFF\u0000");
        TextNormalizer.normalize(event);
        String json = new String(ProtocolJson.write(event), UTF_8);
        assertEquals("{\"k\uFFFD\":\"v\uFFFD\uFFFD\"}", json);
        assertTrue(json.getBytes(UTF_8).length > 0);
    }
}
