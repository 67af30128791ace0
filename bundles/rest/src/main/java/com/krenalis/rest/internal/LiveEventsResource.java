package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ConnectionService;
import com.krenalis.api.platform.LiveEvents;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code GET /v1/connections/{id}/live-events}: the events a source accepts, as server-sent events ({@code event:
 * event}, the event's JSON as data), from the moment the stream opens. For watching a tracking setup while testing it.
 */
@Component(service = LiveEventsResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/connections/{id}/live-events")
public final class LiveEventsResource {
    private final ConnectionService connections;
    private final LiveEvents live;

    @Activate
    public LiveEventsResource(@Reference ConnectionService connections, @Reference LiveEvents live) {
        this.connections = requireNonNull(connections);
        this.live = requireNonNull(live);
    }

    @GET
    // JSON is listed too so that a client asking for JSON reaches the API-key filter (401) instead of being refused
    // by content negotiation (406) before it; the answer is an event stream either way.
    @Produces({MediaType.SERVER_SENT_EVENTS, MediaType.APPLICATION_JSON})
    public void stream(@Context ContainerRequestContext request, @PathParam("id") long id, @Context SseEventSink sink,
                       @Context Sse sse) {
        long workspace = WorkspaceSelection.of(request);
        connections.get(ApiKeyFilter.principal(request), workspace, id); // 404 unless the caller sees this source
        AtomicReference<LiveEvents.Subscription> subscription = new AtomicReference<>();
        subscription.set(live.subscribe(workspace, id, json -> {
            if (sink.isClosed()) {
                close(subscription);
                return;
            }
            sink.send(sse.newEventBuilder().name("event").data(new String(json, StandardCharsets.UTF_8)).build())
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            close(subscription);
                            sink.close();
                        }
                    });
        }));
        sink.send(sse.newEventBuilder().name("open").comment("streaming the events of source " + id).data("{}").build());
    }

    private static void close(AtomicReference<LiveEvents.Subscription> subscription) {
        LiveEvents.Subscription s = subscription.getAndSet(null);
        if (s != null) {
            s.close();
        }
    }
}
