package com.krenalis.connector.json;

import com.krenalis.conformance.Fixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shared file-format suite on NDJSON (one object per line). */
class JsonNdjsonConformanceTest extends JsonConformance {

    @Override
    protected Map<String, Object> settings() {
        return Map.of("layout", "ndjson");
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("encoding", "UTF-16");
    }

    @Override
    protected String invalidField() {
        return "encoding";
    }

    @Override
    protected byte[] file(List<Fixture.User> users) {
        return JsonText.ndjson(JsonText.objects(users)).getBytes(StandardCharsets.UTF_8);
    }

    /** A line cut short: it does not parse. */
    @Override
    protected byte[] fileWithMalformedRecord(List<Fixture.User> users) {
        List<String> lines = new ArrayList<>(JsonText.objects(users));
        lines.add(2, "{\"id\": \"u9\", \"email\": ");
        return JsonText.ndjson(lines).getBytes(StandardCharsets.UTF_8);
    }

    /** Not JSON at all. */
    @Override
    protected byte[] brokenFile() {
        return "<html><body>Not found</body></html>\n".getBytes(StandardCharsets.UTF_8);
    }
}
