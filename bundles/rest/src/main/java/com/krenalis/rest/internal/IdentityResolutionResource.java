package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.profiles.IdentityResolutionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /v1/identity-resolution} of the selected workspace: its settings, starting a run (202: it goes on in the
 * background), the runs, rollback to the previous result.
 */
@Component(service = IdentityResolutionResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/identity-resolution")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class IdentityResolutionResource {
    static final int DEFAULT_RUNS = 20;
    static final int MAX_RUNS = 100;
    private final IdentityResolutionService resolution;

    @Activate
    public IdentityResolutionResource(@Reference IdentityResolutionService resolution) {
        this.resolution = requireNonNull(resolution);
    }

    @GET
    @Path("settings")
    public Map<String, Object> settings(@Context ContainerRequestContext request) {
        return IdentityResolutionJson.settings(resolution.settings(ApiKeyFilter.principal(request), WorkspaceSelection.of(request)));
    }

    /** Fields of the body replace the current settings; omitted fields are unchanged. */
    @PUT
    @Path("settings")
    public Map<String, Object> updateSettings(@Context ContainerRequestContext request, Map<String, Object> body) {
        Map<String, Object> in = Inputs.required(body);
        Principal principal = ApiKeyFilter.principal(request);
        long workspace = WorkspaceSelection.of(request);
        var settings = IdentityResolutionJson.settings(in, resolution.settings(principal, workspace));
        return IdentityResolutionJson.settings(resolution.updateSettings(principal, workspace, settings));
    }

    @POST
    @Path("start")
    public Response start(@Context ContainerRequestContext request) {
        var run = resolution.start(ApiKeyFilter.principal(request), WorkspaceSelection.of(request));
        return Response.status(Response.Status.ACCEPTED).entity(IdentityResolutionJson.run(run)).build();
    }

    @GET
    @Path("latest")
    public Map<String, Object> latest(@Context ContainerRequestContext request) {
        long workspace = WorkspaceSelection.of(request);
        return IdentityResolutionJson.run(resolution.latest(ApiKeyFilter.principal(request), workspace)
                .orElseThrow(() -> new NotFoundException("workspace " + workspace + " has no identity resolution run yet")));
    }

    @GET
    @Path("runs")
    public Map<String, Object> runs(@Context ContainerRequestContext request, @QueryParam("limit") String limit) {
        int n = QueryParams.integer("limit", limit, DEFAULT_RUNS);
        if (n < 1 || n > MAX_RUNS) {
            throw ApiError.badRequest("limit", "must be between 1 and " + MAX_RUNS);
        }
        return Map.of("runs", resolution.runs(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), n).stream()
                .map(IdentityResolutionJson::run).toList());
    }

    @GET
    @Path("runs/{id}")
    public Map<String, Object> run(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return IdentityResolutionJson.run(resolution.run(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                QueryParams.id("id", id)));
    }

    @POST
    @Path("rollback")
    public Map<String, Object> rollback(@Context ContainerRequestContext request) {
        return IdentityResolutionJson.run(resolution.rollback(ApiKeyFilter.principal(request), WorkspaceSelection.of(request)));
    }
}
