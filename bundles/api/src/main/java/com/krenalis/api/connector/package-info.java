/**
 * The connector SPI. A connector is an OSGi service implementing {@link com.krenalis.api.connector.Connector}; optional capabilities ({@link com.krenalis.api.connector.RecordSource}, {@link com.krenalis.api.connector.RecordDestination}, {@link com.krenalis.api.connector.FileFormat}, {@link com.krenalis.api.connector.FileStorage}) are further interfaces the same service may implement.
 */
@Export
@Version("1.1.0")
package com.krenalis.api.connector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
