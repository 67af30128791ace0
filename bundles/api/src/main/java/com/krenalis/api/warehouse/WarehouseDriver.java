package com.krenalis.api.warehouse;

import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A warehouse driver, registered as an OSGi service by a driver bundle. It opens {@link Warehouse}s: pooled
 * connections to one workspace's namespace (schema) in a warehouse.
 */
@ConsumerType
public interface WarehouseDriver {

    /** Stable identifier ({@code postgresql}, {@code snowflake}); workspaces refer to their driver by it. */
    String code();

    /** Display name. */
    String name();

    /** The settings {@link #open} takes (host, database, credentials, schema, pool size, ...). */
    SettingsSpec settings();

    /**
     * Opens a pooled connection to the warehouse. Does not create anything: call {@link Warehouse#check} to test it
     * and {@link Warehouse#apply} to create the workspace's objects. The caller closes it.
     */
    Warehouse open(Settings settings) throws WarehouseException;
}
