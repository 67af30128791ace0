package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.pipelines.MetricsBucket;
import com.krenalis.api.pipelines.PipelineService;
import com.krenalis.api.platform.Principal;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/**
 * {@code /v1/pipelines} of the selected workspace: definitions, enable/disable, runs (start, list, read, cancel),
 * errors and metrics per pipeline.
 */
@Component(service = PipelinesResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/pipelines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PipelinesResource {
    static final int DEFAULT_LIMIT = 100;
    private final PipelineService pipelines;

    @Activate
    public PipelinesResource(@Reference PipelineService pipelines) {
        this.pipelines = requireNonNull(pipelines);
    }

    @GET
    public Map<String, Object> list(@Context ContainerRequestContext request, @QueryParam("connection") String connection) {
        Long connectionId = connection == null ? null : QueryParams.id("connection", connection);
        return Map.of("pipelines", pipelines.list(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), connectionId)
                .stream().map(PipelinesJson::pipeline).toList());
    }

    @POST
    public Response create(@Context ContainerRequestContext request, Map<String, Object> body) {
        Map<String, Object> in = Inputs.required(body);
        long connection = PipelinesJson.connection(in);
        var created = pipelines.create(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), connection,
                PipelinesJson.spec(in, true));
        return Response.status(Response.Status.CREATED).entity(PipelinesJson.pipeline(created)).build();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return PipelinesJson.pipeline(pipelines.get(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                QueryParams.id("id", id)));
    }

    /** Replaces the definition; the target cannot change. */
    @PUT
    @Path("{id}")
    public Map<String, Object> replace(@Context ContainerRequestContext request, @PathParam("id") String id,
                                       Map<String, Object> body) {
        return PipelinesJson.pipeline(pipelines.replace(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                QueryParams.id("id", id), PipelinesJson.spec(Inputs.required(body), false)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@Context ContainerRequestContext request, @PathParam("id") String id) {
        pipelines.delete(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), QueryParams.id("id", id));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/enable")
    public Map<String, Object> enable(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return PipelinesJson.pipeline(pipelines.setEnabled(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                QueryParams.id("id", id), true));
    }

    @POST
    @Path("{id}/disable")
    public Map<String, Object> disable(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return PipelinesJson.pipeline(pipelines.setEnabled(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                QueryParams.id("id", id), false));
    }

    /** Starts a run now (202: it goes on in the background; 409 while one runs). */
    @POST
    @Path("{id}/runs")
    public Response startRun(@Context ContainerRequestContext request, @PathParam("id") String id) {
        var run = pipelines.startRun(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), QueryParams.id("id", id));
        return Response.status(Response.Status.ACCEPTED).entity(PipelinesJson.run(run)).build();
    }

    @GET
    @Path("runs")
    public Map<String, Object> runs(@Context ContainerRequestContext request, @QueryParam("pipeline") String pipeline,
                                    @QueryParam("limit") String limit) {
        Long pipelineId = pipeline == null ? null : QueryParams.id("pipeline", pipeline);
        return Map.of("runs", pipelines.runs(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), pipelineId,
                QueryParams.integer("limit", limit, DEFAULT_LIMIT)).stream().map(PipelinesJson::run).toList());
    }

    @GET
    @Path("runs/{id}")
    public Map<String, Object> run(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return PipelinesJson.run(pipelines.run(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                QueryParams.id("id", id)));
    }

    @POST
    @Path("runs/{id}/cancel")
    public Map<String, Object> cancel(@Context ContainerRequestContext request, @PathParam("id") String id) {
        return PipelinesJson.run(pipelines.cancelRun(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                QueryParams.id("id", id)));
    }

    /** Records that failed a step, newest first; {@code before} (an error id) pages back. */
    @GET
    @Path("{id}/errors")
    public Map<String, Object> errors(@Context ContainerRequestContext request, @PathParam("id") String id,
                                      @QueryParam("run") String run, @QueryParam("before") String before,
                                      @QueryParam("limit") String limit) {
        Principal principal = ApiKeyFilter.principal(request);
        return Map.of("errors", pipelines.errors(principal, WorkspaceSelection.of(request), QueryParams.id("id", id),
                run == null ? null : QueryParams.id("run", run), before == null ? null : QueryParams.id("before", before),
                QueryParams.integer("limit", limit, DEFAULT_LIMIT)).stream().map(PipelinesJson::error).toList());
    }

    /**
     * Counts per step by minute, hour or day; {@code from} and {@code to} are ISO instants, by default the last hour
     * (minute), two days (hour) or thirty days (day).
     */
    @GET
    @Path("{id}/metrics")
    public Map<String, Object> metrics(@Context ContainerRequestContext request, @PathParam("id") String id,
                                       @QueryParam("granularity") String granularity, @QueryParam("from") String from,
                                       @QueryParam("to") String to) {
        MetricsBucket.Granularity g;
        try {
            g = granularity == null ? MetricsBucket.Granularity.MINUTE
                    : MetricsBucket.Granularity.valueOf(granularity.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("granularity", "must be minute, hour or day");
        }
        Instant end = to == null ? Instant.now() : instant("to", to);
        Duration span = switch (g) {
            case MINUTE -> Duration.ofHours(1);
            case HOUR -> Duration.ofDays(2);
            case DAY -> Duration.ofDays(30);
        };
        Instant start = from == null ? end.minus(span) : instant("from", from);
        var buckets = pipelines.metrics(ApiKeyFilter.principal(request), WorkspaceSelection.of(request),
                QueryParams.id("id", id), g, start, end);
        return Map.of("granularity", g.key(), "from", start.toString(), "to", end.toString(),
                "metrics", buckets.stream().map(PipelinesJson::bucket).toList());
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(field, "must be an ISO-8601 instant such as 2026-12-04T10:00:00Z");
        }
    }
}
