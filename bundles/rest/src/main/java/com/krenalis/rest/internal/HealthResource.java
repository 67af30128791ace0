package com.krenalis.rest.internal;

import com.krenalis.api.platform.Unauthenticated;
import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.PlatformStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /v1/health}: 200 once the server has started and its metadata store answers, else 503. No key needed. */
@Component(service = HealthResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/health")
public final class HealthResource {
    private final PlatformStatus status;

    @Activate
    public HealthResource(@Reference PlatformStatus status) {
        this.status = requireNonNull(status);
    }

    @GET
    @Unauthenticated
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean healthy = status.healthy();
        Map<String, Object> body = Map.of("status", healthy ? "ok" : "unavailable", "version", status.version(),
                "uptimeSeconds", Duration.between(status.startedAt(), Instant.now()).toSeconds());
        return Response.status(healthy ? 200 : 503).entity(body).header("Cache-Control", "no-store").build();
    }
}
