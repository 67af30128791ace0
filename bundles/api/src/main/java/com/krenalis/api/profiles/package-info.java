/**
 * Unified profiles: the workspace's typed user schema, the identities that pipelines write, identity resolution and
 * the profiles it publishes. Services the core provides to its other bundles (REST, pipelines); not for connectors.
 *
 * <p>Warehouse tables (docs/warehouse.md): {@code identities} (one row per pipeline, identity id and anonymous flag),
 * {@code profiles} (a view over the latest run's {@code profiles_<run>} table) and the {@code kpid} of {@code events}.
 */
@Export
@Version("1.0.0")
package com.krenalis.api.profiles;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
