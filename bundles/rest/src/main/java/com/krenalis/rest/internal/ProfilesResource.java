package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.EventQueries;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.api.profiles.ProfileQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /v1/profiles}: the selected workspace's published profiles (chosen properties, a filter, an order, pages of
 * up to 1000), one profile, its identities and its events. {@code /v1/profiles/schema} is {@link ProfileSchemaResource}.
 */
@Component(service = ProfilesResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfilesResource {
    static final int DEFAULT_LIMIT = 100;
    private final ProfileQueries profiles;

    @Activate
    public ProfilesResource(@Reference ProfileQueries profiles) {
        this.profiles = requireNonNull(profiles);
    }

    @GET
    public Map<String, Object> list(@Context ContainerRequestContext request, @QueryParam("properties") String properties,
                                    @QueryParam("filter") String filter, @QueryParam("order") String order,
                                    @QueryParam("desc") String desc, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        ProfileQueries.Query query = query(properties, filter, order, desc, limit, cursor);
        ProfileQueries.Page page = profiles.list(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profiles", page.profiles());
        body.put("next", page.next());
        return body;
    }

    /** The query of {@code GET /v1/profiles} from its parameters. */
    static ProfileQueries.Query query(String properties, String filter, String order, String desc, String limit,
                                      String cursor) {
        return new ProfileQueries.Query(QueryParams.list(properties), QueryParams.jsonObject("filter", filter),
                order == null || order.isBlank() ? null : order.trim(), QueryParams.bool("desc", desc),
                QueryParams.integer("limit", limit, DEFAULT_LIMIT), cursor == null || cursor.isBlank() ? null : cursor);
    }

    @GET
    @Path("{kpid}")
    public Map<String, Object> get(@Context ContainerRequestContext request, @PathParam("kpid") String kpid) {
        return profile(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), QueryParams.uuid("kpid", kpid));
    }

    @GET
    @Path("{kpid}/identities")
    public Map<String, Object> identities(@Context ContainerRequestContext request, @PathParam("kpid") String kpid) {
        Principal principal = ApiKeyFilter.principal(request);
        long workspace = WorkspaceSelection.of(request);
        UUID id = QueryParams.uuid("kpid", kpid);
        profile(principal, workspace, id);
        return Map.of("identities", profiles.identities(principal, workspace, id));
    }

    @GET
    @Path("{kpid}/events")
    public Map<String, Object> events(@Context ContainerRequestContext request, @PathParam("kpid") String kpid,
                                      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Principal principal = ApiKeyFilter.principal(request);
        long workspace = WorkspaceSelection.of(request);
        UUID id = QueryParams.uuid("kpid", kpid);
        profile(principal, workspace, id);
        EventQueries.Page page = profiles.events(principal, workspace, id, QueryParams.integer("limit", limit, DEFAULT_LIMIT),
                cursor == null || cursor.isBlank() ? null : cursor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("next", page.next());
        return body;
    }

    private Map<String, Object> profile(Principal principal, long workspace, UUID kpid) {
        return profiles.profile(principal, workspace, kpid).orElseThrow(() -> new NotFoundException("no profile " + kpid));
    }
}
