/**
 * Services the Krenalis core provides to its other bundles (REST, ingestion, pipelines): workspaces, API keys, the catalog of installed extensions. Not for connectors or drivers.
 */
@Export
@Version("1.1.0")
package com.krenalis.api.platform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
