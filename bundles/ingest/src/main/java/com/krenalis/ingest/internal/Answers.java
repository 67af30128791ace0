package com.krenalis.ingest.internal;

import com.krenalis.ingest.internal.protocol.EventError;
import com.krenalis.ingest.internal.protocol.ProtocolException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's answers. Success is {@code {"success":true}} (analytics-java parses it); errors use the admin API's
 * shape, with one entry per bad event. Clients retry on 408, 429 and 5xx and give up on other 4xx, so a 5xx is only
 * ever sent for faults worth retrying.
 */
final class Answers {
    /** A transparent 1x1 GIF, for the pixel endpoints. */
    static final byte[] PIXEL = java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private Answers() {
    }

    static Response success() {
        return Response.ok(Map.of("success", true), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response pixel() {
        return Response.ok(PIXEL, "image/gif").header("Cache-Control", "no-store").build();
    }

    static Response error(CollectorError e) {
        Response r = error(e.status(), e.code(), e.getMessage(), null);
        // 413 and 415 stop reading the body part way: the connection cannot be reused.
        return e.status() == 413 || e.status() == 415 ? Response.fromResponse(r).header("Connection", "close").build() : r;
    }

    static Response invalid(ProtocolException e) {
        int status = e.reason() == ProtocolException.Reason.TOO_LARGE ? 413 : 400;
        List<Map<String, Object>> events = new ArrayList<>();
        for (EventError err : e.errors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", err.index());
            m.put("messageId", err.messageId());
            m.put("field", err.field());
            m.put("message", err.message());
            events.add(m);
        }
        String code = status == 413 ? "payload_too_large" : events.isEmpty() ? "invalid_request" : "invalid_events";
        return error(status, code, e.getMessage(), events.isEmpty() ? null : events);
    }

    static Response rateLimited(long retryAfterSeconds) {
        return Response.fromResponse(error(429, "rate_limited", "this workspace sends events faster than its limit; retry in "
                + retryAfterSeconds + " s", null)).header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    static Response unavailable(String message) {
        return Response.fromResponse(error(503, "unavailable", message, null)).header("Retry-After", "5").build();
    }

    private static Response error(int status, String code, String message, List<Map<String, Object>> events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (events != null) {
            body.put("events", events);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", body)).build();
    }
}
