/**
 * Pipelines: how data moves through the product. Each connection has pipelines; a pipeline has a target (users or
 * events), an optional filter, a transformation (a visual mapping or a function in an installed language), and
 * produces runs with counters per step and per-record errors. Services the core provides to its other bundles (REST);
 * not for connectors.
 */
@Export
@Version("1.1.0")
package com.krenalis.api.pipelines;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
