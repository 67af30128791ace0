package com.krenalis.runtime.launcher;

import java.util.Locale;

/**
 * One configuration setting: its key in {@code krenalis.properties} and the environment variable that overrides it
 * ({@code http.port} ↔ {@code KRENALIS_HTTP_PORT}).
 */
public enum Setting {
    HTTP_HOST("http.host", "0.0.0.0"),
    HTTP_PORT("http.port", "8080"),
    DATA_DIR("data.dir", "./data"),
    DEPLOY_DIR("deploy.dir", "./deploy"),
    ADMIN_KEY("admin.key", ""),
    SECRET_KEY("secret.key", ""),
    METADATA_URL("metadata.url", ""),
    METADATA_USER("metadata.user", ""),
    METADATA_PASSWORD("metadata.password", ""),
    WAREHOUSE_URL("warehouse.url", ""),
    WAREHOUSE_USER("warehouse.user", ""),
    WAREHOUSE_PASSWORD("warehouse.password", ""),
    EMBEDDED_PORT("embedded.port", "54329"),
    COLLECTOR_RATE_LIMIT("collector.rate.limit", "100000"),
    WAREHOUSE_LOAD_MAX_DEFER_SECONDS("warehouse.load.max.defer.seconds", "120"),
    LOG_LEVEL("log.level", "info"),
    SHUTDOWN_TIMEOUT("shutdown.timeout.seconds", "30");

    private final String key;
    private final String defaultValue;

    Setting(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String envName() {
        return "KRENALIS_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** How error messages name the setting: both spellings, so the user finds it wherever they set it. */
    public String display() {
        return envName() + " (" + key + ")";
    }
}
