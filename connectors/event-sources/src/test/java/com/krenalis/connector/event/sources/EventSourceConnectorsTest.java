package com.krenalis.connector.event.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.InvalidSettingsException;
import com.krenalis.api.settings.SettingField;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec, settings and check of every event source. */
class EventSourceConnectorsTest {
    /** The sources issue 3 asks for, in its order. */
    private static final List<String> ISSUE_CODES = List.of(
            "javascript", "android", "ios", "java", "nodejs", "python", "dotnet", "go", "segment", "rudderstack");

    /**
     * Per connector: code, name, kind, what its description must name (the official SDK packages or the forwarding
     * destination) and what its check message must tell the user to configure.
     */
    static Stream<Arguments> expectations() {
        return Stream.of(
                Arguments.of(new JavaScriptConnector(), "javascript", "JavaScript", ConnectorKind.SDK,
                        List.of("@segment/analytics-next", "@rudderstack/analytics-js"),
                        List.of("apiHost", "cdnURL", "configUrl", "data plane URL")),
                Arguments.of(new AndroidConnector(), "android", "Android", ConnectorKind.SDK,
                        List.of("com.segment.analytics.kotlin:android", "com.rudderstack.android.sdk:core"),
                        List.of("apiHost", "cdnHost", "withDataPlaneUrl", "withControlPlaneUrl")),
                Arguments.of(new IosConnector(), "ios", "iOS", ConnectorKind.SDK,
                        List.of("Analytics-Swift", "CocoaPod Rudder"),
                        List.of("apiHost", "cdnHost", "data plane URL", "control plane URL")),
                Arguments.of(new JavaConnector(), "java", "Java", ConnectorKind.SDK,
                        List.of("com.segment.analytics.java:analytics", "com.rudderstack.sdk.java.analytics:analytics"),
                        List.of("endpoint(", "setDataPlaneUrl(")),
                Arguments.of(new NodeJsConnector(), "nodejs", "Node.js", ConnectorKind.SDK,
                        List.of("@segment/analytics-node", "@rudderstack/rudder-sdk-node"),
                        List.of("as host", "dataPlaneUrl")),
                Arguments.of(new PythonConnector(), "python", "Python", ConnectorKind.SDK,
                        List.of("segment-analytics-python", "rudder-sdk-python"),
                        List.of("analytics.host", "dataPlaneUrl")),
                Arguments.of(new DotNetConnector(), "dotnet", ".NET", ConnectorKind.SDK,
                        List.of("Segment.Analytics.CSharp", "RudderAnalytics"),
                        List.of("apiHost", "cdnHost", "dataPlaneUrl")),
                Arguments.of(new GoConnector(), "go", "Go", ConnectorKind.SDK,
                        List.of("github.com/segmentio/analytics-go/v3", "github.com/rudderlabs/analytics-go/v4"),
                        List.of("Config.Endpoint", "data plane URL")),
                Arguments.of(new SegmentWebhookConnector(), "segment", "Segment (webhook)", ConnectorKind.WEBHOOK,
                        List.of("Webhooks (Actions)"),
                        List.of("Webhooks (Actions)", "/v1/events", "batching off", "Authorization: Basic")),
                Arguments.of(new RudderStackWebhookConnector(), "rudderstack", "RudderStack (webhook)",
                        ConnectorKind.WEBHOOK, List.of("Webhook destination"),
                        List.of("Webhook destination", "/v1/events", "Authorization: Basic")));
    }

    @Test
    void codesAreUniqueAndExactlyThoseOfTheIssue() {
        List<String> codes = EventSources.ALL.stream().map(c -> c.spec().code()).toList();
        assertEquals(ISSUE_CODES, codes);
        assertEquals(codes.size(), Set.copyOf(codes).size(), "duplicate code in " + codes);
        assertEquals(ISSUE_CODES, expectations().map(a -> a.get()[1]).toList(), "every connector has expectations");
    }

    @Test
    void namesAreUniqueSoAUserCanTellTheSourcesApart() {
        Set<String> names = EventSources.ALL.stream().map(c -> c.spec().name()).collect(Collectors.toSet());
        assertEquals(EventSources.ALL.size(), names.size(), names.toString());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("expectations")
    void specIdentifiesTheSourceAndItsSdk(EventSourceConnector connector, String code, String name,
                                          ConnectorKind kind, List<String> packages, List<String> setup) {
        ConnectorSpec spec = connector.spec();
        assertEquals(code, spec.code());
        assertEquals(name, spec.name());
        assertEquals(Set.of(kind), spec.kinds());
        for (String p : packages) {
            assertTrue(spec.description().contains(p), code + " description names " + p + ": " + spec.description());
        }
        assertTrue(spec.description().endsWith("."), "one sentence: " + spec.description());
        assertEquals(spec, connector.spec(), "a constant");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("expectations")
    void checkSaysWhatToConfigureInTheSender(EventSourceConnector connector, String code, String name,
                                             ConnectorKind kind, List<String> packages, List<String> setup)
            throws Exception {
        CheckResult result = connector.check(connector.spec().settings().validate(Map.of()), Duration.ofSeconds(1));
        assertTrue(result.ok(), result.message());
        assertTrue(result.message().startsWith("Ready to receive events"), result.message());
        for (String s : setup) {
            assertTrue(result.message().contains(s), code + " check mentions " + s + ": " + result.message());
        }
        assertTrue(result.message().contains("base URL"), result.message());
        assertTrue(result.message().contains("POST /v1/connections/{id}/event-write-keys"), result.message());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("expectations")
    void unknownSettingIsRejectedNamingIt(EventSourceConnector connector, String code) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> connector.spec().settings().validate(Map.of("dataPlaneUrl", "https://krenalis.example.com")));
        assertEquals(List.of(new FieldError("dataPlaneUrl", "unknown setting")), e.errors());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("expectations")
    void onlyTheJavaScriptSourceHasSettingsAndNoneIsRequired(EventSourceConnector connector, String code)
            throws Exception {
        List<String> fields = connector.spec().settings().fields().stream().map(SettingField::name).toList();
        assertEquals(code.equals("javascript") ? List.of("allowedOrigins") : List.of(), fields);
        assertEquals(List.of(), connector.validate(connector.spec().settings().validate(Map.of())));
    }
}
