package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transformation engines the distribution ships (features/engines) are listed active by the running server. */
@ExtendWith({SharedServer.class, ServerLogs.class})
class TransformationLanguagesIT {
    private static AdminApi admin;

    @BeforeAll
    static void connect(AdminApi api) {
        admin = api;
    }

    @Test
    void pythonIsListedActiveFromTheEnginesFolder() {
        JsonNode languages = admin.get("/v1/transformation-languages").expect(200).json().path("transformationLanguages");
        JsonNode python = elements(languages).filter(l -> l.path("code").asText().equals("python")).findFirst()
                .orElseThrow(() -> new AssertionError("python is not listed: " + languages));
        assertEquals("active", python.path("state").asText(), python::toString);
        assertEquals("Python 2.7 (Jython 2.7.4)", python.path("name").asText(), python::toString);
        assertEquals("MIT", python.path("license").asText(), python::toString);
        assertEquals("com.krenalis.transform.python", python.path("bundle").path("symbolicName").asText(), python::toString);
        assertTrue(python.path("bundle").path("location").asText().contains("/bundles/engines/"), python::toString);
    }
}
