package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.pipelines.PipelineService;
import com.krenalis.api.platform.ConnectionService;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.TypeCodec;
import com.krenalis.rest.internal.Inputs.ConnectionInput;
import com.krenalis.rest.internal.Inputs.ConnectionUpdate;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code /v1/connections} of the selected workspace, and the write keys of event sources. */
@Component(service = ConnectionsResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ConnectionsResource {
    private final ConnectionService connections;
    private final PipelineService pipelines;

    @Activate
    public ConnectionsResource(@Reference ConnectionService connections, @Reference PipelineService pipelines) {
        this.connections = requireNonNull(connections);
        this.pipelines = requireNonNull(pipelines);
    }

    static Map<String, Object> check(CheckResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", r.ok());
        json.put("message", r.message());
        json.put("field", r.field());
        return json;
    }

    /** Tests settings before a connection is made of them: {@code {"connector", "settings"}}. */
    @POST
    @Path("check")
    public Map<String, Object> checkSettings(@Context ContainerRequestContext request, Map<String, Object> body) {
        Map<String, Object> in = Inputs.required(body);
        List<FieldError> errors = new ArrayList<>();
        for (String k : in.keySet()) {
            if (!k.equals("connector") && !k.equals("settings")) {
                errors.add(new FieldError(k, "unknown field"));
            }
        }
        if (!(in.get("connector") instanceof String)) {
            errors.add(new FieldError("connector", "is required: the code of an installed connector"));
        }
        if (in.get("settings") != null && !(in.get("settings") instanceof Map)) {
            errors.add(new FieldError("settings", "must be an object"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = in.get("settings") == null ? Map.of() : (Map<String, Object>) in.get("settings");
        return check(connections.check(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                (String) in.get("connector"), settings));
    }

    /** Tests a connection's stored settings against the live system. */
    @POST
    @Path("{id}/check")
    public Map<String, Object> check(@Context ContainerRequestContext request, @PathParam("id") long id) {
        return check(connections.check(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), id));
    }

    /** The schema a pipeline of the connection would read with these source settings: {@code {"source": {...}}}. */
    @POST
    @Path("{id}/discover")
    public Map<String, Object> discover(@Context ContainerRequestContext request, @PathParam("id") long id,
                                        Map<String, Object> body) {
        Map<String, Object> in = body == null ? Map.of() : body;
        for (String k : in.keySet()) {
            if (!k.equals("source")) {
                throw new InvalidInputException(k, "unknown field");
            }
        }
        if (in.get("source") != null && !(in.get("source") instanceof Map)) {
            throw new InvalidInputException("source", "must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> source = in.get("source") == null ? Map.of() : (Map<String, Object>) in.get("source");
        ObjectType schema = pipelines.discover(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), id, source);
        return Map.of("schema", TypeCodec.toJson(schema));
    }

    @GET
    public Map<String, Object> list(@Context ContainerRequestContext request) {
        return Map.of("connections", connections.list(ApiKeyFilter.principal(request), WorkspaceSelection.of(request)));
    }

    @POST
    public Response create(@Context ContainerRequestContext request, @Context UriInfo uri, ConnectionInput body) {
        ConnectionInput in = Inputs.required(body);
        var created = connections.create(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), in.name(),
                in.role(), in.connector(), in.settings());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    public Object get(@Context ContainerRequestContext request, @PathParam("id") long id) {
        return connections.get(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), id);
    }

    /** Rename, enable or disable, change settings; omitted fields are unchanged. */
    @PUT
    @Path("{id}")
    public Object update(@Context ContainerRequestContext request, @PathParam("id") long id, ConnectionUpdate body) {
        ConnectionUpdate in = Inputs.required(body);
        return connections.update(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), id, in.name(),
                in.enabled(), in.settings());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context ContainerRequestContext request, @PathParam("id") long id) {
        connections.delete(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/event-write-keys")
    public Response createWriteKey(@Context ContainerRequestContext request, @PathParam("id") long id) {
        var key = connections.createWriteKey(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), id);
        return Response.status(Response.Status.CREATED).entity(key).build();
    }

    @GET
    @Path("{id}/event-write-keys")
    public Map<String, Object> writeKeys(@Context ContainerRequestContext request, @PathParam("id") long id) {
        return Map.of("eventWriteKeys", connections.listWriteKeys(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), id));
    }

    @DELETE
    @Path("{id}/event-write-keys/{key}")
    public Response deleteWriteKey(@Context ContainerRequestContext request, @PathParam("id") long id,
                                   @PathParam("key") String key) {
        connections.deleteWriteKey(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), id, key);
        return Response.noContent().build();
    }
}
