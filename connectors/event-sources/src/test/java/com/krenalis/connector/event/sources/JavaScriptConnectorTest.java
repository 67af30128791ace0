package com.krenalis.connector.event.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allowedOrigins setting: its syntax, the rules beyond it, and what the check reports. */
class JavaScriptConnectorTest {
    private final JavaScriptConnector connector = new JavaScriptConnector();

    private Settings settings(String allowedOrigins) throws InvalidSettingsException {
        return connector.spec().settings().validate(Map.of("allowedOrigins", allowedOrigins));
    }

    @Test
    void absentOrEmptyAllowsEveryOrigin() throws Exception {
        for (Settings s : List.of(connector.spec().settings().validate(Map.of()), settings(""))) {
            assertEquals(List.of(), connector.validate(s));
            String message = connector.check(s, Duration.ofSeconds(1)).message();
            assertTrue(message.startsWith("Ready to receive events from pages of any website"), message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://www.example.com",
            "http://localhost:3000",
            "https://www.example.com,https://shop.example.com",
            "https://www.example.com , https://shop.example.com:8443",
            "https://*.example.com, https://example.com",
            "http://127.0.0.1:8080",
            "http://[::1]:8080",
            "https://xn--bcher-kva.example",
            "https://a.b.c.example.co.uk:65535"})
    void originsAsBrowsersSendThemAreAccepted(String value) throws Exception {
        Settings s = settings(value);
        assertEquals(List.of(), connector.validate(s), value);
        assertEquals(value, s.requireString("allowedOrigins"), "stored as given");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "www.example.com",                              // no scheme
            "https://www.example.com/",                     // a path
            "https://www.example.com/shop",
            "https://WWW.example.com",                      // browsers send lower case
            "HTTPS://www.example.com",
            "ftp://example.com",
            "https://example.com,",                         // empty entry
            ",https://example.com",
            "https://a.example.com;https://b.example.com",  // wrong separator
            "https://a.example.com https://b.example.com",
            "*",                                            // empty means every origin; one way to say it
            "https://exa mple.com",
            "https://-bad.example.com",
            "https://bad-.example.com",
            "https://example.com:",
            "https://example.com:123456",
            "https://www.*.example.com",
            "https://*.*.example.com",
            "null",
            " https://example.com"})
    void malformedListIsAnErrorOnAllowedOrigins(String value) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings(value));
        assertEquals(1, e.errors().size(), e.getMessage());
        FieldError error = e.errors().get(0);
        assertEquals("allowedOrigins", error.field());
        assertTrue(error.message().startsWith("must be a comma-separated list of origins"), error.message());
    }

    @Test
    void multiLineAndOverlongValuesAreErrorsOnAllowedOrigins() {
        String longList = String.join(",", java.util.Collections.nCopies(200, "https://www.example.com"));
        for (String value : List.of("https://a.example.com\nhttps://b.example.com", longList)) {
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> settings(value));
            assertEquals(List.of("allowedOrigins"), e.errors().stream().map(FieldError::field).toList());
        }
    }

    @Test
    void validateNamesEachOriginABrowserCouldNeverSend() throws Exception {
        assertProblem("https://www.example.com:443", "browsers omit the default port, write https://www.example.com");
        assertProblem("http://www.example.com:80", "browsers omit the default port, write http://www.example.com");
        assertProblem("https://*.example.com:443", "write https://*.example.com");
        assertProblem("https://www.example.com:0", "port must be a number from 1 to 65535");
        assertProblem("https://www.example.com:65536", "port must be a number from 1 to 65535");
        assertProblem("https://www.example.com:08080", "without leading zeros");
        assertProblem("https://*.com", "at least two labels");
        assertProblem("https://a.example.com, https://a.example.com", "https://a.example.com is listed twice");
    }

    @Test
    void validateReportsEveryProblemOnAllowedOrigins() throws Exception {
        List<FieldError> errors = connector.validate(
                settings("https://ok.example.com, https://a.example.com:443, https://*.org, https://ok.example.com"));
        assertEquals(List.of(
                new FieldError("allowedOrigins", "https://a.example.com:443: browsers omit the default port, "
                        + "write https://a.example.com"),
                new FieldError("allowedOrigins", "https://*.org: a wildcard must be followed by a domain of at "
                        + "least two labels, such as *.example.com"),
                new FieldError("allowedOrigins", "https://ok.example.com is listed twice")), errors);
    }

    @Test
    void checkListsTheAllowedOrigins() throws Exception {
        String message = connector.check(settings("https://www.example.com ,https://*.example.com"),
                Duration.ofSeconds(1)).message();
        assertTrue(message.startsWith(
                "Ready to receive events from pages of https://www.example.com, https://*.example.com."), message);
    }

    @Test
    void parseSplitsOnCommasAndTrims() {
        assertEquals(List.of(), AllowedOrigins.parse(""));
        assertEquals(List.of("https://a.example.com", "http://localhost:3000"),
                AllowedOrigins.parse("https://a.example.com ,  http://localhost:3000"));
    }

    private void assertProblem(String value, String expected) throws Exception {
        List<FieldError> errors = connector.validate(settings(value));
        assertEquals(1, errors.size(), value + " -> " + errors);
        assertEquals("allowedOrigins", errors.get(0).field());
        assertTrue(errors.get(0).message().contains(expected), errors.get(0).message());
    }
}
