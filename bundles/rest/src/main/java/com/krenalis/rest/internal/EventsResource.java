package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.EventQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /v1/events}: the workspace's events from its warehouse, newest first, filtered by source, type and time
 * of receipt, in pages of up to 1000 ({@code next} is the cursor of the following page). Shares its root path with the
 * collector's {@code POST /v1/events}.
 */
@Component(service = EventsResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/events")
public final class EventsResource {
    private final EventQueries events;

    @Activate
    public EventsResource(@Reference EventQueries events) {
        this.events = requireNonNull(events);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> list(@Context ContainerRequestContext request, @QueryParam("connection") Long connection,
                                    @QueryParam("type") String type, @QueryParam("since") String since,
                                    @QueryParam("until") String until, @QueryParam("limit") Integer limit,
                                    @QueryParam("cursor") String cursor) {
        EventQueries.Page page = events.list(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                new EventQueries.Filter(connection, type, instant("since", since), instant("until", until)),
                limit == null ? 100 : limit, cursor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("next", page.next());
        return body;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name, "must be an ISO-8601 instant such as 2026-11-23T10:00:00Z");
        }
    }
}
