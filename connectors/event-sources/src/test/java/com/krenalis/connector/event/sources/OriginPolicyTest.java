package com.krenalis.connector.event.sources;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final JavaScriptConnector js = new JavaScriptConnector();

    private Settings settings(String origins) throws Exception {
        return js.spec().settings().validate(origins == null ? Map.of() : Map.of("allowedOrigins", origins));
    }

    @Test
    void noListAcceptsEveryOrigin() throws Exception {
        assertTrue(js.acceptsOrigin(settings(null), "https://anything.example"));
        assertTrue(js.acceptsOrigin(settings(""), "null"));
    }

    @Test
    void exactEntriesAndWildcardSubdomains() throws Exception {
        Settings s = settings("https://www.example.com, https://*.shop.example, http://localhost:3000");
        assertTrue(js.acceptsOrigin(s, "https://www.example.com"));
        assertTrue(js.acceptsOrigin(s, "HTTPS://WWW.EXAMPLE.COM"), "case-insensitive");
        assertTrue(js.acceptsOrigin(s, "https://eu.shop.example"));
        assertTrue(js.acceptsOrigin(s, "https://a.b.shop.example"));
        assertTrue(js.acceptsOrigin(s, "http://localhost:3000"));
        assertFalse(js.acceptsOrigin(s, "https://shop.example"), "a wildcard does not match the bare domain");
        assertFalse(js.acceptsOrigin(s, "http://www.example.com"), "the scheme counts");
        assertFalse(js.acceptsOrigin(s, "https://www.example.com:8443"), "the port counts");
        assertFalse(js.acceptsOrigin(s, "https://evil-shop.example"));
        assertFalse(js.acceptsOrigin(s, "https://www.example.com.evil.net"));
        assertFalse(js.acceptsOrigin(s, "null"));
        assertFalse(js.acceptsOrigin(s, "http://localhost:3001"));
    }
}
