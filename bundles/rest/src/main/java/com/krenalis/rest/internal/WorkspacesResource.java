package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.WorkspaceService;
import com.krenalis.rest.internal.Inputs.WorkspaceInput;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.component.annotations.Reference;

/** {@code /v1/workspaces}: create, list, get, update (name and/or warehouse), delete. */
@Component(service = WorkspacesResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/workspaces")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class WorkspacesResource {
    private final WorkspaceService workspaces;

    @Activate
    public WorkspacesResource(@Reference WorkspaceService workspaces) {
        this.workspaces = requireNonNull(workspaces);
    }

    @GET
    public Map<String, Object> list(@Context ContainerRequestContext request) {
        return Map.of("workspaces", workspaces.list(ApiKeyFilter.principal(request)).stream().map(Views.WorkspaceView::of).toList());
    }

    @POST
    public Response create(@Context ContainerRequestContext request, @Context UriInfo uri, WorkspaceInput body) {
        WorkspaceInput in = Inputs.required(body);
        var created = workspaces.create(ApiKeyFilter.principal(request), in.name(),
                in.warehouse() == null ? null : in.warehouse().toConfig());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
                .entity(Views.WorkspaceView.of(created)).build();
    }

    @GET
    @Path("{id}")
    public Views.WorkspaceView get(@Context ContainerRequestContext request, @PathParam("id") long id) {
        return Views.WorkspaceView.of(workspaces.get(ApiKeyFilter.principal(request), id));
    }

    /** Fields left out are unchanged; {@code "warehouse": {"driver": null}} moves to the default warehouse. */
    @PUT
    @Path("{id}")
    public Views.WorkspaceView update(@Context ContainerRequestContext request, @PathParam("id") long id, WorkspaceInput body) {
        WorkspaceInput in = Inputs.required(body);
        return Views.WorkspaceView.of(workspaces.update(ApiKeyFilter.principal(request), id, in.name(),
                in.warehouse() == null ? null : in.warehouse().toConfig()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context ContainerRequestContext request, @PathParam("id") long id) {
        workspaces.delete(ApiKeyFilter.principal(request), id);
        return Response.noContent().build();
    }
}
