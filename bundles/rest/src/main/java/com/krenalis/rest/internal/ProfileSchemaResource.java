package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.profiles.UserSchemaService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /v1/profiles/schema}: the selected workspace's user schema, its change (destructive parts only when allowed)
 * and the preview of a change. A root of its own under {@code /v1/profiles}: JAX-RS prefers the root with more literal
 * characters, so {@code /v1/profiles/schema} comes here and never to {@code /v1/profiles/{kpid}}.
 */
@Component(service = ProfileSchemaResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/profiles/schema")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProfileSchemaResource {
    private final UserSchemaService schemas;

    @Activate
    public ProfileSchemaResource(@Reference UserSchemaService schemas) {
        this.schemas = requireNonNull(schemas);
    }

    @GET
    public Map<String, Object> get(@Context ContainerRequestContext request) {
        return ProfileSchemaJson.schema(schemas.schema(ApiKeyFilter.principal(request), WorkspaceSelection.of(request)));
    }

    @PUT
    public Map<String, Object> update(@Context ContainerRequestContext request, Map<String, Object> body) {
        Map<String, Object> in = Inputs.required(body);
        var desired = ProfileSchemaJson.schema(in, Set.of("allowDestructive"));
        return ProfileSchemaJson.change(schemas.update(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                desired, ProfileSchemaJson.allowDestructive(in)));
    }

    @POST
    @Path("preview")
    public Map<String, Object> preview(@Context ContainerRequestContext request, Map<String, Object> body) {
        var desired = ProfileSchemaJson.schema(Inputs.required(body), Set.of());
        return ProfileSchemaJson.change(schemas.preview(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), desired));
    }
}
