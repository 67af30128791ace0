package com.krenalis.ingest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ConnectionService;
import com.krenalis.api.platform.Unauthenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /v1/events/settings/{writeKey}}: Krenalis' own settings answer: the source and its data plane URL. */
@Component(service = EventSettingsResource.class)
@JakartarsResource
@JakartarsExtensionSelect("(osgi.jakartars.media.type=" + MediaType.APPLICATION_JSON + ")")
@Unauthenticated
@Path("/v1/events/settings/{writeKey}")
public final class EventSettingsResource {
    private final ConnectionService connections;

    @Activate
    public EventSettingsResource(@Reference ConnectionService connections) {
        this.connections = requireNonNull(connections);
    }

    @GET
    public Response settings(@PathParam("writeKey") String writeKey, @Context UriInfo uri, @Context HttpHeaders headers) {
        try {
            return SourceSettings.answer(SourceSettings.krenalis(writeKey, SourceSettings.find(connections, writeKey), uri), headers);
        } catch (CollectorError e) {
            return CollectorCors.allow(Answers.error(e), headers);
        }
    }

    @OPTIONS
    public Response preflight(@Context HttpHeaders headers) {
        return CollectorCors.preflight(headers);
    }
}
