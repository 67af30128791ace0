package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.Extension.ExtensionType;
import com.krenalis.api.platform.ExtensionCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.component.annotations.Reference;

/** The installed connectors, warehouse drivers and transformation languages, including failed ones. */
@Component(service = ExtensionsResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ExtensionsResource {
    private final ExtensionCatalog catalog;

    @Activate
    public ExtensionsResource(@Reference ExtensionCatalog catalog) {
        this.catalog = requireNonNull(catalog);
    }

    @GET
    @Path("connectors")
    public Map<String, Object> connectors() {
        return Map.of("connectors", list(ExtensionType.CONNECTOR));
    }

    @GET
    @Path("warehouse-drivers")
    public Map<String, Object> warehouseDrivers() {
        return Map.of("warehouseDrivers", list(ExtensionType.WAREHOUSE_DRIVER));
    }

    @GET
    @Path("transformation-languages")
    public Map<String, Object> transformationLanguages() {
        return Map.of("transformationLanguages", list(ExtensionType.TRANSFORMATION_ENGINE));
    }

    private List<Views.ExtensionView> list(ExtensionType type) {
        return catalog.list(type).stream().map(Views.ExtensionView::of).toList();
    }
}
