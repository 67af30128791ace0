package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.pipelines.PipelineService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code POST /v1/transformations/preview}: a mapping or function tried on sample records, nothing saved. */
@Component(service = TransformationsResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/transformations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TransformationsResource {
    private final PipelineService pipelines;

    @Activate
    public TransformationsResource(@Reference PipelineService pipelines) {
        this.pipelines = requireNonNull(pipelines);
    }

    @POST
    @Path("preview")
    public Map<String, Object> preview(@Context ContainerRequestContext request, Map<String, Object> body) {
        PipelinesJson.Preview p = PipelinesJson.preview(Inputs.required(body));
        return Map.of("results", pipelines.preview(ApiKeyFilter.principal(request), WorkspaceSelection.of(request), p.target(),
                p.transformation(), p.records()).stream().map(PipelinesJson::preview).toList());
    }
}
