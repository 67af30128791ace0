package com.krenalis.api.platform;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.transform.TransformationEngine;
import com.krenalis.api.warehouse.WarehouseDriver;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The connectors, warehouse drivers and transformation engines installed now, including those that failed to start.
 * Changes as bundles are deployed and removed.
 */
@ProviderType
public interface ExtensionCatalog {

    List<Extension> list(Extension.ExtensionType type);

    /** The active connector with that code. */
    Optional<Connector> connector(String code);

    /** The active warehouse driver with that code. */
    Optional<WarehouseDriver> warehouseDriver(String code);

    /** The active engine for that language. */
    Optional<TransformationEngine> transformationEngine(String language);
}
