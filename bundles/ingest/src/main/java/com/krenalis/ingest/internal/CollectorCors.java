package com.krenalis.ingest.internal;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * CORS for the collector, as the browser SDKs need it: the requesting origin is reflected with credentials allowed,
 * any requested header is allowed (RudderStack sends AnonymousId and SentAt), and a preflight is valid for a day so
 * that browsers do not send one per event.
 */
final class CollectorCors {
    private CollectorCors() {
    }

    static Response allow(Response response, HttpHeaders request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return response;
        }
        return Response.fromResponse(response)
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Vary", "Origin")
                .build();
    }

    static Response preflight(HttpHeaders request) {
        String requested = request.getHeaderString("Access-Control-Request-Headers");
        Response.ResponseBuilder r = Response.noContent()
                .header("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
                .header("Access-Control-Max-Age", "86400");
        if (requested != null && !requested.isBlank()) {
            r.header("Access-Control-Allow-Headers", requested);
        }
        return allow(r.build(), request);
    }
}
