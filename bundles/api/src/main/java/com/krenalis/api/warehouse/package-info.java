/**
 * The warehouse driver SPI: how Krenalis connects to, shapes, loads and queries a workspace's data warehouse.
 */
@Export
@Version("1.0.0")
package com.krenalis.api.warehouse;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
