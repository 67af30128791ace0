package com.krenalis.rest.internal;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.Extension.ExtensionType;
import com.krenalis.api.platform.ExtensionCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

/** {@code GET /v1/connectors}: the installed connectors, including failed ones. */
@Component(service = ConnectorsResource.class)
@JakartarsResource
@JakartarsExtensionSelect({ApiKeyFilter.SELECT, ErrorMapper.SELECT, JsonProvider.SELECT})
@Path("/v1/connectors")
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectorsResource {
    private final ExtensionCatalog catalog;

    @Activate
    public ConnectorsResource(@Reference ExtensionCatalog catalog) {
        this.catalog = requireNonNull(catalog);
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("connectors", catalog.list(ExtensionType.CONNECTOR).stream().map(Views.ExtensionView::of).toList());
    }
}
