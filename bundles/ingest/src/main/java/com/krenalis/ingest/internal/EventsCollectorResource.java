package com.krenalis.ingest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.Unauthenticated;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code POST /v1/events} and {@code /v1/events/{type}}: Krenalis' own collector paths. Rooted at {@code /v1/events}
 * like the admin API's {@code GET /v1/events}; Jersey merges resources with the same root path.
 */
@Component(service = EventsCollectorResource.class)
@JakartarsResource
@JakartarsExtensionSelect("(osgi.jakartars.media.type=" + MediaType.APPLICATION_JSON + ")")
@Path("/v1/events")
public final class EventsCollectorResource {
    private final Collector collector;

    @Activate
    public EventsCollectorResource(@Reference Collector collector) {
        this.collector = requireNonNull(collector);
    }

    @POST
    @Unauthenticated
    @Consumes(MediaType.WILDCARD)
    public Response batch(@Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServletRequest http, InputStream body) {
        return collector.collect(headers, uri, http, body);
    }

    @POST
    @Unauthenticated
    @Path("{type: [a-z]+/?}")
    @Consumes(MediaType.WILDCARD)
    public Response single(@Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServletRequest http, InputStream body) {
        return collector.collect(headers, uri, http, body);
    }

    @OPTIONS
    @Unauthenticated
    public Response preflight(@Context HttpHeaders headers) {
        return CollectorCors.preflight(headers);
    }

    @OPTIONS
    @Unauthenticated
    @Path("{type: [a-z]+/?}")
    public Response preflightSingle(@Context HttpHeaders headers) {
        return CollectorCors.preflight(headers);
    }
}
