/**
 * The typed value model of Krenalis: the types of user-schema properties, and the schemas connectors discover.
 */
@Export
@Version("1.1.0")
package com.krenalis.api.types;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
