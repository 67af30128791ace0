package com.krenalis.core.internal.mapping;

import static com.krenalis.core.internal.mapping.Expressions.map;
import static com.krenalis.core.internal.mapping.MappingFixtures.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.settings.FieldError;
import com.krenalis.api.transform.TransformationFunction;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole records: output in schema order, nested output paths, null semantics, failing records. */
class MappingTest {

    @Test
    void theOutputIsInSchemaOrderWhateverTheMappingsOrder() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vip", "eq(plan, \"paid\")");
        m.put("email", "lower(trim(mail))");
        m.put("age", "years");
        Map<String, Object> out = compile(m).apply(map("mail", " Ada@Example.COM ", "plan", "paid", "years", "36"));
        assertEquals(List.of("email", "age", "vip"), List.copyOf(out.keySet()));
        assertEquals(map("email", "ada@example.com", "age", 36L, "vip", true), out);
    }

    @Test
    void anObjectIsBuiltFromItsMappedProperties() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("address.geo.lon", "lon");
        m.put("address.city", "initcap(town)");
        m.put("address.street", "street");
        Mapping mapping = compile(m);
        assertEquals(map("address", map("street", "Via Roma 1", "city", "Roma", "geo", map("lon", 12.5))),
                mapping.apply(map("town", "ROMA", "street", "Via Roma 1", "lon", "12.5")));
        assertEquals(map(), mapping.apply(map()), "no nested value: no object");
        assertEquals(map("address", map("city", "Roma")), mapping.apply(map("town", "roma")), "no geo without its values");
    }

    @Test
    void aRequiredNestedPropertyWithoutValueFailsTheRecord() {
        Mapping mapping = compile(Map.of("address.city", "town", "address.street", "street"));
        MappingResult r = mapping.evaluate(map("street", "Via Roma 1"));
        assertEquals(List.of(new FieldError("address.city", "is required (the property is not nullable), and the expression "
                + "gave no value")), r.errors());
    }

    @Test
    void aRequiredObjectWithoutNestedValuesIsEmpty() throws Exception {
        ObjectType output = Type.object(List.of(new Property("meta", Type.object(List.of(Property.of("a", Type.string()))),
                false, "")));
        Mapping mapping = Mapping.compile(Map.of("meta.a", "x"), null, output);
        assertEquals(map("meta", map()), mapping.apply(map()));
    }

    @Test
    void aRecordFailsWithEveryFailingPropertyListed() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("email", "lower(mail)");
        m.put("name", "initcap(first)");
        m.put("age", "years");
        m.put("code", "country");
        m.put("tags", "array(plan, country)");
        Mapping mapping = compile(m);
        Map<String, Object> record = map("mail", List.of("x"), "first", "ada", "years", 300, "country", "ITA",
                "plan", "a plan with a long name");
        MappingResult r = mapping.evaluate(record);
        assertTrue(r.failed());
        assertEquals(List.of(
                new FieldError("email", "at 7: lower takes a string, was an array"),
                new FieldError("age", "is out of range: int(8) accepts 0 to 120, was 300"),
                new FieldError("tags[0]", "has 23 characters; at most 10 are allowed (values are not truncated)")), r.errors());
        assertEquals(map("name", "Ada", "code", "ITA"), r.values(), "what did convert, for a preview");

        MappingException e = assertThrows(MappingException.class, () -> mapping.apply(record));
        assertEquals(r.errors(), e.errors());
        assertEquals("email: at 7: lower takes a string, was an array; age: is out of range: int(8) accepts 0 to 120, "
                + "was 300; tags[0]: has 23 characters; at most 10 are allowed (values are not truncated)", e.getMessage());
        assertEquals(0, e.getStackTrace().length, "cheap: failing records are expected");
    }

    @Test
    void messagesNeverQuoteStringValues() {
        Mapping mapping = compile(Map.of("age", "v", "email", "v", "vip", "v", "seen", "v", "ref", "v", "ip", "v",
                "extra", "json_parse(v)", "name", "lower(w)", "code", "v"));
        MappingResult r = mapping.evaluate(map("v", "secret-value-x", "w", List.of("secret-value-y")));
        assertEquals(8, r.errors().size(), r.errors().toString());
        for (FieldError e : r.errors()) {
            assertFalse(e.message().contains("secret"), e.toString());
        }
    }

    @Test
    void aMappingIsATransformationFunctionThatDropsNothing() throws Exception {
        try (TransformationFunction f = compile(Map.of("email", "mail"))) {
            assertEquals(map(), f.apply(map()));
            assertEquals(map("email", "a@b.c"), f.apply(map("mail", "a@b.c")));
        }
    }

    @Test
    void oneMappingServesManyThreads() throws Exception {
        Mapping mapping = compile(Map.of("email", "lower(mail)", "visits", "n"));
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    Map<String, Object> out = mapping.evaluate(map("mail", "U" + id + "@X", "n", i)).values();
                    if (!out.equals(map("email", "u" + id + "@x", "visits", (long) i))) {
                        wrong.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, wrong.get());
    }
}
