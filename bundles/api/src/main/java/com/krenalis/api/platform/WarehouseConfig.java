package com.krenalis.api.platform;

import java.util.Map;

/**
 * Where a workspace's data lives.
 *
 * @param driver   the warehouse driver's code, or null for the server's default warehouse (the embedded
 *                 PostgreSQL unless configured otherwise)
 * @param settings the driver's settings (secrets redacted when read back); empty for the default warehouse
 */
public record WarehouseConfig(String driver, Map<String, Object> settings) {
    public WarehouseConfig {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public static WarehouseConfig serverDefault() {
        return new WarehouseConfig(null, Map.of());
    }

    public boolean isServerDefault() {
        return driver == null;
    }
}
