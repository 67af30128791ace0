package com.krenalis.ingest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ConnectionService;
import com.krenalis.api.platform.Unauthenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /sourceConfig/?writeKey=K} (or Basic auth): the source configuration RudderStack's browser SDK fetches. */
@Component(service = RudderStackSourceConfigResource.class)
@JakartarsResource
@JakartarsExtensionSelect("(osgi.jakartars.media.type=" + MediaType.APPLICATION_JSON + ")")
@Unauthenticated
@Path("/sourceConfig{slash: /?}")
public final class RudderStackSourceConfigResource {
    private final ConnectionService connections;

    @Activate
    public RudderStackSourceConfigResource(@Reference ConnectionService connections) {
        this.connections = requireNonNull(connections);
    }

    @GET
    public Response sourceConfig(@QueryParam("writeKey") String queryKey, @Context HttpHeaders headers) {
        try {
            String writeKey = WriteKeys.fromRequest(headers.getHeaderString(HttpHeaders.AUTHORIZATION), queryKey);
            return SourceSettings.answer(SourceSettings.rudderStack(writeKey, SourceSettings.find(connections, writeKey)), headers);
        } catch (CollectorError e) {
            return CollectorCors.allow(Answers.error(e), headers);
        }
    }

    @OPTIONS
    public Response preflight(@Context HttpHeaders headers) {
        return CollectorCors.preflight(headers);
    }
}
