package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ApiKeyService;
import com.krenalis.rest.internal.Inputs.ApiKeyInput;
import com.krenalis.rest.internal.Inputs.RenameInput;
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

/** {@code /v1/api-keys}: the token is returned once, by create. */
@Component(service = ApiKeysResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ApiKeysResource {
    private final ApiKeyService keys;

    @Activate
    public ApiKeysResource(@Reference ApiKeyService keys) {
        this.keys = requireNonNull(keys);
    }

    @GET
    public Map<String, Object> list(@Context ContainerRequestContext request) {
        return Map.of("apiKeys", keys.list(ApiKeyFilter.principal(request)).stream().map(Views.ApiKeyView::of).toList());
    }

    @POST
    public Response create(@Context ContainerRequestContext request, @Context UriInfo uri, ApiKeyInput body) {
        ApiKeyInput in = Inputs.required(body);
        var created = keys.create(ApiKeyFilter.principal(request), in.name(), in.workspaceId());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.key().id())).build())
                .entity(Views.ApiKeyView.of(created.key(), created.token())).build();
    }

    @GET
    @Path("{id}")
    public Views.ApiKeyView get(@Context ContainerRequestContext request, @PathParam("id") long id) {
        return Views.ApiKeyView.of(keys.get(ApiKeyFilter.principal(request), id));
    }

    @PUT
    @Path("{id}")
    public Views.ApiKeyView rename(@Context ContainerRequestContext request, @PathParam("id") long id, RenameInput body) {
        return Views.ApiKeyView.of(keys.rename(ApiKeyFilter.principal(request), id, Inputs.required(body).name()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context ContainerRequestContext request, @PathParam("id") long id) {
        keys.delete(ApiKeyFilter.principal(request), id);
        return Response.noContent().build();
    }
}
