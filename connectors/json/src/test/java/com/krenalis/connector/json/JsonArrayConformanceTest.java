package com.krenalis.connector.json;

import com.krenalis.conformance.Fixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The shared file-format suite on a JSON array of objects. */
class JsonArrayConformanceTest extends JsonConformance {

    @Override
    protected Map<String, Object> settings() {
        return Map.of("layout", "array");
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("layout", "xml");
    }

    @Override
    protected String invalidField() {
        return "layout";
    }

    @Override
    protected byte[] file(List<Fixture.User> users) {
        return JsonText.array(JsonText.objects(users)).getBytes(StandardCharsets.UTF_8);
    }

    /** An element that is a number, not an object. */
    @Override
    protected byte[] fileWithMalformedRecord(List<Fixture.User> users) {
        List<String> elements = new java.util.ArrayList<>(JsonText.objects(users));
        elements.add(2, "42");
        return JsonText.array(elements).getBytes(StandardCharsets.UTF_8);
    }

    /** A truncated array. */
    @Override
    protected byte[] brokenFile() {
        return "[{\"id\": \"u1\", \"email\": ".getBytes(StandardCharsets.UTF_8);
    }
}
