package com.krenalis.ingest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.Unauthenticated;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
 * The protocol's paths except {@code /v1/events}, which {@link EventsCollectorResource} serves: JAX-RS chooses a root
 * resource by path before method, so {@code /v1/events} must be rooted where the admin API reads events too.
 */
@Component(service = CollectorResource.class)
@JakartarsResource
@JakartarsExtensionSelect("(osgi.jakartars.media.type=" + MediaType.APPLICATION_JSON + ")")
@Unauthenticated
@Path("/")
public final class CollectorResource {
    /** Every POST path of the protocol but /v1/events; {@code Endpoint.forPath} tells them apart. */
    static final String POST_PATHS = "{path: (v1/(batch|import|b|identify|track|page|screen|group|alias|i|t|p|s|g|a)"
            + "|beacon/v1/batch)/?}";

    private final Collector collector;

    @Activate
    public CollectorResource(@Reference Collector collector) {
        this.collector = requireNonNull(collector);
    }

    @POST
    @Path(POST_PATHS)
    @Consumes(MediaType.WILDCARD)
    public Response collect(@Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServletRequest http,
                            InputStream body) {
        return collector.collect(headers, uri, http, body);
    }

    @GET
    @Path("pixel/v1/{type: track|page}")
    public Response pixel(@Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServletRequest http) {
        return collector.pixel(headers, uri, http);
    }

    /** CORS preflight (browsers ask before posting with Authorization or JSON). */
    @OPTIONS
    @Path(POST_PATHS)
    public Response preflight(@Context HttpHeaders headers) {
        return CollectorCors.preflight(headers);
    }
}
