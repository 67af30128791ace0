package com.krenalis.driver.postgresql.internal;

import com.krenalis.api.settings.Settings;
import com.krenalis.api.warehouse.WarehouseException;

/** The driver's settings, checked together: either a URL, or a host and a database. */
record ConnectionSettings(String url, String host, int port, String database, String user, String password,
                          String schema, String sslMode, int maxConnections, int connectTimeoutSeconds) {

    static ConnectionSettings from(Settings s) throws WarehouseException {
        String url = s.string("url").orElse(null);
        String host = s.string("host").orElse(null);
        String database = s.string("database").orElse(null);
        if (url == null && (host == null || database == null)) {
            throw new WarehouseException("either url, or host and database, must be set");
        }
        if (url != null && (host != null || database != null)) {
            throw new WarehouseException("set either url, or host and database, not both");
        }
        return new ConnectionSettings(url, host, (int) s.requireInteger("port"), database,
                s.requireString("user"), s.string("password").orElse(null), s.requireString("schema"),
                s.requireString("sslMode"), (int) s.requireInteger("maxConnections"),
                (int) s.requireInteger("connectTimeoutSeconds"));
    }

    String jdbcUrl() {
        return url != null ? url : "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ConnectionSettings[" + (url != null ? url : host + ":" + port + "/" + database) + ", user=" + user
                + ", schema=" + schema + "]";
    }
}
