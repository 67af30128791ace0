/**
 * Typed connector and driver settings: field specifications with per-field validation, and validated values.
 */
@Export
@Version("1.1.0")
package com.krenalis.api.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
