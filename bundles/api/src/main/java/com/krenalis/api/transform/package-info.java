/**
 * The transformation engine SPI: engines compile user functions (JavaScript, Python, ...) that transform one record at a time.
 */
@Export
@Version("1.0.0")
package com.krenalis.api.transform;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
