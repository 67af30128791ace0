package com.krenalis.ingest.internal;

import com.krenalis.api.platform.ConnectionService;
import com.krenalis.api.platform.EventSourceTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the device-mode SDKs fetch before sending: the source a write key belongs to, in the three shapes the SDKs
 * read (analytics.js CDN settings, RudderStack's sourceConfig, and ours). Answers are CORS-enabled: browsers fetch
 * them from the page's origin.
 */
final class SourceSettings {
    private SourceSettings() {
    }

    static EventSourceTarget find(ConnectionService connections, String writeKey) {
        if (writeKey == null || writeKey.isBlank()) {
            throw new CollectorError(401, "unauthorized", "missing write key");
        }
        return connections.resolveWriteKey(writeKey.trim())
                .orElseThrow(() -> new CollectorError(404, "not_found", "no source has this write key"));
    }

    /** analytics.js / @segment/analytics-next: where to send events, and no metrics sent back to Segment. */
    static Map<String, Object> segment(String writeKey, UriInfo uri) {
        String scheme = uri.getBaseUri().getScheme();
        String hostPort = uri.getBaseUri().getAuthority();
        Map<String, Object> segmentIo = new LinkedHashMap<>();
        segmentIo.put("apiKey", writeKey);
        segmentIo.put("apiHost", hostPort + "/v1");
        segmentIo.put("protocol", scheme);
        segmentIo.put("unbundledIntegrations", List.of());
        segmentIo.put("addBundledMetadata", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("integrations", Map.of("Segment.io", segmentIo));
        body.put("plan", Map.of("track", Map.of("__default", Map.of("enabled", true, "integrations", Map.of())),
                "identify", Map.of("__default", Map.of("enabled", true)), "group", Map.of("__default", Map.of("enabled", true))));
        body.put("edgeFunction", Map.of());
        body.put("analyticsNextEnabled", true);
        body.put("middlewareSettings", Map.of());
        body.put("enabledMiddleware", Map.of());
        body.put("metrics", Map.of("sampleRate", 0));
        body.put("legacyVideoPluginsEnabled", false);
        body.put("remotePlugins", List.of());
        return body;
    }

    /** @rudderstack/analytics-js: the minimum it needs, with no device-mode destinations. */
    static Map<String, Object> rudderStack(String writeKey, EventSourceTarget source) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", Long.toString(source.connectionId()));
        s.put("writeKey", writeKey);
        s.put("workspaceId", Long.toString(source.workspaceId()));
        s.put("enabled", source.enabled());
        s.put("config", Map.of());
        s.put("destinations", List.of());
        return Map.of("isHosted", false, "source", s);
    }

    /** Ours: the source and where to send events. */
    static Map<String, Object> krenalis(String writeKey, EventSourceTarget source, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("writeKey", writeKey);
        body.put("source", Map.of("id", source.connectionId(), "connector", source.connector(), "enabled", source.enabled()));
        String base = uri.getBaseUri().toString();
        body.put("dataPlaneUrl", base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        return body;
    }

    static Response answer(Map<String, Object> body, HttpHeaders headers) {
        return CollectorCors.allow(Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build(), headers);
    }
}
